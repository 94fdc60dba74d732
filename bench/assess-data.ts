/**
 * Synthetic travellers for bench/assess.bench.ts, written with COPY straight into the fact
 * tables, with minimal source_records and the entity-resolution links (record_links role
 * 'subject' → entities). Synthetic data only; deterministic for a seed.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../src/db/database';
import { formatDay, parseDay } from '../src/modules/status/engine';

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Roughly the mix of a nonimmigrant admissions feed: visitors first, then Visa Waiver.
const CLASSES = ['B2', 'B2', 'B2', 'B2', 'B1', 'WT', 'WT', 'WT', 'F1', 'F1', 'J1', 'H1B', 'H1B', 'L1', 'TN', 'E2', 'A1', 'G4', 'C1', 'M1'];
const COUNTRIES = ['BRA', 'IND', 'CHN', 'DEU', 'GBR', 'MEX', 'CAN', 'NGA', 'PHL', 'VNM', 'FRA', 'KOR'];
const FAMILY = ['Petrov', 'Garcia', 'Nguyen', 'Kim', 'Okafor', 'Silva', 'Haddad', 'Kowalski', 'Ivanova', 'Chen'];
const GIVEN = ['Yuriy', 'Maria', 'Anh', 'Min-jun', 'Chinedu', 'Ana', 'Omar', 'Piotr', 'Olga', 'Wei'];
const START = parseDay('2022-01-01');
const SPAN = parseDay('2026-06-30') - START;

const SOURCES = ['adis-arrivals', 'adis-departures', 'sevis', 'claims', 'eid', 'ccd-visas', 'tecs'] as const;
type Src = (typeof SOURCES)[number];

class Buffers {
  text: Record<string, string> = {};
  add(table: string, line: string): void {
    this.text[table] = (this.text[table] ?? '') + line;
  }
  size(): number {
    let n = 0;
    for (const t of Object.values(this.text)) n += t.length;
    return n;
  }
}

const COLUMNS: Record<string, string> = {
  entities: 'id, kind, display_name',
  source_records: 'id, source, record_id, version, batch_id, line_no, received_at, content_hash, payload',
  record_links: 'source_record_id, role, entity_id, method',
  admissions: 'source_record_id, admission_number, family_name, given_name, birth_date, sex, citizenship_country, passport_number, passport_country, class_of_admission, admission_date, admit_until_date, port_of_entry, mode, sevis_id, visa_foil_number',
  departures: 'source_record_id, admission_number, family_name, given_name, birth_date, citizenship_country, passport_number, departure_date, port, mode',
  sevis_events: 'source_record_id, sevis_id, family_name, given_name, birth_date, citizenship_country, visa_type, status, status_date, termination_reason, program_start_date, program_end_date, school_code',
  benefit_applications: 'source_record_id, receipt_number, form_type, family_name, given_name, admission_number, received_date, status, decision_date, approved_until_date',
  enforcement_events: 'source_record_id, event_type, event_date, family_name, citizenship_country, passport_number',
  visas: 'source_record_id, visa_foil_number, family_name, citizenship_country, passport_number, visa_class, issuance_date, status, revocation_date',
  border_events: 'source_record_id, record_type, event_date, family_name, citizenship_country, passport_number, lookout_category, lookout_reason',
};

export interface GenerateResult {
  persons: number;
  admissions: number;
  departures: number;
  records: number;
}

class Generator {
  private readonly rand: () => number;
  private nextId: number;
  private admissionSeq: number;
  persons = 0;
  admissions = 0;
  departures = 0;
  readonly buf = new Buffers();

  constructor(
    seed: number,
    firstId: number,
    private readonly batches: Record<Src, string>,
    firstAdmission: number,
  ) {
    this.rand = rng(seed);
    this.nextId = firstId;
    this.admissionSeq = firstAdmission;
  }

  get records(): number {
    return this.nextId;
  }

  private between(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)]!;
  }

  private record(source: Src, entity: string): number {
    const id = this.nextId++;
    this.buf.add('source_records', `${id}\t${source}\t${source}-${id}\t1\t${this.batches[source]}\t${id}\t2026-11-01 00:00:00+00\t${id}\t{}\n`);
    this.buf.add('record_links', `${id}\tsubject\t${entity}\tidentifier\n`);
    return id;
  }

  person(maxAdmissions: number): void {
    const entity = randomUUID();
    const fam = this.pick(FAMILY);
    const giv = this.pick(GIVEN);
    const country = this.pick(COUNTRIES);
    const passport = `X${this.between(1_000_000, 99_999_999)}`;
    const birth = formatDay(START - this.between(6000, 25000));
    this.buf.add('entities', `${entity}\tperson\t${giv} ${fam}\n`);
    this.persons++;
    const n = Math.min(maxAdmissions, this.rand() < 0.6 ? 1 : this.rand() < 0.7 ? 2 : this.between(3, 6));
    let ad = START + this.between(0, SPAN);
    for (let k = 0; k < n; k++) {
      const cls = this.pick(CLASSES);
      const ds = cls === 'F1' || cls === 'J1';
      const stay = cls === 'WT' ? 89 : cls[0] === 'H' || cls[0] === 'L' ? this.between(300, 1000) : this.between(20, 200);
      const number = String(this.admissionSeq++);
      const land = (country === 'MEX' || country === 'CAN') && this.rand() < 0.5;
      const sevisId = ds || cls === 'M1' ? `N${number}` : null;
      const id = this.record('adis-arrivals', entity);
      const aud = ds ? '\\N' : formatDay(ad + stay);
      this.buf.add('admissions', `${id}\t${number}\t${fam}\t${giv}\t${birth}\tF\t${country}\t${passport}\t${country}\t${cls}\t${formatDay(ad)}\t${aud}\tJFK\t${land ? 'land' : 'air'}\t${sevisId ?? '\\N'}\t\\N\n`);
      this.admissions++;
      if (sevisId) this.sevis(entity, sevisId, ad, fam, giv, country, cls);
      if (this.rand() < 0.04) this.claim(entity, number, ad, fam, giv);
      let next = ad + stay + this.between(10, 400);
      if (this.rand() < 0.85) {
        const out = ad + Math.max(1, stay + this.between(-60, this.rand() < 0.1 ? 200 : 5));
        const dep = this.record('adis-departures', entity);
        const named = this.rand() < 0.8 ? number : '\\N';
        this.buf.add('departures', `${dep}\t${named}\t${fam}\t${giv}\t${birth}\t${country}\t${passport}\t${formatDay(out)}\tJFK\tair\n`);
        this.departures++;
        next = Math.max(next, out + this.between(10, 300));
      }
      ad = next;
    }
    if (this.rand() < 0.03) this.risk(entity, fam, country, passport);
  }

  private sevis(entity: string, sevisId: string, ad: number, fam: string, giv: string, country: string, cls: string): void {
    const school = `SCH${this.between(100, 999)}`;
    const end = ad + this.between(120, 900);
    const id = this.record('sevis', entity);
    this.buf.add('sevis_events', `${id}\t${sevisId}\t${fam}\t${giv}\t\\N\t${country}\t${cls}\tACTIVE\t${formatDay(ad - 20)}\t\\N\t${formatDay(ad + 5)}\t${formatDay(end)}\t${school}\n`);
    if (this.rand() < 0.1) {
      const t = this.record('sevis', entity);
      this.buf.add('sevis_events', `${t}\t${sevisId}\t${fam}\t${giv}\t\\N\t${country}\t${cls}\tTERMINATED\t${formatDay(ad + this.between(30, 300))}\tUnauthorized Withdrawal\t\\N\t\\N\t${school}\n`);
    }
  }

  private claim(entity: string, number: string, ad: number, fam: string, giv: string): void {
    const id = this.record('claims', entity);
    const status = this.pick(['PENDING', 'APPROVED', 'DENIED']);
    this.buf.add('benefit_applications', `${id}\tEAC${number}\t${this.pick(['I-539', 'I-129', 'I-485'])}\t${fam}\t${giv}\t${number}\t${formatDay(ad + this.between(10, 200))}\t${status}\t${status === 'PENDING' ? '\\N' : formatDay(ad + this.between(150, 400))}\t${formatDay(ad + this.between(200, 500))}\n`);
  }

  private risk(entity: string, fam: string, country: string, passport: string): void {
    const day = formatDay(START + this.between(0, SPAN));
    const e = this.record('eid', entity);
    this.buf.add('enforcement_events', `${e}\t${this.pick(['ENCOUNTER', 'ARREST', 'CONVICTION', 'NTA_ISSUED'])}\t${day}\t${fam}\t${country}\t${passport}\n`);
    if (this.rand() < 0.3) {
      const v = this.record('ccd-visas', entity);
      this.buf.add('visas', `${v}\t\\N\t${fam}\t${country}\t${passport}\tB2\t${day}\tREVOKED\t${day}\n`);
    }
    if (this.rand() < 0.3) {
      const b = this.record('tecs', entity);
      this.buf.add('border_events', `${b}\tLOOKOUT\t${day}\t${fam}\t${country}\t${passport}\tIMMIGRATION\tOverstay\n`);
    }
  }
}

async function flush(tx: Tx, buf: Buffers): Promise<void> {
  // Parents first, so a later look at the rows finds what they point at.
  for (const table of ['entities', 'source_records', 'record_links', ...Object.keys(COLUMNS).slice(3)]) {
    const text = buf.text[table];
    if (!text) continue;
    await tx.copyFrom(`COPY ${table} (${COLUMNS[table]}) FROM STDIN`, [text]);
  }
  buf.text = {};
}

async function createBatches(tx: Tx): Promise<Record<Src, string>> {
  const out = {} as Record<Src, string>;
  for (const s of SOURCES) {
    const r = await tx.query<{ id: string }>(
      `INSERT INTO source_batches (source, file_name, file_size, file_sha256, format, loaded_by_username, started_at,
         rows_read, rows_accepted, rows_flagged, rows_rejected, rows_skipped)
       VALUES ($1, 'bench.csv', 0, md5(random()::text), 'csv', 'bench', now(), 0, 0, 0, 0, 0) RETURNING id`,
      [s],
    );
    out[s] = r[0]!.id;
  }
  return out;
}

/**
 * Writes persons until `admissions` admissions exist, in transactions of ~`flushBytes` of COPY
 * text. Source record ids are taken above the current maximum and the identity moved past them.
 */
export async function generateAdmissions(
  database: Database,
  admissions: number,
  seed: number,
  onProgress: (done: number) => void,
): Promise<GenerateResult> {
  const batches = await database.transaction(createBatches);
  const max = await database.transaction((tx) => tx.query<{ m: string }>(`SELECT coalesce(max(id), 0)::text AS m FROM source_records`));
  // Admission numbers continue above any already loaded, so a database can be grown in steps
  // (2M, then 10M) without two admissions sharing a number.
  const maxAdmission = await database.transaction((tx) =>
    tx.query<{ m: string | null }>(`SELECT max(admission_number) AS m FROM admissions WHERE admission_number ~ '^[0-9]{11}$'`),
  );
  const firstAdmission = maxAdmission[0]!.m ? Number(maxAdmission[0]!.m) + 1 : 10_000_000_000;
  const gen = new Generator(seed, Number(max[0]!.m) + 1, batches, firstAdmission);
  const flushBytes = database.kind === 'pglite' ? 16 << 20 : 64 << 20;
  while (gen.admissions < admissions) {
    await database.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      while (gen.admissions < admissions && gen.buf.size() < flushBytes) gen.person(admissions - gen.admissions);
      await flush(tx, gen.buf);
    });
    onProgress(gen.admissions);
  }
  await database.transaction((tx) =>
    tx.query(`SELECT setval(pg_get_serial_sequence('source_records', 'id'), $1::bigint)`, [gen.records]),
  );
  return { persons: gen.persons, admissions: gen.admissions, departures: gen.departures, records: gen.records - Number(max[0]!.m) - 1 };
}
