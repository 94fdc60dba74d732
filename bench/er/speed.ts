/**
 * Speed benchmark (not a test): blocking + training + scoring + clustering on a synthetic
 * world (comparisons split over 2 threads), then a 10,000-record incremental batch against it.
 * CPU seconds are printed beside wall time: on a shared machine wall time overstates.
 * Run: npx tsx bench/er/speed.ts [--write] [records…]   (default 100000 1000000)
 * --write replaces bench/er/speed-results.md with this run's figures (otherwise print only).
 * Peak memory is the process's maximum resident set (both threads), which only grows across
 * the sizes of one invocation: run one size per invocation for a clean figure.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resourceUsage } from 'node:process';
import { join } from 'node:path';
import { MatchIndex, matchNewRecords } from '../../src/modules/resolve/match';
import { resolveRecordsParallel } from '../../src/modules/resolve/match/parallel';
import { pairwiseScores } from './metrics';
import { generateWorld } from './synth';

const BATCH = 10_000;

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

async function run(n: number): Promise<string> {
  const loadBefore = load();
  const t0 = performance.now();
  const world = generateWorld(n + BATCH, 11);
  const base = world.records.slice(0, n);
  const batch = world.records.slice(n);
  const genS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const res = await resolveRecordsParallel(base);
  const totalS = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const truth = Array.from(world.truth.subarray(0, n), String);
  const s = pairwiseScores(
    res.clustering.clusterOf,
    truth,
    base.map(() => 's'),
    false,
  );
  const capped = res.candidates.report
    .filter((r) => r.oversizedBlocks > 0)
    .map((r) => `${r.rule}:${r.oversizedBlocks}`);
  const index = MatchIndex.fromBlocking(res.model, res.candidates.index);
  const t2 = performance.now();
  const cpu2 = process.cpuUsage();
  const inc = matchNewRecords(res.model, index, batch);
  const incS = (performance.now() - t2) / 1000;
  const incCpu = process.cpuUsage(cpu2);
  const incCpuS = (incCpu.user + incCpu.system) / 1e6;
  const steps = Object.entries(res.timings)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`)
    .join(', ');
  const text = [
    `records ${n} (generated in ${genS.toFixed(1)}s)`,
    `  resolve: ${totalS.toFixed(1)}s wall, ${cpuS.toFixed(1)}s CPU = ${Math.round(n / totalS)} records/s  [${steps}]`,
    `  load average at start ${loadBefore}, at end ${load()} (2 cores; other work on the machine inflates wall time)`,
    `  candidate pairs ${res.candidates.pairs.length}, entities ${res.clustering.entities}, review ${res.clustering.review.length}`,
    `  capped blocks: ${capped.join(', ') || 'none'}`,
    `  pairwise P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)} F1 ${s.f1.toFixed(4)}`,
    `  incremental ${BATCH} records: ${incS.toFixed(2)}s wall, ${incCpuS.toFixed(2)}s CPU, ${inc.length} pairs scored, ${inc.matches.length} matches, ${inc.review.length} review`,
    `  heap ${(process.memoryUsage().heapUsed / 2 ** 30).toFixed(2)} GiB at end, peak RSS ${(resourceUsage().maxRSS / 2 ** 20).toFixed(2)} GiB`,
  ].join('\n');
  console.log(text);
  return text;
}

const args = process.argv.slice(2);
const sizes = args.filter((a) => a !== '--write').map(Number);
const out: string[] = [];
for (const n of sizes.length > 0 ? sizes : [100_000, 1_000_000]) out.push(await run(n));
if (args.includes('--write'))
  writeFileSync(
    join(import.meta.dirname, 'speed-results.md'),
    [
      '# Entity-resolution speed',
      '',
      'Produced by `npx tsx bench/er/speed.ts`.',
      '',
      '```',
      ...out,
      '```',
      '',
    ].join('\n'),
  );
