// Benchmark of the synthetic world generator (src/modules/demo).
//
//   npx tsx bench/generate-world.bench.ts [persons=100000] [--seed N] [--out DIR] [--keep]
//
// Writes the world to DIR (default bench/out/world-<persons>, ignored by git), prints time,
// rows per second, peak memory and file sizes, appends one JSON line to
// bench/out/generate-world.ndjson, and removes the world again unless --keep is given.
import { appendFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generateWorld } from '../src/modules/demo/index';

interface Args {
  persons: number;
  seed: number;
  out: string;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const rest = [...argv];
  let persons = 100_000;
  let seed = 1;
  let out = '';
  let keep = false;
  while (rest.length) {
    const a = rest.shift() as string;
    if (a === '--seed') seed = Number(rest.shift());
    else if (a === '--out') out = rest.shift() ?? '';
    else if (a === '--keep') keep = true;
    else persons = Number(a.replace(/_/g, ''));
  }
  if (!Number.isInteger(persons) || persons < 20)
    throw new Error('persons must be an integer ≥ 20');
  return { persons, seed, out: resolve(out || join('bench', 'out', `world-${persons}`)), keep };
}

async function sizeOf(dir: string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const sub of ['', 'ground-truth']) {
    for (const f of await readdir(join(dir, sub))) {
      const s = await stat(join(dir, sub, f));
      if (s.isFile()) sizes[join(sub, f)] = s.size;
    }
  }
  return sizes;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  await rm(args.out, { recursive: true, force: true });
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 250);
  const began = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  let lastReport = 0;
  const summary = await generateWorld({
    persons: args.persons,
    seed: args.seed,
    outDir: args.out,
    onProgress: (done, total) => {
      sample();
      const pct = Math.floor((100 * done) / total);
      if (pct >= lastReport + 10) {
        lastReport = pct - (pct % 10);
        process.stderr.write(
          `  ${pct}% (${done} persons) ${(Number(process.hrtime.bigint() - began) / 1e9).toFixed(1)} s\n`,
        );
      }
    },
  });
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(timer);
  sample();
  const sizes = await sizeOf(args.out);
  const rows = Object.entries(summary.files)
    .filter(([f]) => !f.startsWith('ground-truth'))
    .reduce((n, [, v]) => n + v, 0);
  const bytes = Object.values(sizes).reduce((n, v) => n + v, 0);
  // On a shared machine wall time depends on the neighbours; CPU time is the steadier figure.
  console.log(
    `persons ${summary.persons}, seed ${args.seed}: ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU`,
  );
  console.log(
    `source rows ${rows} (${Math.round(rows / seconds)} rows/s), ${mb(bytes)} on disk, peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)}`,
  );
  for (const [file, n] of Object.entries(summary.files))
    console.log(
      `  ${file.padEnd(28)} ${String(n).padStart(10)} rows  ${mb(sizes[file] ?? 0).padStart(10)}`,
    );
  console.log(`  oracle mismatches: ${summary.oracleMismatches}`);
  await mkdir(join('bench', 'out'), { recursive: true });
  const record = {
    when: new Date().toISOString(),
    persons: summary.persons,
    seed: args.seed,
    seconds: Number(seconds.toFixed(2)),
    cpu_seconds: Number(cpuSeconds.toFixed(2)),
    source_rows: rows,
    bytes,
    peak_rss_mb: Math.round(peakRss / 1048576),
    peak_heap_mb: Math.round(peakHeap / 1048576),
    files: summary.files,
    node: process.version,
  };
  await appendFile(join('bench', 'out', 'generate-world.ndjson'), `${JSON.stringify(record)}\n`);
  if (!args.keep) await rm(args.out, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
