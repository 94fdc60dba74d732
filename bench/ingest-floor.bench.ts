/**
 * The floor under ingest throughput: `npm run bench -- ingest-floor [rows=5000000]` (PostgreSQL,
 * DATABASE_URL required). Writes the same synthetic `adis-arrivals` file the ingest benchmark
 * loads, then has the server COPY the file's bytes straight from the CSV (no parsing, checking
 * or building in node: the client only streams the file) into bare tables, each variant in its
 * own transaction in a scratch database:
 *  - `text`: the 16 columns as text, no index (the least any loader can ask of the server);
 *  - `text + key`: the same with a unique index on record_id (what idempotence needs);
 *  - `typed + key`: dates and numbers as typed columns, unique record_id;
 *  - `text, 2 connections`: the file split in two halves COPied at once on two connections.
 * Prints rows/s and the server's CPU per row. Whatever LeadTrac's loader does on top (the
 * content hash, the jsonb payload, typed facts, identifiers, names, provenance) costs more.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ARRIVALS_HEADER, writeArrivalsFile } from './arrivals-file';
import { procCpu } from './proc-cpu';

const rows = Number(process.argv[2] ?? 5_000_000);
const baseUrl = process.env['DATABASE_URL'];
if (!baseUrl) {
  console.error('DATABASE_URL is required (a PostgreSQL server on this machine)');
  process.exit(1);
}

const COLUMNS = ARRIVALS_HEADER.trim().split(',');
const TYPED: Record<string, string> = {
  birth_date: 'date',
  admission_date: 'date',
  admit_until_date: 'date',
  admission_number: 'bigint',
};

function table(name: string, typed: boolean): string {
  const cols = COLUMNS.map((c) => `${c} ${typed ? (TYPED[c] ?? 'text') : 'text'}`);
  return `CREATE TABLE ${name} (${cols.join(', ')})`;
}

async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

async function copyFile(c: pg.Client, tableName: string, file: string): Promise<void> {
  await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), c.query(copyFrom(`COPY ${tableName} FROM STDIN (FORMAT csv, HEADER true)`)));
}

interface Variant {
  label: string;
  ddl: (name: string) => string[];
  files: string[];
}

async function splitFile(file: string, dir: string): Promise<string[]> {
  const bytes = fs.readFileSync(file);
  const mid = bytes.indexOf(0x0a, bytes.length >> 1) + 1;
  const halves = [bytes.subarray(0, mid), Buffer.concat([Buffer.from(ARRIVALS_HEADER), bytes.subarray(mid)])];
  return halves.map((h, i) => {
    const f = path.join(dir, `half-${i}.csv`);
    fs.writeFileSync(f, h);
    return f;
  });
}

async function run(url: string, v: Variant, k: number): Promise<{ secs: number; serverCpu: number }> {
  const name = `floor_${k}`;
  const clients = await Promise.all(v.files.map(() => client(url)));
  try {
    const pids = await Promise.all(clients.map(async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid));
    await clients[0]!.query('BEGIN');
    for (const ddl of v.ddl(name)) await clients[0]!.query(ddl);
    await clients[0]!.query('COMMIT');
    const cpu0 = pids.map(procCpu);
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (c, i) => {
        await c.query('BEGIN');
        await copyFile(c, name, v.files[i]!);
        await c.query('COMMIT');
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    const serverCpu = pids.reduce((s, pid, i) => s + procCpu(pid) - cpu0[i]!, 0);
    await clients[0]!.query(`DROP TABLE ${name}`);
    return { secs, serverCpu };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-floor-'));
  const dbName = `lt_bench_floor_${Date.now()}`;
  const admin = await client(baseUrl!);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = baseUrl!.replace(/\/[^/]*$/, `/${dbName}`);
  try {
    const file = path.join(dir, 'adis-arrivals.csv');
    await writeArrivalsFile(file, rows);
    const halves = await splitFile(file, dir);
    console.log(`file ${(fs.statSync(file).size / 1e6).toFixed(0)} MB, ${rows} rows; load average ${os.loadavg()[0]!.toFixed(1)}`);
    const variants: Variant[] = [
      { label: 'text', ddl: (n) => [table(n, false)], files: [file] },
      { label: 'text + key', ddl: (n) => [table(n, false), `CREATE UNIQUE INDEX ON ${n} (record_id)`], files: [file] },
      { label: 'typed + key', ddl: (n) => [table(n, true), `CREATE UNIQUE INDEX ON ${n} (record_id)`], files: [file] },
      { label: 'text, 2 connections', ddl: (n) => [table(n, false)], files: halves },
    ];
    console.log('variant                 rows/s   server CPU µs/row   load avg after');
    for (const [k, v] of variants.entries()) {
      const r = await run(url, v, k);
      console.log(
        `${v.label.padEnd(22)} ${Math.round(rows / r.secs).toLocaleString('en-US').padStart(9)}   ${((r.serverCpu / rows) * 1e6).toFixed(2).padStart(17)}   ${os.loadavg()[0]!.toFixed(1)}`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
