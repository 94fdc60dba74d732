/**
 * Ingest throughput: `npm run bench -- ingest [rows] [runs] [pglite|postgres|both] [--first-only]`.
 * Generates an adis-arrivals CSV of `rows` synthetic rows (default 1,000,000), then
 *  - times each stage on its own, without a database: file digest (SHA-256), read + validate,
 *    and read + validate + COPY text (what the loader builds per chunk);
 *  - loads it end to end (digest, read, validate, COPY, commit) into a fresh database `runs` times,
 *    then (unless --first-only) loads the same records again with 1 in 10 changed (every chunk staged and promoted:
 *    9 in 10 skipped, 1 in 10 stored as a new version), timing every statement each load sends,
 *    grouped by the table it writes (with PostgreSQL the next chunk is built while the database
 *    writes this one, so a statement's time includes waiting for the node process to send it).
 * Prints rows/s for each stage and end to end, peak RSS, CPU seconds of this process and of the
 * PostgreSQL backends serving it (from /proc, so only for a server on this machine), and the load
 * average before and after. On a shared machine wall time depends on the load; "rows per
 * CPU-second" (rows over node + backend CPU) is what the load could reach with the cores to itself.
 * The database: PostgreSQL at DATABASE_URL (a scratch database is created and dropped per run)
 * and/or embedded PGlite; by default the first if DATABASE_URL is set, else the second.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { openDatabase, type Database, type Tx } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { ingestFile } from '../src/modules/ingest';
import { CanonicalRowWriter } from '../src/modules/ingest/canonical-row';
import { ChunkBuilder, IdBlock } from '../src/modules/ingest/chunk-builder';
import { RecordIdSet } from '../src/modules/ingest/record-id-set';
import { getSource, openSourceFile, validateBatches } from '../src/modules/sources';
import { systemContext } from '../src/shared/context';
import { writeArrivalsFile as writeFile } from './arrivals-file';
import { ownCpu, procCpu } from './proc-cpu';

// A child process (see main) gets: --child <part> <file> <dir> <rows> <runs>.
const args = process.argv[2] === '--child' ? process.argv.slice(6) : process.argv.slice(2);
const rows = Number(args[0] ?? 1_000_000);
const runs = Number(args[1] ?? 1);
const which = args[2] ?? (process.env['DATABASE_URL'] ? 'postgres' : 'pglite');
const firstOnly = args.includes('--first-only');
const load = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const rate = (n: number, s: number): string => (s > 0 ? Math.round(n / s).toLocaleString('en-US') : '-').padStart(10);


// ---- stages without a database ------------------------------------------------------------

interface StageResult {
  label: string;
  rows: number;
  secs: number;
  cpu: number;
}

async function timeStage(label: string, fn: () => Promise<number>): Promise<StageResult> {
  const c0 = ownCpu();
  const t0 = performance.now();
  const n = await fn();
  return { label, rows: n, secs: (performance.now() - t0) / 1000, cpu: ownCpu() - c0 };
}

async function stages(file: string): Promise<StageResult[]> {
  const def = getSource('adis-arrivals');
  const digest = await timeStage('digest (SHA-256 of the file)', async () => {
    const { fileDigest } = await import('../src/modules/ingest');
    await fileDigest(file);
    return rows;
  });
  const validate = await timeStage('read + validate', async () => {
    let n = 0;
    for await (const b of validateBatches(await openSourceFile(file, def), def)) n += b.length;
    return n;
  });
  const build = await timeStage('read + validate + COPY text', async () => {
    let n = 0;
    const ctx = { def, batchId: '00000000-0000-0000-0000-000000000000', receivedAt: new Date(), seen: new RecordIdSet(), collectIds: false };
    const canonical = new CanonicalRowWriter();
    let next = 1;
    const fresh = () => new ChunkBuilder(ctx, new IdBlock((next += 25_000), 25_000), canonical);
    let builder = fresh();
    for await (const b of validateBatches(await openSourceFile(file, def), def)) {
      for (const r of b) {
        n++;
        builder.add(r);
        if (builder.full) {
          builder.build();
          builder = fresh();
        }
      }
    }
    builder.build();
    return n;
  });
  return [digest, validate, build];
}

// ---- end to end, with every statement timed by the table it writes ------------------------

/** Seconds spent in statements, by a short label (the table a COPY or INSERT writes, else the verb). */
type Timings = Map<string, { secs: number; calls: number }>;

function labelOf(sqlText: string): string {
  const s = sqlText.replace(/\s+/g, ' ').trim();
  const copy = /^COPY (\S+)/i.exec(s);
  if (copy) return `COPY ${copy[1]}`;
  const ins = /\bINSERT INTO (\S+)/i.exec(s);
  if (ins) return `INSERT ${ins[1]}`;
  return s.split(' ').slice(0, 2).join(' ');
}

function timed<T>(timings: Timings, label: string, p: Promise<T>): Promise<T> {
  const t0 = performance.now();
  const done = (): void => {
    const e = timings.get(label) ?? { secs: 0, calls: 0 };
    e.secs += (performance.now() - t0) / 1000;
    e.calls++;
    timings.set(label, e);
  };
  return p.finally(done);
}

function instrument(database: Database, timings: Timings): Database {
  return {
    ...database,
    transaction: (fn) =>
      database.transaction((tx) => {
        const wrapped: Tx = {
          db: tx.db,
          query: (text, params) => timed(timings, labelOf(text), tx.query(text, params)),
          exec: (text) => timed(timings, labelOf(text), tx.exec(text)),
          copyFrom: (text, chunks) => timed(timings, labelOf(text), tx.copyFrom(text, chunks)),
          copyTo: (text) => tx.copyTo(text),
        };
        return fn(wrapped);
      }),
  };
}

async function backendPids(admin: pg.Client, dbName: string): Promise<number[]> {
  const r = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [dbName]);
  return r.rows.map((x) => x.pid);
}

/** Drops the scratch database once the closed pool's backends have gone (forcing them off would
 * make the pool report their end as an error). */
async function dropWhenIdle(admin: pg.Client, dbName: string): Promise<void> {
  for (let i = 0; i < 100 && (await backendPids(admin, dbName)).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
}

interface RunResult {
  kind: Database['kind'];
  what: string;
  read: number;
  accepted: number;
  secs: number;
  nodeCpu: number;
  pgCpu: number | null;
  peakRss: number;
  timings: Timings;
  loadBefore: string;
  indexesDeferred: boolean;
}

async function runOnce(files: { first: string; again: string }, dir: string, baseUrl: string | undefined): Promise<RunResult[]> {
  let scratch: string | undefined;
  let admin: pg.Client | undefined;
  if (baseUrl) {
    scratch = `lt_bench_${Date.now()}`;
    admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratch}`);
  }
  const url = scratch && baseUrl ? baseUrl.replace(/\/[^/]*$/, `/${scratch}`) : undefined;
  const dataDir = path.join(dir, `data-${Date.now()}`);
  const config = loadConfig({ ...process.env, DATABASE_URL: url ?? '', LEADTRAC_DATA_DIR: dataDir });
  const database = await openDatabase(config, { command: 'bench' });
  try {
    await migrate(database);
    const loadTimed = async (what: string, file: string): Promise<RunResult> => {
      const before = new Map<number, number>();
      if (admin && scratch) for (const pid of await backendPids(admin, scratch)) before.set(pid, procCpu(pid));
      const timings: Timings = new Map();
      const loadBefore = load();
      const cpu0 = ownCpu();
      const t0 = performance.now();
      const r = await ingestFile(instrument(database, timings), systemContext('bench', ['records_officer']), { source: 'adis-arrivals', file });
      const secs = (performance.now() - t0) / 1000;
      const nodeCpu = ownCpu() - cpu0;
      const peak = process.resourceUsage().maxRSS * 1024;
      let pgCpu: number | null = null;
      if (admin && scratch) {
        pgCpu = 0;
        for (const pid of await backendPids(admin, scratch)) pgCpu += procCpu(pid) - (before.get(pid) ?? 0);
      }
      return { kind: database.kind, what, read: r.rowsRead, accepted: r.rowsAccepted, secs, nodeCpu, pgCpu, peakRss: peak, timings, loadBefore, indexesDeferred: r.indexesDeferred };
    };
    const first = await loadTimed('first load', files.first);
    if (firstOnly) return [first];
    const again = await loadTimed('re-delivery of the same records, 1 in 10 changed (staged, promoted set-based)', files.again);
    return [first, again];
  } finally {
    await database.close();
    if (admin && scratch) {
      await dropWhenIdle(admin, scratch);
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(i: number, r: RunResult): void {
  const n = r.read;
  const how = r.indexesDeferred ? 'secondary indexes built after the rows' : 'indexes maintained row by row';
  console.log(`\nrun ${i + 1} on ${r.kind}, ${r.what} (${how}), load average before ${r.loadBefore}, after ${load()}`);
  const sorted = [...r.timings.entries()].sort((a, b) => b[1].secs - a[1].secs);
  for (const [label, t] of sorted) {
    if (t.secs < 0.05) continue;
    console.log(`  ${label.padEnd(40)} ${t.secs.toFixed(2).padStart(7)} s in ${String(t.calls).padStart(4)} statements ${rate(n, t.secs)} rows/s`);
  }
  const dbSecs = sorted.reduce((s, [, t]) => s + t.secs, 0);
  console.log(`  ${'all statements'.padEnd(40)} ${dbSecs.toFixed(2).padStart(7)} s ${''.padStart(18)} ${rate(n, dbSecs)} rows/s`);
  const cpuTotal = r.nodeCpu + (r.pgCpu ?? 0);
  const pgPart = r.pgCpu === null ? '' : `, backend ${r.pgCpu.toFixed(1)} s (${((r.pgCpu / n) * 1e6).toFixed(1)} µs/row)`;
  console.log(
    `  END TO END ${r.secs.toFixed(1)} s, ${rate(n, r.secs).trim()} rows/s (${n} rows read, ${r.accepted} stored); peak RSS ${(r.peakRss / 1e6).toFixed(0)} MB; ` +
      `CPU node ${r.nodeCpu.toFixed(1)} s (${((r.nodeCpu / n) * 1e6).toFixed(1)} µs/row)${pgPart}; ${rate(n, cpuTotal).trim()} rows per CPU-second`,
  );
}

/** Each part runs in a process of its own, so its peak RSS is its own. */
async function child(part: string, file: string, dir: string): Promise<void> {
  if (part === 'stages') {
    console.log(`stages without a database (one process, one core; load average ${load()}):`);
    for (const s of await stages(file)) {
      console.log(`  ${s.label.padEnd(40)} ${s.secs.toFixed(2).padStart(7)} s ${rate(s.rows, s.secs)} rows/s, ${rate(s.rows, s.cpu)} rows per CPU-second`);
    }
    return;
  }
  const url = part === 'postgres' ? process.env['DATABASE_URL'] : undefined;
  const files = { first: file, again: path.join(dir, 'adis-arrivals-again.csv') };
  for (let i = 0; i < runs; i++) for (const r of await runOnce(files, dir, url)) report(i, r);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3]!, process.argv[4]!, process.argv[5]!);
  const url = process.env['DATABASE_URL'];
  if ((which === 'postgres' || which === 'both') && !url) throw new Error('set DATABASE_URL to benchmark PostgreSQL');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-ingest-'));
  try {
    const file = path.join(dir, 'adis-arrivals.csv');
    await writeFile(file, rows);
    if (!firstOnly) await writeFile(path.join(dir, 'adis-arrivals-again.csv'), rows, 10);
    console.log(`file ${(fs.statSync(file).size / 1e6).toFixed(0)} MB, ${rows} rows; ${os.availableParallelism()} cores, load average ${load()}`);
    const parts = ['stages', ...(which === 'both' ? ['pglite', 'postgres'] : [which])];
    for (const part of parts) {
      const childArgs = ['--child', part, file, dir, String(rows), String(runs), which, ...(firstOnly ? ['--first-only'] : [])];
      const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...childArgs], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`the ${part} part failed`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
