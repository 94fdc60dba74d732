import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { systemContext } from '../../shared/context';
import { openTestDatabase } from '../../test/test-db';
import { ASSESSMENT_CLASSES, DEFAULT_STATUS_CONFIG, parseStatusConfig } from './engine';
import { runAssessment } from './assess-run';
import { correctAdmission, seedPerson, uniqueValue, type SeededPerson } from './status-fixtures';

let database: Database;
const analyst = systemContext('test', ['analyst']);

interface Row {
  admission_number: string;
  person_key: string;
  entity_id: string | null;
  class: string;
  aed: string | null;
  departure_date: string | null;
  overstay_days: number;
  unlawful_presence_days: number;
  bar_tier: string;
  flags: string;
  rules: string;
}

async function rowsOf(runId: string, people: SeededPerson[]): Promise<Map<string, Row>> {
  const numbers = people.flatMap((p) => p.admissionNumbers);
  const rows = await database.transaction((tx) =>
    tx.query<Row>(
      `SELECT admission_number, person_key, entity_id::text AS entity_id, class, aed::text AS aed,
         departure_date::text AS departure_date, overstay_days, unlawful_presence_days, bar_tier, flags, rules
       FROM status_assessments WHERE run_id = $1 AND admission_number = ANY($2::text[])`,
      [runId, numbers],
    ),
  );
  return new Map(rows.map((r) => [r.admission_number, r]));
}

function one(rows: Map<string, Row>, p: SeededPerson, i = 0): Row {
  const r = rows.get(p.admissionNumbers[i]!);
  if (!r) throw new Error(`no assessment for ${p.admissionNumbers[i]}`);
  return r;
}

// A small world of planted cases; each names the rule it exercises.
async function plant() {
  const compliant = await seedPerson(database, {
    admissions: [{ admission_date: '2025-01-10', admit_until_date: '2025-07-09' }],
    departures: [{ departure_date: '2025-07-09' }],
  });
  const lateNumber = uniqueValue('9');
  const outOfCountry = await seedPerson(database, {
    admissions: [{ admission_number: lateNumber, admission_date: '2025-01-10', admit_until_date: '2025-03-01' }],
    departures: [{ admission_number: lateNumber, departure_date: '2025-03-11', passport_number: 'OTHERDOC1' }],
  });
  const inCountry = await seedPerson(database, {
    admissions: [{ admission_date: '2024-01-10', admit_until_date: '2024-07-09' }],
  });
  const inStatus = await seedPerson(database, {
    admissions: [{ admission_date: '2025-09-01', admit_until_date: '2026-02-28' }],
  });
  const diplomat = await seedPerson(database, {
    admissions: [{ class_of_admission: 'A1', admission_date: '2024-01-10', admit_until_date: '2024-02-01' }],
  });
  const land = await seedPerson(database, {
    admissions: [{ citizenship_country: 'MEX', mode: 'land', admission_date: '2024-01-10', admit_until_date: '2024-02-01' }],
  });
  const sevisId = uniqueValue('N');
  const student = await seedPerson(database, {
    admissions: [{ class_of_admission: 'F1', admission_date: '2024-08-20', admit_until_date: null, sevis_id: sevisId }],
    sevis: [
      { sevis_id: sevisId, status: 'ACTIVE', status_date: '2024-08-01', program_end_date: '2027-05-15', visa_type: 'F1' },
      { sevis_id: sevisId, status: 'TERMINATED', status_date: '2025-03-01', termination_reason: 'Unauthorized Employment', visa_type: 'F1' },
    ],
  });
  // Not linked by entity resolution yet: the departure finds the admission by passport.
  const unlinked = await seedPerson(database, {
    linked: false,
    admissions: [{ admission_date: '2025-02-01', admit_until_date: '2025-05-01' }],
    departures: [{ departure_date: '2025-05-20' }],
  });
  const pending = await seedPerson(database, {
    admissions: [{ admission_date: '2025-01-10', admit_until_date: '2025-04-09' }],
    claims: [{ receipt_number: uniqueValue('EAC'), form_type: 'I-539', received_date: '2025-04-01', status: 'PENDING' }],
  });
  // The resolver put the departure on another entity; it names the admission, so it closes it.
  const namedNumber = uniqueValue('9');
  const named = await seedPerson(database, {
    admissions: [{ admission_number: namedNumber, admission_date: '2025-01-10', admit_until_date: '2025-03-01' }],
  });
  await seedPerson(database, { departures: [{ admission_number: namedNumber, departure_date: '2025-02-20' }] });
  return { compliant, outOfCountry, inCountry, inStatus, diplomat, land, student, unlinked, pending, named };
}

let world: Awaited<ReturnType<typeof plant>>;
beforeAll(async () => {
  database = await openTestDatabase();
  world = await plant();
});
afterAll(async () => {
  await database.close();
});

describe('the assessment pass', () => {
  it('classifies planted admissions as the rules say and records the run', async () => {
    const r = await runAssessment(database, analyst, { asOf: '2025-10-01', separateReader: true });
    const rows = await rowsOf(r.runId, Object.values(world));
    const w = world;
    expect(one(rows, w.compliant)).toMatchObject({ class: 'COMPLIANT_DEPARTURE', overstay_days: 0, departure_date: '2025-07-09' });
    expect(one(rows, w.outOfCountry)).toMatchObject({ class: 'OUT_OF_COUNTRY_OVERSTAY', overstay_days: 10, flags: 'VISA_VOID_222G' });
    expect(one(rows, w.outOfCountry).rules).toContain('MATCH_BY_ADMISSION_NUMBER');
    // 2024-07-09 to 2025-10-01: 449 days, past a year: the ten-year bar.
    expect(one(rows, w.inCountry)).toMatchObject({ class: 'SUSPECTED_IN_COUNTRY_OVERSTAY', overstay_days: 449, unlawful_presence_days: 449, bar_tier: 'TEN_YEAR' });
    expect(one(rows, w.inStatus)).toMatchObject({ class: 'IN_STATUS', overstay_days: 0 });
    expect(one(rows, w.diplomat).class).toBe('OUT_OF_SCOPE');
    expect(one(rows, w.land).class).toBe('INDETERMINATE_LAND');
    expect(one(rows, w.student)).toMatchObject({ class: 'SUSPECTED_IN_COUNTRY_OVERSTAY', aed: '2025-03-01', overstay_days: 214 });
    expect(one(rows, w.unlinked)).toMatchObject({ class: 'OUT_OF_COUNTRY_OVERSTAY', overstay_days: 19, entity_id: null });
    expect(one(rows, w.unlinked).person_key).toMatch(/^p:BRA:/);
    expect(one(rows, w.unlinked).rules).toContain('MATCH_BY_PERSON');
    expect(one(rows, w.pending).class).toBe('PENDING_BENEFIT');
    expect(one(rows, w.named)).toMatchObject({ class: 'COMPLIANT_DEPARTURE', departure_date: '2025-02-20', entity_id: w.named.entityId });
    expect(one(rows, w.compliant).entity_id).toBe(w.compliant.entityId);

    expect(r.configVersion).toBe(DEFAULT_STATUS_CONFIG.version);
    expect(r.admissions).toBeGreaterThanOrEqual(9);
    const run = await database.transaction((tx) =>
      tx.query<{ config_version: string; as_of: string; admissions: number; version: string }>(
        `SELECT config_version, as_of::text AS as_of, admissions, config->>'version' AS version FROM status_runs WHERE id = $1`,
        [r.runId],
      ),
    );
    expect(run[0]).toEqual({ config_version: DEFAULT_STATUS_CONFIG.version, as_of: '2025-10-01', admissions: r.admissions, version: DEFAULT_STATUS_CONFIG.version });
  });

  it('ignores records dated after the AOD, and gives the same answer when run again', async () => {
    const number = uniqueValue('9');
    const later = await seedPerson(database, {
      admissions: [{ admission_number: number, admission_date: '2025-01-10', admit_until_date: '2025-04-09' }],
      departures: [{ admission_number: number, departure_date: '2025-06-01' }],
      sevis: [],
    });
    const first = await runAssessment(database, analyst, { asOf: '2025-05-01' });
    const before = one(await rowsOf(first.runId, [later]), later);
    expect(before).toMatchObject({ class: 'SUSPECTED_IN_COUNTRY_OVERSTAY', overstay_days: 22, departure_date: null });

    const again = await runAssessment(database, analyst, { asOf: '2025-05-01' });
    expect(again.supersededRunId).toBe(first.runId);
    const all = Object.values(world).concat([later]);
    const a = await rowsOf(first.runId, all);
    expect(a.size).toBe(0); // the superseded run's results are gone
    const b = await rowsOf(again.runId, all);
    const repeat = await runAssessment(database, analyst, { asOf: '2025-05-01', separateReader: true });
    const c = await rowsOf(repeat.runId, all);
    expect([...c.values()].map(({ person_key, ...rest }) => ({ ...rest, person_key }))).toEqual([...b.values()]);

    const after = await runAssessment(database, analyst, { asOf: '2025-07-01' });
    expect(one(await rowsOf(after.runId, [later]), later)).toMatchObject({ class: 'OUT_OF_COUNTRY_OVERSTAY', overstay_days: 53 });
  });

  it('gives the same results and totals whether persons are assessed on this thread or on workers', async () => {
    const travellers = [
      ...Object.values(world),
      ...(await Promise.all(
        ['2024-02-01', '2024-06-01', '2025-01-15'].map((day) =>
          seedPerson(database, {
            admissions: [
              { admission_date: '2023-03-01', admit_until_date: '2023-06-01' },
              { admission_date: day, admit_until_date: '2024-12-31' },
            ],
            departures: [{ departure_date: '2023-05-20' }],
          }),
        ),
      )),
    ];
    const numbers = travellers.flatMap((p) => p.admissionNumbers);
    // Only this file's travellers: on PostgreSQL other test files write to the same database
    // between the two runs.
    const ours = async (runId: string) =>
      database.transaction(async (tx) => ({
        assessments: await tx.query(
          `SELECT admission_number, person_key, class, aed::text AS aed, overstay_days, flags, rules
           FROM status_assessments WHERE run_id = $1 AND admission_number = ANY($2::text[]) ORDER BY admission_number`,
          [runId, numbers],
        ),
        risks: await tx.query(
          `SELECT person_key, score, level, factors::text AS factors FROM status_risks
           WHERE run_id = $1 AND person_key IN (SELECT person_key FROM status_assessments WHERE run_id = $1 AND admission_number = ANY($2::text[]))
           ORDER BY person_key`,
          [runId, numbers],
        ),
      }));
    // What a run counted, as its stored rows say.
    const stored = async (runId: string) =>
      database.transaction(async (tx) => {
        const [n] = await tx.query<{ persons: number; admissions: number }>(
          `SELECT count(DISTINCT person_key)::int AS persons, count(*)::int AS admissions FROM status_assessments WHERE run_id = $1`,
          [runId],
        );
        const [v] = await tx.query<{ violators: number }>(`SELECT count(*)::int AS violators FROM status_risks WHERE run_id = $1`, [runId]);
        const byClass = await tx.query<{ class: string; n: number }>(
          `SELECT class, count(*)::int AS n FROM status_assessments WHERE run_id = $1 GROUP BY class`,
          [runId],
        );
        const classCounts = Object.fromEntries(ASSESSMENT_CLASSES.map((c) => [c, byClass.find((r) => r.class === c)?.n ?? 0]));
        return { ...n!, ...v!, classCounts };
      });
    const totals = ({ persons, admissions, violators, classCounts }: Awaited<ReturnType<typeof runAssessment>>) => ({ persons, admissions, violators, classCounts });

    const here = await runAssessment(database, analyst, { asOf: '2025-10-01', workers: 0 });
    // Read now: the next run of the same date replaces it.
    const [a, hereStored] = [await ours(here.runId), await stored(here.runId)];
    // Batches of two persons over two workers: many batches, answered out of turn at times.
    const workers = await runAssessment(database, analyst, { asOf: '2025-10-01', workers: 2, batchPersons: 2 });
    const b = await ours(workers.runId);
    expect(a.assessments).toHaveLength(numbers.length);
    expect(a.risks.length).toBeGreaterThan(1);
    expect(b).toEqual(a);
    expect(totals(here)).toEqual(hereStored);
    expect(totals(workers)).toEqual(await stored(workers.runId));

    // The tallies the pass counted are the grouping of the assessments it stored.
    const tallies = await database.transaction(async (tx) => ({
      stored: await tx.query(
        `SELECT fiscal_year, class_of_admission, citizenship_country, class, admissions FROM status_run_tallies
         WHERE run_id = $1 ORDER BY 1, 2, 3, 4`,
        [workers.runId],
      ),
      grouped: await tx.query(
        `SELECT (extract(year FROM aed)::int + CASE WHEN extract(month FROM aed) >= 10 THEN 1 ELSE 0 END) AS fiscal_year,
           class_of_admission, coalesce(citizenship_country, '') AS citizenship_country, class, count(*)::int AS admissions
         FROM status_assessments WHERE run_id = $1 AND aed IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
        [workers.runId],
      ),
    }));
    expect(tallies.stored.length).toBeGreaterThan(3);
    expect(tallies.stored).toEqual(tallies.grouped);

    // The run's partitions carry their parents' indexes, each attached to its parent's, and no others.
    const indexes = await database.transaction((tx) =>
      tx.query<{ table: string; index: string; parent: string | null }>(
        `SELECT t.relname AS table, c.relname AS index, p.relname AS parent
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
           LEFT JOIN pg_inherits h ON h.inhrelid = c.oid LEFT JOIN pg_class p ON p.oid = h.inhparent
         WHERE t.relname IN ($1, $2) ORDER BY 1, 2`,
        [`status_assessments_r${workers.runId}`, `status_risks_r${workers.runId}`],
      ),
    );
    expect(indexes.map((i) => i.parent)).toEqual(['status_assessments_entity_idx', 'status_risks_rank_idx']);
  });

  it('records the configuration version it used and reads only the latest version of a record', async () => {
    const p = await seedPerson(database, { admissions: [{ class_of_admission: 'WT', admission_date: '2025-01-10', admit_until_date: '2025-04-09' }] });
    const fixed = await correctAdmission(database, p.admissionRecordIds[0]!, { admit_until_date: '2025-04-05' });
    const config = parseStatusConfig({ ...DEFAULT_STATUS_CONFIG, version: 'test-vwp-60', visaWaiver: { ...DEFAULT_STATUS_CONFIG.visaWaiver, capDays: 60 } });
    const r = await runAssessment(database, analyst, { asOf: '2025-06-01', config });
    expect(r.configVersion).toBe('test-vwp-60');
    const rows = await database.transaction((tx) =>
      tx.query<{ aed: string; admission_record_id: string; class: string }>(
        `SELECT aed::text AS aed, admission_record_id::text AS admission_record_id, class FROM status_assessments
         WHERE run_id = $1 AND admission_number = $2`,
        [r.runId, p.admissionNumbers[0]],
      ),
    );
    // One assessment, from the corrected record, with the Visa Waiver cap of this configuration.
    expect(rows).toEqual([{ aed: '2025-03-10', admission_record_id: fixed, class: 'SUSPECTED_IN_COUNTRY_OVERSTAY' }]);
    const stored = await database.transaction((tx) =>
      tx.query<{ v: string }>(`SELECT config->'visaWaiver'->>'capDays' AS v FROM status_runs WHERE id = $1`, [r.runId]),
    );
    expect(stored[0]!.v).toBe('60');
  });

  it('refuses a role that may not run it, and an impossible date', async () => {
    await expect(runAssessment(database, systemContext('test', ['privacy_officer']), { asOf: '2025-10-01' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(runAssessment(database, analyst, { asOf: '2025-02-30' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
