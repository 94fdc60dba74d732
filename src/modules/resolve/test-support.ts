import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../config';
import { openDatabase, type Database } from '../../db/database';
import { migrate } from '../../db/migrate';
import { systemContext } from '../../shared/context';
import { generateWorld } from '../demo';
import { ingestFile } from '../ingest';
import { SOURCE_NAMES } from '../sources/registry';
import { openTestDatabase, uniqueName } from '../../test/test-db';

/**
 * Test support for resolution (integration tests only). Resolution works on everything in the
 * database at once, so on PostgreSQL each test file gets a database of its own, created from
 * DATABASE_URL and dropped afterwards; on PGlite the in-memory database is private anyway.
 */
export async function openPrivateDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env['DATABASE_URL'];
  if (!url) {
    const database = await openTestDatabase();
    return { database, drop: () => database.close() };
  }
  const name = uniqueName('lt_resolve_');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  const config = loadConfig({ ...process.env, DATABASE_URL: own.toString(), LOG_LEVEL: 'silent' });
  const database = await openDatabase(config, { command: 'test' });
  await migrate(database);
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const loader = systemContext('test', ['records_officer']);

/** Writes a CSV (header + rows) and ingests it as one batch; returns the batch id. */
export async function ingestRows(database: Database, dir: string, source: string, header: string, rows: readonly string[]): Promise<string> {
  const file = path.join(dir, `${uniqueName(source)}.csv`);
  fs.writeFileSync(file, [header, ...rows].join('\n') + '\n');
  const r = await ingestFile(database, loader, { source, file });
  return r.batchId;
}

/**
 * A synthetic world split in two: each source file's first `share` of rows is loaded now,
 * the rest returned as files to load later (a second batch of the same world).
 */
export async function loadSplitWorld(database: Database, persons: number, seed: number, share: number): Promise<{ later: { source: string; file: string }[]; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-resolve-'));
  await generateWorld({ persons, seed, outDir: dir });
  const later: { source: string; file: string }[] = [];
  for (const source of SOURCE_NAMES) {
    const file = path.join(dir, `${source}.csv`);
    if (!fs.existsSync(file)) continue;
    const [header, ...rows] = splitCsvRecords(fs.readFileSync(file, 'utf8'));
    const cut = Math.ceil(rows.length * share);
    const first = path.join(dir, `${source}.1.csv`);
    const second = path.join(dir, `${source}.2.csv`);
    fs.writeFileSync(first, [header, ...rows.slice(0, cut)].join('\n') + '\n');
    fs.writeFileSync(second, [header, ...rows.slice(cut)].join('\n') + '\n');
    await ingestFile(database, loader, { source, file: first });
    if (rows.length > cut) later.push({ source, file: second });
  }
  return { later, dir };
}

/** CSV records (a quoted field may hold line breaks, as tip narratives do). */
function splitCsvRecords(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      if (i > start) out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/**
 * Every link as mention → entity, for comparing runs. Throws when a link names a record or an
 * entity that does not exist: record_links has no foreign keys (migration 0063), so the tests
 * that compare runs check that resolution never writes such a link.
 */
export async function linkSnapshot(database: Database): Promise<Map<string, string>> {
  const { rows, dangling } = await database.transaction(async (tx) => ({
    rows: await tx.query<{ k: string; e: string }>(`SELECT source_record_id || ':' || role AS k, entity_id::text AS e FROM record_links ORDER BY 1`),
    dangling: await tx.query<{ k: string }>(
      `SELECT l.source_record_id || ':' || l.role AS k FROM record_links l
       WHERE NOT EXISTS (SELECT 1 FROM source_records r WHERE r.id = l.source_record_id)
          OR NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = l.entity_id) LIMIT 5`,
    ),
  }));
  if (dangling.length > 0) throw new Error(`links to a missing record or entity: ${dangling.map((d) => d.k).join(', ')}`);
  return new Map(rows.map((r) => [r.k, r.e]));
}

export async function entityOf(database: Database, source: string, recordId: string, role = 'subject'): Promise<string | null> {
  const rows = await database.transaction((tx) =>
    tx.query<{ e: string }>(
      `SELECT l.entity_id::text AS e FROM source_records r JOIN record_links l ON l.source_record_id = r.id AND l.role = $3
       WHERE r.source = $1 AND r.record_id = $2 ORDER BY r.version DESC LIMIT 1`,
      [source, recordId, role],
    ),
  );
  return rows[0]?.e ?? null;
}

export async function recordIdOf(database: Database, source: string, recordId: string): Promise<string> {
  const rows = await database.transaction((tx) =>
    tx.query<{ id: string }>(`SELECT id::text AS id FROM source_records WHERE source = $1 AND record_id = $2 ORDER BY version DESC LIMIT 1`, [source, recordId]),
  );
  if (!rows[0]) throw new Error(`no record ${source} ${recordId}`);
  return rows[0].id;
}
