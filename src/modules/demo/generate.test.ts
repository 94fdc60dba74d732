import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUND_TRUTH_COLUMNS, SOURCE_COLUMNS, SOURCE_NAMES, type SourceName } from './columns';
import { generateWorld, type WorldSummary } from './generate';
import { STATUS_CLASSES } from './types';

type Row = Record<string, string>;
const dirs: string[] = [];

async function world(
  persons: number,
  seed: number,
): Promise<{ dir: string; summary: WorldSummary }> {
  const dir = await mkdtemp(join(tmpdir(), 'leadtrac-world-'));
  dirs.push(dir);
  return { dir, summary: await generateWorld({ persons, seed, outDir: dir }) };
}

async function readCsv(path: string): Promise<{ header: string[]; rows: Row[] }> {
  const text = await readFile(path, 'utf8');
  const all: string[][] = parse(text, { relax_column_count: false });
  const header = all[0] ?? [];
  return {
    header,
    rows: all.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))),
  };
}

async function fingerprint(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const sub of ['', 'ground-truth']) {
    for (const f of await readdir(join(dir, sub))) {
      if (f === 'ground-truth') continue;
      out.set(
        join(sub, f),
        createHash('sha256')
          .update(await readFile(join(dir, sub, f)))
          .digest('hex'),
      );
    }
  }
  return out;
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('generateWorld, small worlds', () => {
  it('writes byte-identical files for the same seed, different ones for another seed', async () => {
    const a = await world(300, 7);
    const b = await world(300, 7);
    const c = await world(300, 8);
    const fa = await fingerprint(a.dir);
    expect(fa.size).toBe(SOURCE_NAMES.length + 4);
    expect(await fingerprint(b.dir)).toEqual(fa);
    expect((await fingerprint(c.dir)).get('adis-arrivals.csv')).not.toBe(
      fa.get('adis-arrivals.csv'),
    );
  });

  it('generates a 300-person world well under a few seconds', async () => {
    const { summary } = await world(300, 99);
    expect(summary.persons).toBe(300);
    expect(summary.elapsedMs).toBeLessThan(3000);
  });

  it('refuses nonsense options', async () => {
    await expect(
      generateWorld({ persons: 3, seed: 1, outDir: join(tmpdir(), 'never') }),
    ).rejects.toThrow(/persons/);
    await expect(
      generateWorld({ persons: 100, seed: 1, outDir: join(tmpdir(), 'never'), asOf: '2026-02-30' }),
    ).rejects.toThrow(/calendar/);
  });
});

describe('generateWorld, a 2,000-person world', () => {
  let dir = '';
  let summary: WorldSummary;
  const sources = new Map<SourceName, { header: string[]; rows: Row[] }>();
  let persons: Row[] = [];
  let status: Row[] = [];

  beforeAll(async () => {
    ({ dir, summary } = await world(2000, 42));
    for (const s of SOURCE_NAMES) sources.set(s, await readCsv(join(dir, `${s}.csv`)));
    persons = (await readCsv(join(dir, 'ground-truth', 'persons.csv'))).rows;
    status = (await readCsv(join(dir, 'ground-truth', 'status.csv'))).rows;
  }, 60_000);

  it('writes exactly the contract header in every source file and ground-truth file', async () => {
    for (const s of SOURCE_NAMES) expect(sources.get(s)?.header).toEqual([...SOURCE_COLUMNS[s]]);
    for (const [name, columns] of Object.entries(GROUND_TRUTH_COLUMNS)) {
      expect((await readCsv(join(dir, 'ground-truth', `${name}.csv`))).header).toEqual([
        ...columns,
      ]);
    }
    for (const s of SOURCE_NAMES)
      expect(summary.files[`${s}.csv`]).toBe(sources.get(s)?.rows.length);
  });

  it('plants every status class, and the oracle agrees with every scenario', () => {
    const seen = new Set(status.map((r) => r.expected_class));
    expect([...seen].sort()).toEqual([...STATUS_CLASSES].sort());
    expect(summary.oracleMismatches).toBe(0);
    const arrivals = new Set(sources.get('adis-arrivals')?.rows.map((r) => r.admission_number));
    expect(status.every((r) => arrivals.has(r.admission_number ?? ''))).toBe(true);
    expect(status.length).toBe(arrivals.size);
  });

  it('keeps overstays a few percent of admissions, most of them compliant', () => {
    const count = (cls: string) => status.filter((r) => r.expected_class === cls).length;
    const overstays = count('SUSPECTED_IN_COUNTRY_OVERSTAY') + count('OUT_OF_COUNTRY_OVERSTAY');
    expect(count('COMPLIANT_DEPARTURE') / status.length).toBeGreaterThan(0.5);
    expect(overstays / status.length).toBeLessThan(0.12);
    expect(overstays).toBeGreaterThan(0);
  });

  it('has a ground-truth row for every person-describing record, pointing at records that exist', () => {
    const ids = new Map<string, Set<string>>();
    for (const s of SOURCE_NAMES)
      ids.set(s, new Set(sources.get(s)?.rows.map((r) => r.record_id ?? '')));
    expect(persons.filter((g) => !ids.get(g.source ?? '')?.has(g.record_id ?? ''))).toEqual([]);
    const subjects = new Set(
      persons.filter((g) => g.role === 'subject').map((g) => `${g.source}/${g.record_id}`),
    );
    for (const s of SOURCE_NAMES) {
      if (s === 'cdr' || s === 'tips') continue;
      expect(
        (sources.get(s)?.rows ?? []).filter((r) => !subjects.has(`${s}/${r.record_id}`)),
        s,
      ).toEqual([]);
    }
    // A tip without a subject row is one about nobody in the world, and planted.json says so.
    expect(persons.some((g) => g.source === 'tips' && g.role === 'tipster')).toBe(true);
    const dsoRows = persons.filter((g) => g.role === 'dso');
    expect(dsoRows.length).toBe(sources.get('sevis')?.rows.length);
  });

  it('writes a planted.json whose people and records exist', async () => {
    const planted = JSON.parse(await readFile(join(dir, 'ground-truth', 'planted.json'), 'utf8'));
    const people = new Set(persons.map((g) => g.true_person_id));
    for (const section of [
      'families',
      'call_rings',
      'deconfliction_overlaps',
      'tips',
      'expected_leads',
      'fraudulent_schools',
      'associates',
    ]) {
      expect(planted[section].length, section).toBeGreaterThan(0);
    }
    const leads = planted.expected_leads as { true_person_id?: string }[];
    expect(leads.filter((l) => l.true_person_id && !people.has(l.true_person_id))).toEqual([]);
    const kinds = new Set(planted.deconfliction_overlaps.map((o: { kind: string }) => o.kind));
    expect([...kinds]).toEqual(
      expect.arrayContaining(['shared_phone', 'shared_address', 'school_multiple_leads']),
    );
    const tipIds = new Set(sources.get('tips')?.rows.map((r) => r.record_id));
    expect(
      (planted.tips as { record_id: string }[]).filter((t) => !tipIds.has(t.record_id)),
    ).toEqual([]);
    expect(
      planted.call_rings.some(
        (r: { kind: string; members: unknown[] }) => r.kind === 'ring' && r.members.length >= 3,
      ),
    ).toBe(true);
  });

  it('plants name and identity variants, while most records stay clean', () => {
    const variations = persons.flatMap((g) => (g.variations ? g.variations.split(';') : []));
    for (const v of [
      'translit',
      'typo',
      'order_swap',
      'nickname',
      'dob_swap',
      'dob_missing',
      'passport_renewed',
      'surname_dropped',
      'diacritics',
    ]) {
      expect(variations, v).toContain(v);
    }
    const clean = persons.filter((g) => !g.variations).length;
    expect(clean / persons.length).toBeGreaterThan(0.6);
  });

  it('terminates students for every reason and makes fraudulent schools stand out', async () => {
    const sevis = sources.get('sevis')?.rows ?? [];
    const reasons = new Set(sevis.map((r) => r.termination_reason));
    for (const reason of [
      'Unauthorized Withdrawal',
      'Unauthorized Employment',
      'Failure to Enroll',
      'No Show',
      'Otherwise Failing to Maintain Status',
      'Authorized Early Withdrawal',
      'Change of Status Approved',
      'Death',
    ]) {
      expect(reasons, reason).toContain(reason);
    }
    expect(
      sevis.some((r) => r.opt_type === 'STEM') &&
        sevis.some((r) => r.opt_type === 'POST_COMPLETION'),
    ).toBe(true);
    const schools = (await readCsv(join(dir, 'ground-truth', 'schools.csv'))).rows;
    const fraud = new Set(schools.filter((s) => s.fraudulent === 'Y').map((s) => s.school_code));
    expect(fraud.size).toBeGreaterThanOrEqual(2);
    const fraudRows = sevis.filter((r) => fraud.has(r.school_code ?? ''));
    const students = new Set(fraudRows.map((r) => r.sevis_id));
    const addresses = new Set(fraudRows.map((r) => r.us_address));
    expect(addresses.size).toBeLessThan(students.size);
    const codesByDso = new Map<string, Set<string>>();
    for (const r of sevis)
      codesByDso.set(
        r.dso_id ?? '',
        (codesByDso.get(r.dso_id ?? '') ?? new Set()).add(r.school_code ?? ''),
      );
    expect([...codesByDso.values()].some((codes) => codes.size >= 2)).toBe(true);
  });

  it('shapes identifiers as the contract says, and keeps them fictional', () => {
    const col = (s: SourceName, c: string) =>
      (sources.get(s)?.rows ?? []).map((r) => r[c] ?? '').filter(Boolean);
    expect(col('adis-arrivals', 'admission_number').every((v) => /^\d{11}$/.test(v))).toBe(true);
    expect(col('adis-arrivals', 'passport_number').every((v) => /^[A-Z0-9]{6,9}$/.test(v))).toBe(
      true,
    );
    expect(col('ccd-visas', 'visa_foil_number').every((v) => /^\d{8}$/.test(v))).toBe(true);
    expect(col('sevis', 'sevis_id').every((v) => /^N\d{10}$/.test(v))).toBe(true);
    expect(col('eid', 'a_number').every((v) => /^A\d{9}$/.test(v))).toBe(true);
    expect(col('ident', 'fin').every((v) => /^\d{10}$/.test(v))).toBe(true);
    expect(
      col('claims', 'receipt_number').every((v) => /^(EAC|WAC|LIN|SRC|IOE|MSC)\d{10}$/.test(v)),
    ).toBe(true);
    expect(col('commercial', 'ssn').every((v) => /^9\d{2}-\d{2}-\d{4}$/.test(v))).toBe(true);
    expect(col('commercial', 'phone').every((v) => /^\+1\d{3}555\d{4}$/.test(v))).toBe(true);
    expect(col('commercial', 'email').every((v) => /@example\.(com|net|org)$/.test(v))).toBe(true);
    expect(col('cdr', 'legal_process_ref').length).toBe(sources.get('cdr')?.rows.length);
    const admissions = col('adis-arrivals', 'admission_number');
    expect(new Set(admissions).size).toBe(admissions.length);
    for (const s of SOURCE_NAMES) {
      const rids = col(s, 'record_id');
      expect(new Set(rids).size, s).toBe(rids.length);
    }
  });

  it('dates nothing after the as-of date', () => {
    const asOf = summary.asOf;
    const dated: [SourceName, string][] = [
      ['adis-arrivals', 'admission_date'],
      ['adis-departures', 'departure_date'],
      ['sevis', 'status_date'],
      ['claims', 'decision_date'],
      ['eid', 'event_date'],
      ['commercial', 'observed_date'],
      ['tips', 'received_date'],
    ];
    for (const [s, c] of dated)
      expect(
        (sources.get(s)?.rows ?? []).filter((r) => (r[c] ?? '') > asOf),
        `${s}.${c}`,
      ).toEqual([]);
  });
});
