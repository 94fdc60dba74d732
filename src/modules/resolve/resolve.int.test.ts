import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from '../../db/database';
import { systemContext } from '../../shared/context';
import { ingestFile } from '../ingest';
import { BLOCKING_VERSION } from './blocking-keys';
import { exportEntities, ENTITY_EXPORT_HEADER } from './export.service';
import { digits, plant, uniqueId, uniqueSurname } from './planted';
import { runResolve } from './resolve.service';
import { listReview } from './review.service';
import { entityOf, linkSnapshot, loader, loadSplitWorld, openPrivateDatabase, recordIdOf } from './test-support';

let database: Database;
let drop: () => Promise<void>;
let dir: string;
let later: { source: string; file: string }[];
const system = systemContext('test', ['records_officer']);
const analyst = systemContext('test', ['analyst'], 'test-analyst');

beforeAll(async () => {
  ({ database, drop } = await openPrivateDatabase());
  ({ later, dir } = await loadSplitWorld(database, 120, 11, 0.6));
  const first = await runResolve(database, system);
  expect(first).toMatchObject({ mode: 'full', modelTrained: true });
});
afterAll(async () => {
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const openQueue = () =>
  database.transaction((tx) => tx.query(`SELECT mention_a::text, mention_b::text, reason, weight FROM review_queue WHERE status = 'open' ORDER BY 1, 2`));
const passportNo = () => `K${digits(8)}`;
/** The review queue's kept counts by status, and the counts of its rows (they must agree). */
const queueCounts = () =>
  database.transaction(async (tx) => ({
    kept: await tx.query(`SELECT status, n::int AS n FROM review_queue_counts WHERE n > 0 ORDER BY status`),
    counted: await tx.query(`SELECT status, count(*)::int AS n FROM review_queue GROUP BY status ORDER BY status`),
  }));
const lastQueueChange = () =>
  database.transaction(async (tx) => (await tx.query<{ t: string }>(`SELECT max(updated_at)::text AS t FROM review_queue`))[0]?.t);

describe('resolve', () => {
  const family = uniqueSurname('Quell');
  const passport = passportNo();
  let arrival: string;
  let ident: string;
  let clash: string;

  it('links records proven by a shared identifier, and keeps a contradicted one apart with its conflict shown', async () => {
    [arrival] = await plant(database, dir, 'adis-arrivals', [
      { admission_number: digits(11), family_name: family.toUpperCase(), given_name: 'ILSABET', birth_date: '1979-03-04', sex: 'F', citizenship_country: 'DEU', passport_number: passport, passport_country: 'DEU', class_of_admission: 'B2', admission_date: '2026-01-05', admit_until_date: '2026-07-04', port_of_entry: 'JFK', mode: 'air' },
    ]) as [string];
    // Another romanization of her name; the passport (issuer taken from citizenship) proves it.
    [ident] = await plant(database, dir, 'ident', [
      { fin: digits(10), encounter_date: '2026-01-05', encounter_type: 'ENTRY', family_name: family.toUpperCase(), given_name: 'ELISABETH', birth_date: '1979-03-04', citizenship_country: 'DEU', sex: 'F', passport_number: passport },
    ]) as [string];
    [clash] = await plant(database, dir, 'adis-arrivals', [
      { admission_number: digits(11), family_name: family.toUpperCase(), given_name: 'ILSABET', birth_date: '1985-11-20', sex: 'F', citizenship_country: 'DEU', passport_number: passport, passport_country: 'DEU', class_of_admission: 'B2', admission_date: '2026-02-05', admit_until_date: '2026-08-04', port_of_entry: 'JFK', mode: 'air' },
    ]) as [string];
    const run = await runResolve(database, system);
    expect(run.mode).toBe('incremental');
    expect(run.batches).toBe(3);
    const e = await entityOf(database, 'adis-arrivals', arrival);
    expect(e).not.toBeNull();
    expect(await entityOf(database, 'ident', ident)).toBe(e);
    expect(await entityOf(database, 'adis-arrivals', clash)).not.toBe(e);
    const identId = await recordIdOf(database, 'ident', ident);
    const [link] = await database.transaction((tx) => tx.query<{ method: string }>(`SELECT method FROM record_links WHERE source_record_id = $1 AND role = 'subject'`, [identId]));
    expect(link?.method).toBe('identifier');
    const clashId = await recordIdOf(database, 'adis-arrivals', clash);
    const conflicts = await database.transaction((tx) =>
      tx.query<{ conflicts: string[] }>(`SELECT conflicts FROM resolution_conflicts WHERE record_a = $1 OR record_b = $1`, [clashId]),
    );
    expect(conflicts.flatMap((c) => c.conflicts).join(' ')).toMatch(/same passport .*different dates of birth/);
    const review = await listReview(database, analyst, { status: 'open', limit: 200, offset: 0 });
    const item = review.entries.find((x) => [x.a.mention, x.b.mention].includes(Number(clashId) * 8));
    expect(item?.item.reason).toBe('conflict');
    expect(item?.verdict.explanation.conflicts.join(' ')).toMatch(/different dates of birth/);
  });

  it('links records without identifiers by probabilistic matching, and not a namesake', async () => {
    const fam = uniqueSurname('Varg');
    const [com, pub, other] = await plant(database, dir, 'commercial', [
      { given_name: 'Ottilie', family_name: fam, birth_date: '1988-06-15', address_line1: '12 Larch Road', city: 'Columbus', state: 'OH', postal_code: '43215', country: 'USA', phone: '+16145550177', email: `ottilie.${fam.toLowerCase()}@example.com` },
      { given_name: 'Otilie', family_name: fam, birth_date: '1988-06-15', address_line1: '12 Larch Rd', city: 'Columbus', state: 'OH', postal_code: '43215', country: 'USA' },
      { given_name: 'Bartholomew', family_name: fam, birth_date: '1951-12-01', address_line1: '900 Birch Avenue', city: 'Tucson', state: 'AZ', postal_code: '85701', country: 'USA' },
    ]) as [string, string, string];
    await runResolve(database, system);
    const e = await entityOf(database, 'commercial', com);
    expect(await entityOf(database, 'commercial', pub)).toBe(e);
    expect(await entityOf(database, 'commercial', other)).not.toBe(e);
    const id = await recordIdOf(database, 'commercial', pub);
    const [link] = await database.transaction((tx) => tx.query<{ method: string; match_weight: number }>(`SELECT method, match_weight FROM record_links WHERE source_record_id = $1 AND role = 'subject'`, [id]));
    expect(link?.method).toBe('probabilistic');
    expect(Number(link?.match_weight)).toBeGreaterThan(0);
  });

  it('gives the same entities from a full run as the incremental runs gave, with nothing to rewrite', async () => {
    for (const f of later) await ingestFile(database, loader, { source: f.source, file: f.file });
    // A corrected arrival: a new version of a record already resolved.
    await plant(database, dir, 'adis-arrivals', [
      { record_id: arrival, admission_number: digits(11), family_name: family.toUpperCase(), given_name: 'ILSABET', birth_date: '1979-03-04', sex: 'F', citizenship_country: 'DEU', passport_number: passport, passport_country: 'DEU', class_of_admission: 'B2', admission_date: '2026-01-06', admit_until_date: '2026-07-05', port_of_entry: 'EWR', mode: 'air' },
    ]);
    const inc = await runResolve(database, system);
    expect(inc.mode).toBe('incremental');
    expect(inc.counts.linksRemoved).toBeGreaterThan(0);
    const afterIncremental = await linkSnapshot(database);
    const queueAfterIncremental = await openQueue();
    const queueChanged = await lastQueueChange();
    const full = await runResolve(database, system, { full: true });
    expect(full.mode).toBe('full');
    expect(full.counts.linksChanged).toBe(0);
    expect(full.counts.linksRemoved).toBe(0);
    expect(await linkSnapshot(database)).toEqual(afterIncremental);
    expect(await openQueue()).toEqual(queueAfterIncremental);
    expect(queueAfterIncremental.length).toBeGreaterThan(0);
    // Nothing to rewrite: review items the full run keeps as they were are not written again.
    expect(await lastQueueChange()).toBe(queueChanged);
    const counts = await queueCounts();
    expect(counts.kept).toEqual(counts.counted);
    expect(full.openReviewItems).toBe(queueAfterIncremental.length);
    expect(await entityOf(database, 'ident', ident)).toBe(await entityOf(database, 'adis-arrivals', arrival));
  });

  it('runs in full when the stored index was written with another blocking version, then incrementally again', async () => {
    const arrivalOf = (given: string) => ({ admission_number: digits(11), family_name: uniqueSurname('Vrell').toUpperCase(), given_name: given, birth_date: '1990-05-06', sex: 'M', citizenship_country: 'NLD', passport_number: passportNo(), passport_country: 'NLD', class_of_admission: 'B1', admission_date: '2026-03-01', admit_until_date: '2026-08-31', port_of_entry: 'IAD', mode: 'air' });
    // As an index written with the first blocking version.
    await database.transaction((tx) => tx.query(`UPDATE match_index_state SET blocking_version = 1`));
    await plant(database, dir, 'adis-arrivals', [arrivalOf('JOOST')]);
    const said: string[] = [];
    const stale = await runResolve(database, system, { onProgress: (line) => said.push(line) });
    expect(stale).toMatchObject({ mode: 'full', modelTrained: false });
    expect(said[0]).toBe(`the stored match index was written with blocking version 1 and this code blocks with version ${BLOCKING_VERSION}: resolving everything again with the stored model`);
    await plant(database, dir, 'adis-arrivals', [arrivalOf('PIM')]);
    expect((await runResolve(database, system)).mode).toBe('incremental');
    const versions = await database.transaction((tx) => tx.query<{ v: number }>(`SELECT blocking_version AS v FROM resolution_runs WHERE id >= $1 ORDER BY id`, [stale.runId]));
    expect(versions.map((r) => Number(r.v))).toEqual([BLOCKING_VERSION, BLOCKING_VERSION]);
  });

  it('resolves everything again when a crash emptied the unlogged match index, to the same links and index', async () => {
    const persistence = await database.transaction((tx) =>
      tx.query<{ t: string; p: string }>(`SELECT relname AS t, relpersistence AS p FROM pg_class WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace AND relname LIKE 'match\\_%' ORDER BY 1`),
    );
    expect(persistence).toEqual(['match_blocks', 'match_index_state', 'match_mentions', 'match_models', 'match_oversized', 'match_pairs'].map((t) => ({ t, p: t === 'match_models' ? 'p' : 'u' })));
    const indexRows = () =>
      database.transaction((tx) =>
        tx.query(`SELECT (SELECT count(*) FROM match_mentions)::int AS mentions, (SELECT count(*) FROM match_blocks)::int AS blocks, (SELECT count(*) FROM match_pairs)::int AS pairs`),
      );
    expect((await runResolve(database, system)).mode).toBe('incremental');
    const links = await linkSnapshot(database);
    const index = await indexRows();
    // What PostgreSQL's crash recovery does to unlogged tables.
    await database.transaction((tx) => tx.exec(`TRUNCATE match_index_state, match_mentions, match_blocks, match_pairs, match_oversized`));
    const said: string[] = [];
    const again = await runResolve(database, system, { onProgress: (line) => said.push(line) });
    expect(again).toMatchObject({ mode: 'full', modelTrained: false, batches: expect.any(Number) });
    expect(said[0]).toBe('the stored match index is gone (PostgreSQL empties its unlogged tables after a crash): resolving everything again with the stored model');
    expect(again.counts.linksChanged).toBe(0);
    expect(await linkSnapshot(database)).toEqual(links);
    expect(await indexRows()).toEqual(index);
    expect((await runResolve(database, system)).mode).toBe('incremental');
  });

  it('keeps two schools of one name apart, joins a campus by a shared DSO, and a full run agrees', async () => {
    const name = `${uniqueSurname('Harrow')} State University`;
    const code = () => `BOS214F${digits(5)}`;
    const [codeA, codeB, codeC] = [code(), code(), code()];
    const [dsoA, dsoB] = [`DSO${digits(7)}`, `DSO${digits(7)}`];
    const student = (schoolCode: string, dso: string) => ({
      sevis_id: `N${digits(10)}`, family_name: uniqueSurname('Stu'), given_name: 'Amara', birth_date: '2001-05-06', citizenship_country: 'GHA',
      visa_type: 'F1', status: 'ACTIVE', status_date: '2025-08-20', school_code: schoolCode, school_name: name, dso_name: 'Pat Quinlan', dso_id: dso,
    });
    const [a, b] = (await plant(database, dir, 'sevis', [student(codeA, dsoA), student(codeB, dsoB)])) as [string, string];
    await runResolve(database, system);
    const school = (id: string) => entityOf(database, 'sevis', id, 'school');
    expect(await school(a)).not.toBeNull();
    expect(await school(b)).not.toBe(await school(a));
    // Another campus of school B: a code of its own, school B's DSO.
    const [c] = (await plant(database, dir, 'sevis', [student(codeC, dsoB)])) as [string];
    const inc = await runResolve(database, system);
    expect(inc.mode).toBe('incremental');
    expect(await school(c)).toBe(await school(b));
    expect(await school(a)).not.toBe(await school(b));
    const before = await linkSnapshot(database);
    const full = await runResolve(database, system, { full: true });
    expect(full.counts).toMatchObject({ linksChanged: 0, linksRemoved: 0 });
    expect(await linkSnapshot(database)).toEqual(before);
  });

  it('exports source,record_id,entity_id for every source record, calls by the caller', async () => {
    const fam = uniqueSurname('Cal');
    const phone = `+1617555${digits(4)}`;
    const [com] = await plant(database, dir, 'commercial', [{ given_name: 'Rosalind', family_name: fam, birth_date: '1990-01-02', phone, city: 'Boston', state: 'MA' }]) as [string];
    const ref = uniqueId('SUBPOENA');
    const [known, unknown] = await plant(database, dir, 'cdr', [
      { legal_process_ref: ref, calling_number: phone, called_number: '+16175550100', start_time: '2026-05-05T11:25:56Z', duration_seconds: '30', call_type: 'VOICE', carrier: 'TEST MOBILE', cell_site: 'BOS-1' },
      { legal_process_ref: ref, calling_number: `+1312555${digits(4)}`, called_number: phone, start_time: '2026-05-05T12:25:56Z', duration_seconds: '10', call_type: 'VOICE', carrier: 'TEST MOBILE', cell_site: 'BOS-1' },
    ]) as [string, string];
    const inc = await runResolve(database, system);
    expect(inc.counts.callLinks).toBeGreaterThan(0);
    // The incremental run relinked the calls it had to: a full run finds nothing to add.
    const again = await runResolve(database, system, { full: true });
    expect(again.counts).toMatchObject({ callLinks: 0, linksChanged: 0, linksRemoved: 0 });
    let csv = '';
    const r = await exportEntities(database, system, { format: 'csv', classification: 'TEST MARKING', destination: 'memory', write: (c) => void (csv += c) });
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(ENTITY_EXPORT_HEADER);
    const [{ n }] = (await database.transaction((tx) => tx.query<{ n: number }>(`SELECT count(DISTINCT (source, record_id))::int AS n FROM source_records`))) as [{ n: number }];
    expect(lines.length - 1).toBe(n);
    expect(r.rows).toBe(n);
    const row = (source: string, id: string) => lines.find((l) => l.startsWith(`${source},${id},`))?.split(',')[2];
    expect(row('adis-arrivals', arrival)).toBe(await entityOf(database, 'adis-arrivals', arrival));
    expect(lines.filter((l) => l.startsWith(`adis-arrivals,${arrival},`))).toHaveLength(1);
    expect(row('cdr', known)).toBe(await entityOf(database, 'commercial', com));
    expect(row('cdr', unknown)).toBe('');
    const [auditRow] = await database.transaction((tx) =>
      tx.query<{ details: { rows: number; classification: string } }>(`SELECT details FROM audit_log WHERE action = 'entities.export' ORDER BY seq DESC LIMIT 1`),
    );
    expect(auditRow?.details).toMatchObject({ rows: n, classification: 'TEST MARKING' });
  });

  it('removes the links of a disposed record or entity, and of every one when either table is emptied (0063)', async () => {
    const linkCount = (tx: Tx, where: string, params: unknown[] = []) =>
      tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM record_links WHERE ${where}`, params).then((r) => r[0]!.n);
    const [held] = await database.transaction((tx) =>
      tx.query<{ id: string; entity: string }>(
        `SELECT l.source_record_id::text AS id, l.entity_id::text AS entity FROM record_links l
         WHERE l.role = 'subject' AND (SELECT count(*) FROM record_links o WHERE o.entity_id = l.entity_id) > 2 ORDER BY 1 LIMIT 1`,
      ),
    );
    const before = await linkSnapshot(database);
    const rolledBack = new Error('rolled back');
    await expect(
      database.transaction(async (tx) => {
        const ofEntity = await linkCount(tx, 'entity_id = $1::uuid', [held!.entity]);
        await tx.query(`SET LOCAL leadtrac.disposal = 'on'`);
        await tx.query(`DELETE FROM source_records WHERE id = $1::bigint`, [held!.id]);
        expect(await linkCount(tx, 'source_record_id = $1::bigint', [held!.id])).toBe(0);
        expect(await linkCount(tx, 'entity_id = $1::uuid', [held!.entity])).toBe(ofEntity - 1);
        await tx.query(`DELETE FROM entities WHERE id = $1::uuid`, [held!.entity]);
        expect(await linkCount(tx, 'entity_id = $1::uuid', [held!.entity])).toBe(0);
        expect(await linkCount(tx, 'true')).toBeGreaterThan(0);
        // Both tables in one statement (the trigger must not empty record_links a second time).
        await tx.exec(`SAVEPOINT together`);
        await tx.exec(`TRUNCATE record_links, entities`);
        await tx.exec(`ROLLBACK TO SAVEPOINT together`);
        expect(await linkCount(tx, 'true')).toBeGreaterThan(0);
        await tx.exec(`TRUNCATE entities`);
        expect(await linkCount(tx, 'true')).toBe(0);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await linkSnapshot(database)).toEqual(before);
  });
});
