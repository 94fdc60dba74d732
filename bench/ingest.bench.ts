/**
 * Ingest throughput: `npm run bench -- ingest [rows] [runs]`.
 * Generates an adis-arrivals CSV of `rows` synthetic rows (default 1,000,000), loads it end to end
 * (digest, read, validate, COPY, facts, commit) into a fresh database `runs` times (default 1)
 * and prints, per run: wall time, rows/s, peak RSS of this process, and CPU seconds spent by this
 * process and by the PostgreSQL backends serving it (read from /proc, so only for a server on
 * this machine). On a machine shared with other work the wall time depends on the load; CPU time
 * per row is the steadier figure, and "rows per CPU-second" (rows over node + backend CPU) is
 * what the load could reach with the cores to itself.
 * Uses DATABASE_URL (a scratch database is created and dropped per run) or, unset, embedded PGlite.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { openDatabase, type Database } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { ingestFile } from '../src/modules/ingest';
import { systemContext } from '../src/shared/context';

const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 1);
const HEADER =
  'record_id,admission_number,family_name,given_name,birth_date,sex,citizenship_country,passport_number,passport_country,class_of_admission,admission_date,admit_until_date,port_of_entry,mode,sevis_id,visa_foil_number\n';
const FAMILY = ['Petrov', 'Garcia', 'Nguyen', 'Kim', 'Okafor', 'Silva', 'Haddad', 'Kowalski', 'Ivanova', 'Chen'];
const GIVEN = ['Yuriy', 'Maria', 'Anh', 'Min-jun', 'Chinedu', 'Ana', 'Omar', 'Piotr', 'Olga', 'Wei'];
const COUNTRY = ['RUS', 'MEX', 'VNM', 'KOR', 'NGA', 'BRA', 'LBN', 'POL', 'UKR', 'CHN'];

async function writeFile(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(HEADER);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const k = i % 10;
    buf += `R${i},${10000000000 + i},${FAMILY[k]}${i % 997},${GIVEN[(i * 7) % 10]},19${50 + (i % 50)}-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')},${i % 2 ? 'F' : 'M'},${COUNTRY[k]},P${1000000 + i},${COUNTRY[k]},B2,2026-01-05,2026-07-04,JFK,air,,${10000000 + (i % 9e7)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise<void>((r) => out.once('finish', () => r()));
}

/** CPU seconds (user + system) a local process has used, from /proc; 0 if it cannot be read. */
function procCpu(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime + stime, in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
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
  rowsRead: number;
  accepted: number;
  secs: number;
  nodeCpu: number;
  pgCpu: number | null;
  peakRss: number;
}

async function runOnce(file: string, dir: string, baseUrl: string | undefined): Promise<RunResult> {
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
  await migrate(database);
  const before = new Map<number, number>();
  if (admin && scratch) for (const pid of await backendPids(admin, scratch)) before.set(pid, procCpu(pid));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await ingestFile(database, systemContext('bench', ['records_officer']), { source: 'adis-arrivals', file });
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  let pgCpu: number | null = null;
  if (admin && scratch) {
    pgCpu = 0;
    for (const pid of await backendPids(admin, scratch)) pgCpu += procCpu(pid) - (before.get(pid) ?? 0);
  }
  await database.close();
  if (admin && scratch) {
    await dropWhenIdle(admin, scratch);
    await admin.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { kind: database.kind, rowsRead: r.rowsRead, accepted: r.rowsAccepted, secs, nodeCpu: (cpu.user + cpu.system) / 1e6, pgCpu, peakRss: peak };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-ingest-'));
  const file = path.join(dir, 'adis-arrivals.csv');
  await writeFile(file);
  console.log(`file ${(fs.statSync(file).size / 1e6).toFixed(0)} MB, ${rows} rows; ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(file, dir, process.env['DATABASE_URL']);
    const cpuTotal = r.nodeCpu + (r.pgCpu ?? 0);
    const pgPart = r.pgCpu === null ? '' : `, backend ${r.pgCpu.toFixed(1)} s (${((r.pgCpu / r.accepted) * 1e6).toFixed(1)} µs/row)`;
    console.log(
      `run ${i + 1} ${r.kind}: ${r.secs.toFixed(1)} s, ${Math.round(r.accepted / r.secs)} rows/s end to end, peak RSS ${(r.peakRss / 1e6).toFixed(0)} MB; ` +
        `CPU node ${r.nodeCpu.toFixed(1)} s (${((r.nodeCpu / r.accepted) * 1e6).toFixed(1)} µs/row)${pgPart}; ` +
        `${Math.round(r.accepted / cpuTotal)} rows per CPU-second; load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
