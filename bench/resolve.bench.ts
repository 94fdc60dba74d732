/**
 * Entity resolution on the synthetic world: `npm run bench -- resolve [persons] [--batch N] [--seed S] [--verify]`.
 * Generates a world (default 20,000 persons), loads all of it but a held-out batch of about N
 * records (default 10,000) taken from the end of every source file, runs a full resolve (which
 * trains the model), loads the held-out batch and runs an incremental resolve, exports entities
 * and scores them pairwise against ground-truth/persons.csv (subjects; subjects + DSOs) and
 * schools.csv. --verify then runs a full resolve again and reports what it had to change (0 if
 * incremental and full agree). --dump DIR writes the full run's pairs and links and the final
 * entity export there, and the pairs, links and review items after the incremental run (to
 * compare two versions of the code). Uses DATABASE_URL (a scratch database is created and
 * dropped) or, unset, embedded PGlite in memory. Results are appended to bench/out/resolve.ndjson.
 *
 * RESOLVE_BENCH_DB=lt_bench_resolve_<name> (DATABASE_URL only) keeps the world: the first
 * invocation generates it (files in $TMPDIR/<name>), loads all but the held-out batch, runs the
 * full resolve and keeps that database as it is then; every invocation (that one included)
 * copies it (CREATE DATABASE … TEMPLATE) and loads the held-out batch and runs the incremental
 * resolve in the copy, which is dropped after (RESOLVE_BENCH_KEEP_COPY=1 keeps it). So the
 * incremental run can be repeated against the same post-full-run state, with any code. The loaded
 * world is kept too (loaded.json): a full resolve that fails is retried on it without loading it
 * again, and `--load-only` stops there (to try a full run of a large world with other code).
 * `--incremental-only` stops after the incremental resolve (no export, scoring or records): to
 * time it again, or to profile it (--cpu-prof writes its profile at a normal exit).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { loadConfig } from '../src/config';
import { openDatabase, type Database } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { generateWorld } from '../src/modules/demo';
import { ingestFile } from '../src/modules/ingest';
import {
  exportEntities,
  runResolve,
  type ResolveSummary,
  type RunCounts,
} from '../src/modules/resolve';
import { SOURCE_NAMES } from '../src/modules/sources/registry';
import { systemContext } from '../src/shared/context';
import { admin } from './pg-admin';
import { cpuDelta, ownCpu, serverCpu } from './proc-cpu';
import { pairScores, readCsv, splitRecords, type Scores } from './resolve-score';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const persons = Number(
  args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')) ?? 20_000,
);
const batch = flag('--batch', 10_000);
const seed = flag('--seed', 7);
const verify = args.includes('--verify');
const loadOnly = args.includes('--load-only');
const incrementalOnly = args.includes('--incremental-only');
const dumpDir = args.includes('--dump') ? args[args.indexOf('--dump') + 1] : undefined;
const ctx = systemContext('bench resolve', ['records_officer']);
const secs = (t: number) => (performance.now() - t) / 1000;

const baseUrl = process.env['DATABASE_URL'];
const keepName = process.env['RESOLVE_BENCH_DB'];

/** The server's URL with another database name. */
function urlOf(name: string): string {
  const own = new URL(baseUrl!);
  own.pathname = `/${name}`;
  return own.toString();
}

async function openNamed(name: string): Promise<Database> {
  const database = await openDatabase(
    loadConfig({ ...process.env, DATABASE_URL: urlOf(name), LOG_LEVEL: 'silent' }),
    {
      command: 'bench',
    },
  );
  await migrate(database);
  return database;
}

const dropDb = (name: string) =>
  admin(baseUrl!, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

async function open(): Promise<{ database: Database; kind: string; close: () => Promise<void> }> {
  if (!baseUrl) {
    const database = await openDatabase(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), {
      command: 'bench',
      inMemory: true,
    });
    await migrate(database);
    return { database, kind: 'pglite', close: () => database.close() };
  }
  const name = `lt_bench_resolve_${Date.now()}`;
  await admin(baseUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const database = await openNamed(name);
  return {
    database,
    kind: 'postgres',
    close: async () => {
      await database.close();
      await dropDb(name);
    },
  };
}

/** Splits every source file so that about `held` rows in all are held back for the second batch. */
function split(
  dir: string,
  held: number,
): { first: [string, string][]; second: [string, string][]; total: number } {
  const files = SOURCE_NAMES.map((s) => [s, path.join(dir, `${s}.csv`)] as const).filter(([, f]) =>
    fs.existsSync(f),
  );
  const parsed = files.map(([s, f]) => [s, splitRecords(fs.readFileSync(f, 'utf8'))] as const);
  const total = parsed.reduce((n, [, rows]) => n + rows.length - 1, 0);
  const share = Math.min(1, held / Math.max(total, 1));
  const first: [string, string][] = [];
  const second: [string, string][] = [];
  for (const [source, [header, ...rows]] of parsed) {
    const cut = rows.length - Math.round(rows.length * share);
    for (const [part, list, into] of [
      [1, rows.slice(0, cut), first],
      [2, rows.slice(cut), second],
    ] as const) {
      if (list.length === 0) continue;
      const file = path.join(dir, `${source}.part${part}.csv`);
      fs.writeFileSync(file, [header, ...list].join('\n') + '\n');
      into.push([source, file]);
    }
  }
  return { first, second, total };
}

async function load(database: Database, files: [string, string][]): Promise<number> {
  let rows = 0;
  for (const [source, file] of files)
    rows += (await ingestFile(database, ctx, { source, file })).rowsAccepted;
  return rows;
}

async function linkRows(database: Database, role: string): Promise<Map<string, string>> {
  const rows = await database.transaction((tx) =>
    tx.query<{ k: string; e: string }>(
      `SELECT r.source || ',' || r.record_id AS k, l.entity_id::text AS e FROM record_links l JOIN source_records r ON r.id = l.source_record_id WHERE l.role = $1`,
      [role],
    ),
  );
  return new Map(rows.map((r) => [r.k, r.e]));
}

async function score(
  database: Database,
  dir: string,
  exported: string,
): Promise<Record<string, Scores>> {
  const truth = readCsv(path.join(dir, 'ground-truth', 'persons.csv'));
  const entity = new Map(
    exported
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => [l.slice(0, l.lastIndexOf(',')), l.slice(l.lastIndexOf(',') + 1)]),
  );
  const subjects = truth.filter((t) => t['role'] === 'subject');
  const keyOf = (t: Record<string, string>) => `${t['source']},${t['record_id']}`;
  const dso = await linkRows(database, 'dso');
  const both = truth.filter((t) => t['role'] === 'subject' || t['role'] === 'dso');
  const predicted = (t: Record<string, string>) =>
    (t['role'] === 'dso' ? dso.get(keyOf(t)) : entity.get(keyOf(t))) ||
    `none:${keyOf(t)}:${t['role']}`;
  const schools = new Map(
    readCsv(path.join(dir, 'ground-truth', 'schools.csv')).map((s) => [
      s['school_code']!,
      s['true_school_id']!,
    ]),
  );
  const sevis = readCsv(path.join(dir, 'sevis.csv'));
  const schoolLinks = await linkRows(database, 'school');
  return {
    subjects: pairScores(
      subjects.map((t) => entity.get(keyOf(t)) || `none:${keyOf(t)}`),
      subjects.map((t) => t['true_person_id']!),
    ),
    subjectsAndDsos: pairScores(
      both.map(predicted),
      both.map((t) => t['true_person_id']!),
    ),
    schools: pairScores(
      sevis.map((r) => schoolLinks.get(`sevis,${r['record_id']}`) ?? `none:${r['record_id']}`),
      sevis.map((r) => schools.get(r['school_code']!) ?? r['school_code']!),
    ),
  };
}

/** Open review items by reason and probability band: how many, and how many are one true person. */
interface ReviewTruth {
  reason: string;
  band: string;
  items: number;
  known: number;
  samePerson: number;
}

/**
 * Scores the open review queue against ground-truth/persons.csv: for each reason and band of
 * match probability, the items whose two records both have a known person, and how many of
 * those are one person (what an analyst would confirm).
 */
async function reviewTruth(database: Database, dir: string): Promise<ReviewTruth[]> {
  const person = new Map(
    readCsv(path.join(dir, 'ground-truth', 'persons.csv')).map((t) => [
      `${t['source']},${t['record_id']},${t['role']}`,
      t['true_person_id']!,
    ]),
  );
  const rows = await database.transaction((tx) =>
    tx.query<{ reason: string; weight: number; ka: string; kb: string }>(
      `SELECT q.reason, q.weight,
              ra.source || ',' || ra.record_id || ',' || ma.role AS ka,
              rb.source || ',' || rb.record_id || ',' || mb.role AS kb
       FROM review_queue q
       JOIN match_mentions ma ON ma.mention = q.mention_a JOIN source_records ra ON ra.id = ma.source_record_id
       JOIN match_mentions mb ON mb.mention = q.mention_b JOIN source_records rb ON rb.id = mb.source_record_id
       WHERE q.status = 'open'`,
    ),
  );
  const out = new Map<string, ReviewTruth>();
  for (const r of rows) {
    const p = 1 / (1 + 2 ** -r.weight);
    const band = p >= 0.5 ? '50–100 %' : `${Math.floor(p * 10) * 10}–${Math.floor(p * 10) * 10 + 10} %`;
    const key = `${r.reason} ${band}`;
    const t = out.get(key) ?? { reason: r.reason, band, items: 0, known: 0, samePerson: 0 };
    out.set(key, t);
    t.items++;
    const a = person.get(r.ka);
    const b = person.get(r.kb);
    if (a === undefined || b === undefined) continue;
    t.known++;
    if (a === b) t.samePerson++;
  }
  return [...out.values()].sort((x, y) => x.reason.localeCompare(y.reason) || x.band.localeCompare(y.band));
}

/** Writes a query's rows (tab-separated, in the order given) to DIR/name when --dump is on. */
/** With --dump, writes each query's rows to its file (tab-separated). */
async function dump(database: Database, files: readonly (readonly [name: string, sql: string])[]): Promise<void> {
  if (!dumpDir) return;
  fs.mkdirSync(dumpDir, { recursive: true });
  for (const [name, sql] of files) {
    const rows = await database.transaction((tx) => tx.query<Record<string, unknown>>(sql));
    const text = rows.map((r) => Object.values(r).map(String).join('\t')).join('\n');
    fs.writeFileSync(path.join(dumpDir, name), text + '\n');
  }
}

function show(label: string, s: ResolveSummary, t: number, cpu: number): string {
  return `${label}: ${t.toFixed(1)} s (${cpu.toFixed(1)} CPU-s here) — ${s.counts.mentions} mentions, ${s.counts.pairsScored} pairs scored, ${s.counts.personEntities} person / ${s.counts.orgEntities} org entities${s.mode === 'incremental' ? ' re-clustered (the affected set)' : ''}, created ${s.counts.entitiesCreated}, changed ${s.counts.entitiesChanged}, review ${s.openReviewItems} open`;
}

/** What the first phase leaves for the incremental one (kept as state.json beside a kept world). */
interface Prepared {
  persons: number;
  seed: number;
  batch: number;
  total: number;
  loaded: number;
  second: [string, string][];
  fullS: number;
  fullCpu: number;
  full: RunCounts;
}

// The main thread's garbage collection so far, in seconds: full (mark-compact) and young.
const gc = { full: 0, young: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    // NODE_PERFORMANCE_GC_MAJOR is 4 (incremental marking 8 and weak callbacks 16 are steps of it).
    const kind = ((e as { detail?: { kind?: number } }).detail)?.kind ?? 0;
    if (kind === 1) gc.young += e.duration / 1000;
    else gc.full += e.duration / 1000;
  }
}).observe({ entryTypes: ['gc'] });

/**
 * Each stage's line, with this process's CPU seconds so far (both threads: the machine may be
 * shared, wall time is not enough), the main thread's garbage collection so far and its
 * JavaScript heap then.
 */
const progress = (l: string) =>
  console.log(`    ${l} [cpu ${ownCpu().toFixed(1)}s, gc ${gc.full.toFixed(1)}+${gc.young.toFixed(1)}s, heap ${(process.memoryUsage().heapUsed / 2 ** 30).toFixed(2)} GiB]`);

/** What loading leaves before the full resolve (kept as loaded.json beside a kept world). */
type Loaded = Pick<Prepared, 'persons' | 'seed' | 'batch' | 'total' | 'loaded' | 'second'>;

/** Generates the world into `dir` and loads all but the held-out batch. */
async function loadWorld(database: Database, kind: string, dir: string): Promise<Loaded> {
  const t = performance.now();
  await generateWorld({ persons, seed, outDir: dir });
  const parts = split(dir, batch);
  console.log(
    `world: ${persons} persons, ${parts.total} records (seed ${seed}) in ${secs(t).toFixed(1)} s; database ${kind}`,
  );
  const t1 = performance.now();
  const loaded = await load(database, parts.first);
  console.log(`load first batch: ${loaded} records in ${secs(t1).toFixed(1)} s`);
  return { persons, seed, batch, total: parts.total, loaded, second: parts.second };
}

/** The full resolve of what is loaded (it trains the model). */
async function fullResolve(database: Database, world: Loaded): Promise<Prepared> {
  const t = performance.now();
  const cpu = ownCpu();
  const full = await runResolve(database, ctx, { onProgress: progress });
  const fullS = secs(t);
  const fullCpu = ownCpu() - cpu;
  console.log(show('full resolve (trains the model)', full, fullS, fullCpu));
  console.log(`  peak RSS of this process so far: ${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(2)} GiB`);
  await dump(database, [
    ['full-pairs.tsv', `SELECT a, b, weight, proven, conflicts FROM match_pairs ORDER BY a, b`],
    ['full-links.tsv', `SELECT source_record_id, role, entity_id, method, match_weight FROM record_links ORDER BY 1, 2`],
    ['full-review.tsv', `SELECT mention_a, mention_b, weight, reason FROM review_queue WHERE status = 'open' ORDER BY 1, 2`],
  ]);
  return { ...world, fullS, fullCpu, full: full.counts };
}

/** Loads the held-out batch, runs the incremental resolve, scores, verifies and records. */
async function incremental(
  database: Database,
  kind: string,
  dir: string,
  p: Prepared,
): Promise<void> {
  let t = performance.now();
  const added = await load(database, p.second);
  console.log(`load incremental batch: ${added} records in ${secs(t).toFixed(1)} s`);
  const server0 = await serverCpu(database);
  t = performance.now();
  const cpu = ownCpu();
  const inc = await runResolve(database, ctx, { onProgress: progress });
  const incS = secs(t);
  const incCpu = ownCpu() - cpu;
  const incServerCpu = cpuDelta(server0, await serverCpu(database));
  console.log(show(`incremental resolve of ${added} records`, inc, incS, incCpu));
  if (kind === 'postgres')
    console.log(
      `  server backends: ${incServerCpu.toFixed(1)} CPU-s; load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
  if (incrementalOnly) return;
  await dump(database, [
    ['inc-pairs.tsv', `SELECT a, b, weight, proven, conflicts FROM match_pairs ORDER BY a, b`],
    ['inc-links.tsv', `SELECT source_record_id, role, entity_id, method, match_weight FROM record_links ORDER BY 1, 2`],
    ['inc-review.tsv', `SELECT mention_a, mention_b, weight, reason, status FROM review_queue ORDER BY 1, 2`],
    ['inc-index.tsv', `SELECT mention, source_record_id, role, kind, rep, fingerprint, org_key, org_code,
       (SELECT array_agg(block ORDER BY block) FROM match_blocks b WHERE b.mention = m.mention) AS blocks
     FROM match_mentions m ORDER BY mention`],
    ['inc-entities.tsv', `SELECT id, kind, org_type, display_name, retired_at IS NOT NULL AS retired, merged_into FROM entities ORDER BY id`],
  ]);
  t = performance.now();
  let csv = '';
  const exp = await exportEntities(database, ctx, {
    format: 'csv',
    classification: 'bench',
    destination: 'memory',
    write: (c) => void (csv += c),
  });
  console.log(`export entities: ${exp.rows} rows in ${secs(t).toFixed(1)} s`);
  if (dumpDir) fs.writeFileSync(path.join(dumpDir, 'entities.csv'), csv);
  const scores = await score(database, dir, csv);
  for (const [k, s] of Object.entries(scores))
    console.log(
      `  ${k.padEnd(16)} P ${s.precision.toFixed(4)}  R ${s.recall.toFixed(4)}  F1 ${s.f1.toFixed(4)}  (${s.items} records, ${s.truePairs} true pairs)`,
    );
  const review = await reviewTruth(database, dir);
  console.log('  open review items (reason, match probability: items, both records known, one person):');
  for (const r of review)
    console.log(
      `    ${r.reason.padEnd(10)} ${r.band.padEnd(9)} ${String(r.items).padStart(9)} ${String(r.known).padStart(9)} ${String(r.samePerson).padStart(8)} (${((100 * r.samePerson) / Math.max(r.known, 1)).toFixed(2)} %)`,
    );
  let verified: { seconds: number; linksChanged: number; linksRemoved: number } | null = null;
  if (verify) {
    t = performance.now();
    const again = await runResolve(database, ctx, { full: true, onProgress: progress });
    verified = {
      seconds: secs(t),
      linksChanged: again.counts.linksChanged,
      linksRemoved: again.counts.linksRemoved,
    };
    console.log(
      `full re-run (same model): ${verified.seconds.toFixed(1)} s, links changed ${verified.linksChanged}, removed ${verified.linksRemoved}`,
    );
  }
  const result = {
    at: new Date().toISOString(),
    node: process.version,
    database: kind,
    kept: keepName ?? null,
    persons,
    seed,
    records: p.total,
    loaded: p.loaded,
    added,
    fullS: p.fullS,
    incS,
    fullCpu: p.fullCpu,
    incCpu,
    incServerCpu: kind === 'postgres' ? incServerCpu : null,
    full: p.full,
    inc: inc.counts,
    scores,
    review,
    verified,
    cpus: os.cpus().length,
    load: os.loadavg()[0],
  };
  fs.mkdirSync(path.join('bench', 'out'), { recursive: true });
  fs.appendFileSync(path.join('bench', 'out', 'resolve.ndjson'), JSON.stringify(result) + '\n');
}

/** A scratch database (or PGlite in memory): everything in one go, then dropped. */
async function once(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-resolve-'));
  const { database, kind, close } = await open();
  try {
    await incremental(database, kind, dir, await fullResolve(database, await loadWorld(database, kind, dir)));
  } finally {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** RESOLVE_BENCH_DB: the post-full-run database is built once and copied for each incremental run. */
async function kept(name: string): Promise<void> {
  if (!baseUrl)
    throw new Error(
      'RESOLVE_BENCH_DB needs DATABASE_URL (a PostgreSQL server to keep the world in)',
    );
  if (!/^lt_bench_resolve_[a-z0-9_]+$/.test(name))
    throw new Error('RESOLVE_BENCH_DB must match lt_bench_resolve_[a-z0-9_]+');
  const dir = path.join(os.tmpdir(), name);
  const stateFile = path.join(dir, 'state.json');
  const loadedFile = path.join(dir, 'loaded.json');
  const exists = await admin(
    baseUrl,
    async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount,
  );
  const read = <T>(file: string) =>
    exists && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : null;
  let state = read<Prepared>(stateFile);
  const world = state ?? read<Loaded>(loadedFile);
  if (world && (world.persons !== persons || world.seed !== seed || world.batch !== batch))
    throw new Error(
      `${name} holds ${world.persons} persons, seed ${world.seed}, batch ${world.batch}: pass those or use another name`,
    );
  // Planner statistics and visibility map as a long-lived database would have them.
  const vacuum = () => admin(urlOf(name), (c) => c.query('VACUUM ANALYZE'));
  if (state)
    console.log(
      `reusing ${name}: ${state.persons} persons, ${state.total} records, ${state.loaded} resolved by a full run in ${state.fullS.toFixed(1)} s`,
    );
  else {
    let loaded = world;
    if (loaded) console.log(`reusing ${name}: ${loaded.total} records, ${loaded.loaded} loaded, not resolved yet`);
    else {
      // Absent, or left half-loaded by an interrupted first run: built again from scratch.
      await dropDb(name);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      await admin(baseUrl, (c) => c.query(`CREATE DATABASE ${name}`));
      const database = await openNamed(name);
      try {
        loaded = await loadWorld(database, 'postgres', dir);
      } finally {
        await database.close();
      }
      await vacuum();
      // A full resolve that dies (out of memory, say) rolls back to this point: the next
      // invocation resolves the loaded world again instead of loading it again.
      fs.writeFileSync(loadedFile, JSON.stringify(loaded));
    }
    if (loadOnly) return;
    const database = await openNamed(name);
    try {
      state = await fullResolve(database, loaded);
    } finally {
      await database.close();
    }
    await vacuum();
    fs.writeFileSync(stateFile, JSON.stringify(state));
  }
  const copy = `${name}_inc`;
  const t = performance.now();
  await dropDb(copy);
  await admin(baseUrl, (c) =>
    c.query(`CREATE DATABASE ${copy} TEMPLATE ${name} STRATEGY FILE_COPY`),
  );
  const database = await openNamed(copy);
  console.log(`copied ${name} to ${copy} in ${secs(t).toFixed(1)} s`);
  try {
    await incremental(database, 'postgres', dir, state);
  } finally {
    await database.close();
    if (process.env['RESOLVE_BENCH_KEEP_COPY'] !== '1') await dropDb(copy);
  }
}

await (keepName ? kept(keepName) : once());
