/**
 * Read + validate speed of the source readers on a generated adis-arrivals CSV.
 *
 *   npx tsx bench/parse-sources.bench.ts [rows=1000000]
 *
 * Writes a synthetic file (no real people) into a temp dir, then times: our reader alone, our
 * reader + validateRow (what ingest does per row), and csv-parse with line info on the first
 * 200k lines for comparison (it also loses the rows an unterminated quote swallows).
 * Target: >= 400,000 rows/s for read + validate on one core (see src/modules/sources).
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { ISO_COUNTRY_CODES } from '../src/modules/sources/countries';
import { openSourceFile } from '../src/modules/sources/readers';
import { getSource } from '../src/modules/sources/registry';
import type { ReadResult } from '../src/modules/sources/source-types';
import { csvLine } from '../src/modules/sources/samples';
import { validateRow } from '../src/modules/sources/validate';
import {
  validateBatches,
  validateRows,
  type ValidatedRow,
} from '../src/modules/sources/validated-rows';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const CSV_PARSE_LINES = Math.min(ROWS, 200_000);
const def = getSource('adis-arrivals');
const columns = def.columns.map((c) => c.name);

/** Deterministic PRNG (mulberry32) so every run reads the same file. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = [
  'Okafor',
  'Nguyen',
  'Silva',
  'Kowalski',
  'Haddad',
  'Moreau',
  'Tanaka',
  'Mensah',
  'Ivanova',
  'Castillo',
];
const GIVEN = [
  'Amara',
  'Linh',
  'Joao',
  'Marta',
  'Omar',
  'Claire',
  'Kenji',
  'Kwame',
  'Olga',
  'Diego',
];
const CLASSES = ['B1', 'B2', 'WT', 'WB', 'F1', 'J1', 'M1', 'H1B', 'L1', 'O1', 'E2', 'TN'];
const PORTS = ['JFK', 'LAX', 'MIA', 'ORD', 'IAD', 'SFO', 'BOS', 'SEA'];
const MODES = ['air', 'air', 'air', 'land', 'sea'];
const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

function row(i: number, r: () => number): string[] {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  const digits = (n: number): string => {
    let s = '';
    for (let k = 0; k < n; k++) s += String(Math.floor(r() * 10));
    return s;
  };
  const day = (y0: number, span: number): number =>
    Date.UTC(y0, 0, 1) / 86_400_000 + Math.floor(r() * span * 365);
  const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
  const date = (y0: number, span: number): string => iso(day(y0, span));
  const country = pick(ISO_COUNTRY_CODES);
  const admissionDay = day(2019, 6);
  const admission = iso(admissionDay);
  const cls = pick(CLASSES);
  let passport = 'A';
  for (let k = 0; k < 7; k++) passport += ALNUM.charAt(Math.floor(r() * ALNUM.length));
  const v = [
    `ADIS-A-${String(i).padStart(9, '0')}`,
    digits(11),
    pick(FAMILY),
    pick(GIVEN),
    date(1950, 55),
    r() < 0.5 ? 'F' : 'M',
    country,
    passport,
    country,
    cls,
    admission,
    cls === 'F1' || cls === 'J1' ? '' : iso(admissionDay + 30 + Math.floor(r() * 335)),
    pick(PORTS),
    pick(MODES),
    cls === 'F1' || cls === 'J1' || cls === 'M1' ? `N${digits(10)}` : '',
    digits(8),
  ];
  // About 1 row in 200 has a data-quality problem, 1 in 5,000 cannot be read at all.
  const bad = r();
  if (bad < 0.001) v[4] = '1956-02-30';
  else if (bad < 0.002) v[7] = `${passport.slice(0, 4)}#${passport.slice(5)}`;
  else if (bad < 0.003) v[6] = 'XYZ';
  else if (bad < 0.005) v[2] = `${v[2]}, Jr`;
  else if (bad < 0.0052) v[0] = '';
  return v;
}

async function generate(path: string): Promise<void> {
  const out = createWriteStream(path);
  const r = rng(20_260_101);
  let buf = `${csvLine(columns)}\n`;
  for (let i = 1; i <= ROWS; i++) {
    buf += `${csvLine(row(i, r))}\n`;
    if (i % 997 === 0) buf += i % 2 === 0 ? '\n' : `ADIS-A-BROKEN-${i},"unterminated\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

interface Result {
  rows: number;
  errors: number;
  flagged: number;
  seconds: number;
  /** CPU time of this process (user + system): the machine is shared, wall time is noisy. */
  cpuSeconds: number;
  peakRssMb: number;
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

type Mode = 'read' | 'validate' | 'validate-batches' | 'validateRows' | 'validateBatches';

async function timeOurs(path: string, mode: Mode): Promise<Result> {
  const t0 = performance.now();
  const c0 = cpuNow();
  let rows = 0;
  let errors = 0;
  let flagged = 0;
  let peak = process.memoryUsage.rss();
  const take = (r: ReadResult): void => {
    rows++;
    if ('error' in r) errors++;
    else if (mode !== 'read') {
      const v = validateRow(def, r.raw);
      if (!v.ok) errors++;
      else if (v.flags.length > 0) flagged++;
    }
    if ((rows & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage.rss());
  };
  const opened = await openSourceFile(path, def);
  if (mode === 'validateRows' || mode === 'validateBatches') {
    // What the ingest service iterates: rows with their flags, file-level rules enforced.
    const count = (v: ValidatedRow): void => {
      rows++;
      if (!v.ok) errors++;
      else if (v.flags.length > 0) flagged++;
      if ((rows & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage.rss());
    };
    if (mode === 'validateRows') for await (const v of validateRows(opened, def)) count(v);
    else for await (const b of validateBatches(opened, def)) for (const v of b) count(v);
  } else if (mode === 'validate-batches') {
    for await (const batch of opened.batches) for (const r of batch) take(r);
  } else {
    for await (const r of opened.rows) take(r);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuNow() - c0;
  return {
    rows,
    errors,
    flagged,
    seconds,
    cpuSeconds,
    peakRssMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20,
  };
}

async function timeCsvParse(path: string): Promise<Result> {
  const t0 = performance.now();
  const c0 = cpuNow();
  let rows = 0;
  let errors = 0;
  const parser = createReadStream(path).pipe(
    parse({
      columns: true,
      info: true,
      raw: true,
      bom: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // It is an order of magnitude slower: a sample is enough for the comparison.
      to_line: CSV_PARSE_LINES,
    }),
  );
  parser.on('skip', () => errors++);
  for await (const rec of parser) {
    rows++;
    if (rec === undefined) errors++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuNow() - c0;
  return {
    rows,
    errors,
    flagged: 0,
    seconds,
    cpuSeconds,
    peakRssMb: process.memoryUsage.rss() / 2 ** 20,
  };
}

function report(label: string, r: Result): void {
  const rate = (s: number): string =>
    Math.round(r.rows / s)
      .toLocaleString('en-US')
      .padStart(9);
  console.log(
    `${label.padEnd(32)} ${r.rows.toLocaleString('en-US').padStart(9)} rows  wall ${r.seconds.toFixed(2).padStart(5)} s ` +
      `${rate(r.seconds)} rows/s  cpu ${r.cpuSeconds.toFixed(2).padStart(5)} s ${rate(r.cpuSeconds)} rows/cpu-s  ` +
      `rejects ${r.errors}  flagged ${r.flagged}  peak rss ${r.peakRssMb.toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'leadtrac-bench-'));
  const path = join(dir, 'adis-arrivals.csv');
  try {
    let t = performance.now();
    await generate(path);
    const size = (await stat(path)).size;
    console.log(
      `generated ${ROWS.toLocaleString('en-US')} rows, ${(size / 2 ** 20).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    const rssBefore = process.memoryUsage.rss() / 2 ** 20;
    console.log(`rss before reading: ${rssBefore.toFixed(0)} MB`);
    // Read + validate first, so its peak RSS is not inflated by the other runs.
    report('read + validate (rows)', await timeOurs(path, 'validate'));
    report('read only (rows)', await timeOurs(path, 'read'));
    report('read + validate (rows, again)', await timeOurs(path, 'validate'));
    report('read + validate (batches)', await timeOurs(path, 'validate-batches'));
    report('validateRows()', await timeOurs(path, 'validateRows'));
    report('validateBatches()', await timeOurs(path, 'validateBatches'));
    report(`csv-parse, info+raw (${CSV_PARSE_LINES / 1000}k lines)`, await timeCsvParse(path));
    const load = loadavg()[0] ?? 0;
    console.log(`load average (1 min): ${load.toFixed(1)} on ${availableParallelism()} cores`);
    console.log(
      `peak RSS of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
