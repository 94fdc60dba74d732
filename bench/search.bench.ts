/**
 * Analyst name search at scale: `npm run bench -- search [persons] [queries]`.
 * Inserts `persons` synthetic persons (default 100,000) with COPY straight into the core tables
 * (two source records each, one of them with a spelling variant or a typo, names and passport
 * identifiers, one entity and its record links), builds the search index, then times `queries`
 * (default 500) random name searches with a typo through the search service (audit row included)
 * and reports p50/p95/p99 and recall (the true person among the results / first).
 * Uses DATABASE_URL (a scratch database is created and dropped) or, unset, embedded PGlite.
 *
 * Options (environment):
 * - BENCH_BREAKDOWN=1: time every statement a search sends, by the repo function that sent it
 *   (wall, and CPU of the PostgreSQL backend), and print the totals per search.
 * - BENCH_SLOW_LOG=file.json: with the breakdown, write the costliest statements (backend CPU,
 *   else wall) with their parameters, to EXPLAIN them afterwards.
 * - BENCH_KEEP_DB=name (PostgreSQL): keep the loaded database; a later run with the same name and
 *   size reuses it (no load; the index is only caught up), so search changes can be timed quickly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakerDE, fakerEN_NG, fakerEN_US, fakerES_MX, fakerPL, fakerPT_BR, fakerRU, fakerTR, fakerUK, fakerVI, type Faker } from '@faker-js/faker';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { openDatabase, type Database, type Tx } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { indexPendingNames, searchEntities } from '../src/modules/search';
import { systemContext } from '../src/shared/context';

const persons = Number(process.argv[2] ?? 100_000);
const queries = Number(process.argv[3] ?? 500);
const LOCALES: Faker[] = [fakerEN_US, fakerES_MX, fakerRU, fakerUK, fakerVI, fakerDE, fakerPL, fakerPT_BR, fakerTR, fakerEN_NG];
const CHUNK = 20_000;

let seed = 7;
function rand(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
/** The queries draw from their own sequence, so a reused database gets the same queries. */
function reseed(s: number): void {
  seed = s;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** One keyboard slip: swap, drop, double or replace a letter (never the first). */
export function typo(word: string): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(rand() * (word.length - 2));
  switch (Math.floor(rand() * 4)) {
    case 0: return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1: return word.slice(0, i) + word.slice(i + 1);
    case 2: return word.slice(0, i) + word[i] + word.slice(i);
    default: return word.slice(0, i) + pick([...'aeioulnrst']) + word.slice(i + 1);
  }
}

interface Person { id: string; given: string; family: string; birth: string; passport: string }

/** Given and family names of each locale, drawn once from faker (calling it per person is slow). */
function namePools(): { given: string[]; family: string[] }[] {
  return LOCALES.map((f) => {
    f.seed(7);
    const given = new Set<string>();
    const family = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      given.add(f.person.firstName());
      family.add(f.person.lastName());
    }
    return { given: [...given], family: [...family] };
  });
}

function makePersons(n: number): Person[] {
  const out: Person[] = [];
  const pools = namePools();
  for (let i = 0; i < n; i++) {
    const pool = pools[i % pools.length]!;
    const y = 1950 + Math.floor(rand() * 55);
    const birth = `${y}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    // Ids follow the index so that a reused database and a fresh one name the same persons.
    const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    out.push({ id, given: pick(pool.given), family: pick(pool.family), birth, passport: `P${String(1_000_000 + i)}` });
  }
  return out;
}

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, ' ').replace(/\n/g, ' ');

function* chunks<T>(items: readonly T[], line: (x: T, i: number) => string, from = 0, to = items.length): Generator<string> {
  for (let start = from; start < to; start += CHUNK) {
    let s = '';
    for (let i = start; i < Math.min(to, start + CHUNK); i++) s += line(items[i]!, i);
    yield s;
  }
}

async function load(database: Database, people: Person[]): Promise<void> {
  await database.transaction(async (tx) => {
    const [batch] = await tx.query<{ id: string }>(
      `INSERT INTO source_batches (source, file_name, file_size, file_sha256, format, loaded_by_username, started_at, rows_read, rows_accepted, rows_flagged, rows_rejected, rows_skipped)
       VALUES ('adis-arrivals', 'bench', 0, 'bench', 'csv', 'bench', now(), 0, 0, 0, 0, 0) RETURNING id::text AS id`,
    );
    // Record 2k is the clean spelling, 2k+1 a variant (a typo in one name in a third of them).
    const variant = (p: Person, i: number) => (i % 3 === 0 ? [p.given, typo(p.family)] : [p.given, p.family]);
    const payload = (given: string, family: string, p: Person) => esc(JSON.stringify({ given_name: given, family_name: family, birth_date: p.birth, passport_number: p.passport }));
    await tx.copyFrom(
      'COPY source_records (source, record_id, batch_id, line_no, received_at, content_hash, payload) FROM STDIN',
      chunks(people, (p, i) => {
        const [g, f] = variant(p, i);
        return `adis-arrivals\tB${i}a\t${batch!.id}\t${i}\t2026-01-01\tx\t${payload(p.given, p.family, p)}\n` + `ccd-visas\tB${i}b\t${batch!.id}\t${i}\t2026-01-01\tx\t${payload(g!, f!, p)}\n`;
      }),
    );
    const [{ min }] = (await tx.query<{ min: string }>(`SELECT min(id)::text AS min FROM source_records`)) as [{ min: string }];
    const base = Number(min);
    await tx.copyFrom('COPY entities (id, kind, display_name) FROM STDIN', chunks(people, (p) => `${p.id}\tperson\t${esc(`${p.given} ${p.family}`)}\n`));
    await tx.copyFrom(
      'COPY record_links (source_record_id, role, entity_id, method) FROM STDIN',
      chunks(people, (p, i) => `${base + 2 * i}\tsubject\t${p.id}\tidentifier\n${base + 2 * i + 1}\tsubject\t${p.id}\tidentifier\n`),
    );
    await tx.copyFrom(
      'COPY names (source_record_id, given_name, family_name, full_name, search_key) FROM STDIN',
      chunks(people, (p, i) => {
        const [g, f] = variant(p, i);
        return `${base + 2 * i}\t${esc(p.given)}\t${esc(p.family)}\t${esc(`${p.given} ${p.family}`)}\tx\n${base + 2 * i + 1}\t${esc(g!)}\t${esc(f!)}\t${esc(`${g} ${f}`)}\tx\n`;
      }),
    );
    await tx.copyFrom(
      'COPY identifiers (source_record_id, kind, value, normalized, valid) FROM STDIN',
      chunks(people, (p, i) => `${base + 2 * i}\tpassport\t${p.passport}\t${p.passport}\tt\n`),
    );
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * CPU time spent on a search, in ms: this process plus the PostgreSQL backends serving it (their
 * /proc schedstat, nanoseconds on a CPU). On a shared machine the wall time mostly measures the
 * queue for a core; the CPU time is what the search itself costs.
 */
async function backendPids(database: Database): Promise<number[]> {
  if (database.kind !== 'postgres') return [];
  const rows = await database.transaction((tx) => tx.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`));
  return rows.map((r) => r.pid);
}

function backendCpuNs(pids: readonly number[]): number {
  let ns = 0;
  for (const pid of pids) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a backend that ended: its time is lost to the figure, which then reads low
    }
  }
  return ns;
}

/** Time spent per statement, by the repo function that sent it (BENCH_BREAKDOWN=1). */
interface Split {
  calls: number;
  wallMs: number;
  cpuMs: number;
}
interface Slow {
  label: string;
  ms: number;
  cpuMs: number;
  text: string;
  params: unknown[];
}

/** The first frame of project code above the wrapper names the caller (a repo function). */
function callerOf(stack: string | undefined): string {
  for (const f of (stack ?? '').split('\n').slice(2)) {
    const m = /at (?:async )?([\w.$<>]+) \((?:file:\/\/)?[^)]*\/src\/([^):]+)/.exec(f);
    if (m) return `${m[1]} (${m[2]!.replace(/^modules\//, '')})`;
  }
  return 'other';
}

/** By backend CPU where it is known (wall time on a busy machine is mostly the wait for a core). */
function costlier(a: Slow, b: Slow): number {
  return b.cpuMs - a.cpuMs || b.ms - a.ms;
}

class Breakdown {
  readonly splits = new Map<string, Split>();
  slow: Slow[] = [];
  searches = 0;
  /** The backends of the pool: one search runs at a time, so their CPU is that search's. */
  pids: number[] = [];

  constructor(private readonly database: Database) {}

  reset(): void {
    this.splits.clear();
    this.slow = [];
  }

  private add(label: string, wallMs: number, cpuMs: number): void {
    const x = this.splits.get(label) ?? { calls: 0, wallMs: 0, cpuMs: 0 };
    x.calls++;
    x.wallMs += wallMs;
    x.cpuMs += cpuMs;
    this.splits.set(label, x);
  }

  private cpuNow(): number {
    return backendCpuNs(this.pids) / 1e6;
  }

  private async timed<R>(tx: Tx, label: string, text: string, params: unknown[] | undefined): Promise<R[]> {
    const c = this.cpuNow();
    const w = performance.now();
    const rows = await tx.query<R>(text, params);
    const ms = performance.now() - w;
    const cpuMs = this.cpuNow() - c;
    this.add(label, ms, cpuMs);
    this.slow.push({ label, ms, cpuMs, text, params: params ?? [] });
    if (this.slow.length > 200) this.slow = this.slow.sort(costlier).slice(0, 20);
    return rows;
  }

  /** The database, with every statement of a transaction timed. */
  wrap(): Database {
    const inner = this.database;
    const transaction = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      let sent = 0;
      const result = await inner.transaction(async (tx) => {
        const query = async <R>(text: string, params?: unknown[]): Promise<R[]> => {
          const w = performance.now();
          const rows = await this.timed<R>(tx, callerOf(new Error().stack), text, params);
          sent += performance.now() - w;
          return rows;
        };
        return fn({ ...tx, query });
      });
      // BEGIN/COMMIT, Kysely statements (the audit insert) and the service's own work.
      this.add('rest: BEGIN/COMMIT, Kysely audit insert, service code', performance.now() - t0 - sent, 0);
      return result;
    };
    return { ...inner, transaction };
  }

  print(): void {
    const n = Math.max(1, this.searches);
    const rows = [...this.splits.entries()].sort((a, b) => b[1].wallMs - a[1].wallMs);
    console.log(`  per search (mean of ${n}), by caller: wall ms, backend CPU ms, calls`);
    for (const [label, x] of rows) {
      console.log(`    ${(x.wallMs / n).toFixed(2).padStart(8)} ${(x.cpuMs / n).toFixed(2).padStart(8)} ${(x.calls / n).toFixed(2).padStart(6)}  ${label}`);
    }
  }

  writeSlow(file: string): void {
    fs.writeFileSync(file, JSON.stringify(this.slow.sort(costlier).slice(0, 20), null, 1));
    console.log(`  the 20 costliest statements: ${file}`);
  }
}

async function run(database: Database, people: Person[]): Promise<void> {
  const ctx = { ...systemContext('bench', ['analyst']), purpose: null };
  const breakdown = process.env['BENCH_BREAKDOWN'] === '1' ? new Breakdown(database) : null;
  const searchDb = breakdown?.wrap() ?? database;
  reseed(11);
  const times: number[] = [];
  const cpu: number[] = [];
  let nodeCpu = 0;
  let pids = await backendPids(database);
  let top1 = 0;
  let top10 = 0;
  let nameFound = 0;
  for (let n = 0; n < queries + 20; n++) {
    const p = pick(people);
    const words = [p.given, rand() < 0.5 ? typo(p.family) : p.family];
    if (rand() < 0.5) words[0] = typo(words[0]!);
    if (rand() < 0.25) words.reverse();
    const c0 = process.cpuUsage();
    const b0 = backendCpuNs(pids);
    const t0 = performance.now();
    const r = await searchEntities(searchDb, ctx, { q: words.join(' '), limit: 10 });
    const ms = performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    const cpuMs = (c1.user + c1.system) / 1000 + (backendCpuNs(pids) - b0) / 1e6;
    if (n < 20) {
      pids = await backendPids(database); // the pool has opened its connections by now
      if (n === 19 && breakdown) {
        breakdown.reset();
        breakdown.pids = pids;
      }
      continue;
    }
    if (breakdown) breakdown.searches++;
    times.push(ms);
    cpu.push(cpuMs);
    nodeCpu += (c1.user + c1.system) / 1000;
    const at = r.results.findIndex((x) => x.entityId === p.id);
    // Synthetic persons share names: tied with the first result counts as first.
    if (at >= 0 && r.results[at]!.score === r.results[0]!.score) top1++;
    if (at >= 0) top10++;
    // More than `limit` persons may share the name typed: then finding the name is the success.
    if (at >= 0 || r.results.some((x) => x.displayName === `${p.given} ${p.family}`)) nameFound++;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1);
  const [load1] = os.loadavg();
  console.log(`name search, ${queries} queries with typos: wall p50 ${f(percentile(times, 50))} ms, p95 ${f(percentile(times, 95))} ms, p99 ${f(percentile(times, 99))} ms, max ${f(times.at(-1)!)} ms (load average ${load1!.toFixed(1)} on ${os.cpus().length} cores)`);
  console.log(`  CPU time per search (this process${database.kind === 'postgres' ? ' + PostgreSQL backends' : ''}): p50 ${f(percentile(cpu, 50))} ms, p95 ${f(percentile(cpu, 95))} ms, p99 ${f(percentile(cpu, 99))} ms; of it in this process ${f(nodeCpu / queries)} ms on average`);
  console.log(`recall: true person first (or tied) ${((100 * top1) / queries).toFixed(1)}%, in top 10 ${((100 * top10) / queries).toFixed(1)}%; the true name in the top 10 ${((100 * nameFound) / queries).toFixed(1)}%`);
  breakdown?.print();
  const slowLog = process.env['BENCH_SLOW_LOG'];
  if (breakdown && slowLog) breakdown.writeSlow(slowLog);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-search-'));
  const baseUrl = process.env['DATABASE_URL'];
  // BENCH_KEEP_DB=name keeps the loaded database for a look afterwards (PostgreSQL only).
  const keep = process.env['BENCH_KEEP_DB'];
  const scratch = baseUrl ? (keep ?? `lt_bench_search_${Date.now()}`) : undefined;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  const exists = async (name: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    const r = await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    await c.end();
    return r.rows.length > 0;
  };
  const reuse = scratch !== undefined && keep !== undefined && (await exists(scratch));
  if (scratch && !reuse) await admin(`CREATE DATABASE ${scratch}`);
  const url = scratch && baseUrl ? baseUrl.replace(/\/[^/]*$/, `/${scratch}`) : '';
  const config = loadConfig({ ...process.env, DATABASE_URL: url, LEADTRAC_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' });
  const database = await openDatabase(config, { command: 'bench' });
  try {
    await migrate(database);
    console.log(`database: ${database.kind}; persons: ${persons.toLocaleString('en-US')}`);
    let t = performance.now();
    const people = makePersons(persons);
    console.log(`generated ${persons} persons in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    if (reuse) {
      const [{ n }] = (await database.transaction((tx) => tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM entities`))) as [{ n: string }];
      if (Number(n) !== persons) throw new Error(`BENCH_KEEP_DB=${keep} holds ${n} persons, not ${persons}`);
      console.log(`reusing database ${keep} (${n} persons)`);
    } else {
      await load(database, people);
      console.log(`COPY of records, entities, links, ${2 * persons} names and identifiers: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    t = performance.now();
    const ix = await indexPendingNames(database, { batchSize: 20_000 });
    const secs = (performance.now() - t) / 1000;
    console.log(`search index: ${ix.indexed} names, ${ix.newTerms} name words in ${secs.toFixed(1)} s (${Math.round(ix.indexed / secs)} names/s)`);
    if (!reuse || ix.indexed > 0) await database.transaction((tx) => tx.exec('ANALYZE'));
    await run(database, people);
  } finally {
    // Kysely ends the pg pool only if it ever used it itself; touch it so close() really closes.
    await database.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    await database.close();
    if (scratch && !keep) await admin(`DROP DATABASE ${scratch} WITH (FORCE)`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
