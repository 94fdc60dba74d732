/**
 * The assessment pass over the database: `npm run bench -- assess [admissions=1000000] [seed=7]`.
 *
 * Inserts `admissions` synthetic admissions (~85% with a departure; some SEVIS, claims,
 * enforcement, visa and lookout rows) with COPY straight into the fact tables plus minimal
 * source_records / record_links rows, then times `leadtrac assess` (runAssessment) over all of
 * it and prints admissions/s. Loading is not timed.
 *
 * DATABASE_URL set: a scratch database is created (and dropped unless ASSESS_BENCH_DB names one
 * to keep and reuse: it is loaded once, later runs only assess). Unset: embedded PGlite in a
 * temporary folder (or ASSESS_BENCH_DIR, kept and reused the same way). ASSESS_BENCH_LOAD_ONLY=1
 * loads and stops. ASSESS_BENCH_WORK_MEM (e.g. 1GB) sets the readers' work_mem (default 256MB;
 * the travel reader keeps its own, see READER_GROUPS); ASSESS_BENCH_WORKERS the assessment worker
 * threads (default 1; 0 assesses on the main thread).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { openDatabase, type Database } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { runAssessment } from '../src/modules/status/assess-run';
import { systemContext } from '../src/shared/context';
import { generateAdmissions } from './assess-data';
import { admin } from './pg-admin';
import { cpuDelta, serverCpu } from './proc-cpu';

const admissions = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 7);
const AS_OF = '2026-10-01';

interface Target {
  database: Database;
  cleanup: () => Promise<void>;
}

async function open(): Promise<Target> {
  const baseUrl = process.env['DATABASE_URL'];
  if (baseUrl) {
    const keep = process.env['ASSESS_BENCH_DB'];
    const name = keep ?? `lt_bench_assess_${Date.now()}`;
    const exists = await admin(baseUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount);
    if (!exists) await admin(baseUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    const url = baseUrl.replace(/\/[^/]*$/, `/${name}`);
    const database = await openDatabase(loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }), { command: 'bench' });
    const cleanup = async () => {
      await database.close();
      if (!keep) await admin(baseUrl, (c) => c.query(`DROP DATABASE ${name} WITH (FORCE)`));
    };
    return { database, cleanup };
  }
  const keepDir = process.env['ASSESS_BENCH_DIR'];
  const dir = keepDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-assess-'));
  const config = loadConfig({ ...process.env, DATABASE_URL: '', LEADTRAC_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const database = await openDatabase(config, { command: 'bench' });
  return {
    database,
    cleanup: async () => {
      await database.close();
      if (!keepDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function loaded(database: Database): Promise<number> {
  const r = await database.transaction((tx) => tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM admissions`));
  return Number(r[0]!.n);
}

async function main(): Promise<void> {
  const { database, cleanup } = await open();
  try {
    await migrate(database);
    const have = await loaded(database);
    if (have < admissions) {
      const t0 = performance.now();
      // A different seed for each step, so a grown database holds new travellers, not copies.
      const g = await generateAdmissions(database, admissions - have, seed + have, (n) => process.stderr.write(`\rloading: ${n} admissions   `));
      process.stderr.write('\n');
      // Outside a transaction: VACUUM sets the visibility map, ANALYZE gives the planner sizes.
      await sql`VACUUM ANALYZE`.execute(database.db);
      console.log(`loaded ${g.admissions} admissions, ${g.departures} departures for ${g.persons} persons (${g.records} source records) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    if (process.env['ASSESS_BENCH_LOAD_ONLY'] === '1') return;
    const total = await loaded(database);
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    let last = 0;
    const server0 = await serverCpu(database);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await runAssessment(database, systemContext('bench', ['analyst']), {
      asOf: AS_OF,
      separateReader: process.env['ASSESS_BENCH_SHARED'] !== '1',
      ...(process.env['ASSESS_BENCH_WORK_MEM'] ? { workMem: process.env['ASSESS_BENCH_WORK_MEM'] } : {}),
      ...(process.env['ASSESS_BENCH_WORKERS'] ? { workers: Number(process.env['ASSESS_BENCH_WORKERS']) } : {}),
      onProgress: (p) => {
        // Sampled here too: PGlite answers without I/O, so a timer may never get its turn.
        peak = Math.max(peak, process.memoryUsage().rss);
        if (p.elapsedMs - last < 5000 && p.phase === 'assessing') return;
        last = p.elapsedMs;
        console.log(`  ${p.phase}: ${p.admissions} admissions, ${p.persons} persons, ${(p.elapsedMs / 1000).toFixed(1)} s`);
      },
    });
    const secs = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    const cpu = process.cpuUsage(cpu0);
    clearInterval(timer);
    const serverSecs = cpuDelta(server0, await serverCpu(database));
    console.log(`database ${database.kind}; ${total} admissions in the database`);
    console.log(
      `assess --as-of ${AS_OF}: ${r.admissions} admissions of ${r.persons} persons in ${secs.toFixed(1)} s = ${Math.round(r.admissions / secs)} admissions/s; ` +
        `CPU: node ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s${database.kind === 'postgres' ? `, server backends ${serverSecs.toFixed(1)} s` : ''}; load average ${os.loadavg()[0]!.toFixed(1)}; peak RSS ${(peak / 1e6).toFixed(0)} MB; ${r.violators} suspected violators`,
    );
    for (const [cls, n] of Object.entries(r.classCounts).sort((a, b) => b[1] - a[1])) console.log(`  ${cls.padEnd(36)} ${String(n).padStart(10)}`);
  } finally {
    await cleanup();
  }
}

await main();
