import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/database';
import { systemContext } from '../../shared/context';
import { ingestFile } from '../ingest';
import { getSource } from '../sources/registry';

/**
 * Test factories for search and profiles: ingest a few rows of a source through the real
 * pipeline, then create entities and record links directly (the resolver is not needed). Every
 * record id and name is unique per run because tests share the PostgreSQL server.
 */
const ctx = systemContext('test', ['records_officer']);

export interface Ingested {
  /** source_records.id of each row, by the record_id given (before the run prefix); the newest version. */
  refs: Record<string, string>;
  batchId: string;
  /** The run prefix of the record ids: pass it again to load a new version of the same records. */
  prefix: string;
}

let seq = 0;

/** Ingest rows (column → value; record_id made unique) and return their source record ids. */
export async function ingestRows(database: Database, source: string, rows: Record<string, string>[], opts: { legalProcessRef?: string; prefix?: string } = {}): Promise<Ingested> {
  const def = getSource(source);
  const prefix = opts.prefix ?? `T${Date.now().toString(36)}${process.pid.toString(36)}${++seq}`.toUpperCase();
  const header = def.columns.map((c) => c.name);
  const body = rows.map((r) => header.map((h) => (h === 'record_id' ? `${prefix}-${r[h]}` : (r[h] ?? ''))));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-search-'));
  const file = path.join(dir, `${source}.csv`);
  fs.writeFileSync(file, stringify([header, ...body]));
  try {
    const result = await ingestFile(database, ctx, { source, file, ...(opts.legalProcessRef ? { legalProcessRef: opts.legalProcessRef } : {}) });
    const ids = rows.map((r) => `${prefix}-${r['record_id']}`);
    const found = await database.transaction((tx) =>
      tx.query<{ record_id: string; id: string }>(
        `SELECT record_id, id::text AS id FROM source_records WHERE source = $1 AND record_id = ANY($2::text[]) ORDER BY version`,
        [source, ids],
      ),
    );
    const refs: Record<string, string> = {};
    for (const f of found) refs[f.record_id.slice(prefix.length + 1)] = f.id;
    return { refs, batchId: result.batchId, prefix };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface LinkSpec {
  ref: string;
  role?: string;
}

/** An entity with its record links (method 'manual', as a test or an analyst would make). */
export async function makeEntity(
  database: Database,
  spec: { kind?: 'person' | 'organization'; orgType?: string; displayName: string; links: LinkSpec[] },
): Promise<string> {
  return database.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO entities (kind, org_type, display_name) VALUES ($1, $2, $3) RETURNING id::text AS id`,
      [spec.kind ?? 'person', spec.orgType ?? null, spec.displayName],
    );
    const id = row!.id;
    for (const l of spec.links) {
      await tx.query(
        `INSERT INTO record_links (source_record_id, role, entity_id, method) VALUES ($1::bigint, $2, $3::uuid, 'manual')`,
        [l.ref, l.role ?? 'subject', id],
      );
    }
    return id;
  });
}

const SYLLABLES: [string, string][] = [
  ['ka', 'ка'], ['lo', 'ло'], ['mi', 'ми'], ['ra', 'ра'], ['ve', 'ве'], ['do', 'до'], ['ni', 'ни'],
  ['su', 'су'], ['ta', 'та'], ['bo', 'бо'], ['ze', 'зе'], ['gu', 'гу'], ['po', 'по'], ['li', 'ли'],
  ['fa', 'фа'], ['ru', 'ру'], ['se', 'се'], ['mo', 'мо'], ['da', 'да'], ['ne', 'не'],
];

/** A surname no other run has used, in Latin and Cyrillic ('Kalomirov', 'Каломиров'). */
export function uniqueSurname(): { latin: string; cyrillic: string } {
  let latin = '';
  let cyrillic = '';
  for (let i = 0; i < 5; i++) {
    const [l, c] = SYLLABLES[Math.floor(Math.random() * SYLLABLES.length)]!;
    latin += l;
    cyrillic += c;
  }
  return { latin: `${latin[0]!.toUpperCase()}${latin.slice(1)}ov`, cyrillic: `${cyrillic[0]!.toUpperCase()}${cyrillic.slice(1)}ов` };
}

export function randomDigits(n: number): string {
  let s = String(1 + Math.floor(Math.random() * 9));
  while (s.length < n) s += String(Math.floor(Math.random() * 10));
  return s;
}
