import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Database } from '../src/db/database';
import { loadDemoWorld } from '../src/modules/demo/demo-load';
import { indexPendingNames } from '../src/modules/search';

/**
 * A small synthetic world for the search and profile screens: the demo generator's files are
 * loaded through ingest, then persons and schools are made from the generator's ground truth
 * (the resolver's job in production; here the answer key stands in for it) and indexed.
 */
export interface SearchWorld {
  dir: string;
  /** A student with SEVIS records and an SSN-bearing person record, for the profile screens. */
  student: { given: string; family: string; entityId: string };
}

interface TruthRow {
  source: string;
  record_id: string;
  true_person_id: string;
  role: string;
}

async function seedEntities(database: Database, dir: string): Promise<Map<string, string>> {
  const truth = parse<TruthRow>(fs.readFileSync(path.join(dir, 'ground-truth', 'persons.csv')), { columns: true });
  const sevis = parse<Record<string, string>>(fs.readFileSync(path.join(dir, 'sevis.csv')), { columns: true });
  return database.transaction(async (tx) => {
    const records = await tx.query<{ source: string; record_id: string; id: string; name: string | null }>(
      `SELECT r.source, r.record_id, r.id::text AS id,
              (SELECT n.full_name FROM names n WHERE n.source_record_id = r.id AND n.role = 'subject' LIMIT 1) AS name
       FROM source_records r`,
    );
    const byKey = new Map(records.map((r) => [`${r.source}|${r.record_id}`, r]));
    // A database that outlives the test (DATABASE_URL) may hold these links from an earlier run.
    const linked = await tx.query<{ ref: string; role: string; entity_id: string }>(`SELECT source_record_id::text AS ref, role, entity_id::text AS entity_id FROM record_links`);
    const linkOf = new Map(linked.map((l) => [`${l.ref}|${l.role}`, l.entity_id]));
    const persons = new Map<string, string>();
    for (const t of truth) {
      const rec = byKey.get(`${t.source}|${t.record_id}`);
      if (!rec) continue;
      const existing = linkOf.get(`${rec.id}|${t.role}`);
      if (existing && !persons.has(t.true_person_id)) persons.set(t.true_person_id, existing);
      let id = persons.get(t.true_person_id);
      if (!id) {
        const [row] = await tx.query<{ id: string }>(`INSERT INTO entities (kind, display_name) VALUES ('person', $1) RETURNING id::text AS id`, [rec.name ?? t.true_person_id]);
        id = row!.id;
        persons.set(t.true_person_id, id);
      }
      await tx.query(`INSERT INTO record_links (source_record_id, role, entity_id, method) VALUES ($1::bigint, $2, $3::uuid, 'identifier') ON CONFLICT DO NOTHING`, [rec.id, t.role, id]);
    }
    const schools = new Map<string, string>();
    for (const s of sevis) {
      const rec = byKey.get(`sevis|${s['record_id']}`);
      const code = s['school_code'];
      if (!rec || !code) continue;
      const existing = linkOf.get(`${rec.id}|school`);
      if (existing && !schools.has(code)) schools.set(code, existing);
      let id = schools.get(code);
      if (!id) {
        const [row] = await tx.query<{ id: string }>(`INSERT INTO entities (kind, org_type, display_name) VALUES ('organization', 'school', $1) RETURNING id::text AS id`, [s['school_name'] || code]);
        id = row!.id;
        schools.set(code, id);
      }
      await tx.query(`INSERT INTO record_links (source_record_id, role, entity_id, method) VALUES ($1::bigint, 'school', $2::uuid, 'identifier') ON CONFLICT DO NOTHING`, [rec.id, id]);
    }
    return persons;
  });
}

/** The first person with SEVIS records and a commercial or public record (an SSN to mask). */
function pickStudent(dir: string, persons: Map<string, string>): SearchWorld['student'] {
  const truth = parse<TruthRow>(fs.readFileSync(path.join(dir, 'ground-truth', 'persons.csv')), { columns: true });
  const withSsn = new Set<string>();
  for (const source of ['commercial', 'public']) {
    const rows = parse<Record<string, string>>(fs.readFileSync(path.join(dir, `${source}.csv`)), { columns: true });
    for (const r of rows) if (r['ssn']) withSsn.add(`${source}|${r['record_id']}`);
  }
  const sources = new Map<string, Set<string>>();
  for (const t of truth) {
    if (t.role !== 'subject') continue;
    const set = sources.get(t.true_person_id) ?? new Set<string>();
    set.add(withSsn.has(`${t.source}|${t.record_id}`) ? 'ssn' : t.source);
    sources.set(t.true_person_id, set);
  }
  const sevis = parse<Record<string, string>>(fs.readFileSync(path.join(dir, 'sevis.csv')), { columns: true });
  const sevisPerson = new Map(truth.filter((t) => t.source === 'sevis' && t.role === 'subject').map((t) => [t.record_id, t.true_person_id]));
  for (const s of sevis) {
    const person = sevisPerson.get(s['record_id']!);
    const has = person ? sources.get(person) : undefined;
    if (person && has && has.has('ssn') && has.has('adis-arrivals') && /^[A-Za-z]+$/.test(s['family_name']!)) {
      return { given: s['given_name']!.split(' ')[0]!, family: s['family_name']!, entityId: persons.get(person)! };
    }
  }
  throw new Error('no suitable student in the generated world');
}

export async function loadSearchWorld(database: Database, dir: string, persons = 300): Promise<SearchWorld> {
  await loadDemoWorld(database, { persons, seed: 7, outDir: dir });
  const entities = await seedEntities(database, dir);
  await indexPendingNames(database);
  return { dir, student: pickStudent(dir, entities) };
}
