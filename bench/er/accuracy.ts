/**
 * Accuracy benchmark (not a test): resolves every labelled data set in shared/eval/er
 * unsupervised, with one configuration, and scores pairwise precision/recall/F1 from the
 * clusters. Labels are read only by the scoring below. Run: npx tsx bench/er/accuracy.ts [names…]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { resolveRecords } from '../../src/modules/resolve/match';
import { DATASETS, type Dataset } from './datasets';
import { blockingCeiling, pairwiseScores } from './metrics';

interface Row {
  dataset: string;
  rows: number;
  candidates: number;
  ceiling: number;
  precision: number;
  recall: number;
  f1: number;
  seconds: number;
  capped: string;
}

function run(ds: Dataset): Row {
  const t0 = performance.now();
  const link = ds.task === 'link';
  const res = resolveRecords(ds.records, { blocking: { crossSourceOnly: link } });
  const seconds = (performance.now() - t0) / 1000;
  const sources = ds.records.map((r) => r.source);
  const pairs = res.candidates.pairs;
  const ceil = blockingCeiling(pairs.a, pairs.b, pairs.length, ds.truth, sources, link);
  const s = pairwiseScores(res.clustering.clusterOf, ds.truth, sources, link);
  const capped = res.candidates.report
    .filter((r) => r.oversizedBlocks > 0)
    .map((r) => `${r.rule}: ${r.oversizedBlocks} blocks/${r.pairsSkipped} pairs`)
    .join('; ');
  if (process.env.ER_DEBUG) {
    console.error(ds.name, JSON.stringify(res.timings));
    for (const c of res.model.comparisons.filter((c) => c.active)) {
      console.error(
        `  ${c.name}: ${c.levels.map((l, i) => (i === 0 ? '' : `${l} m=${c.m[i]!.toFixed(4)} u=${c.u[i]!.toExponential(1)}`)).join(' | ')}`,
      );
    }
    console.error(
      `  prior=${res.model.prior.toExponential(2)} pred=${s.predictedPairs} true=${s.truePairs} ok=${s.correctPairs}`,
    );
  }
  return {
    dataset: ds.name,
    rows: ds.records.length,
    candidates: pairs.length,
    ceiling: ceil.ceiling,
    precision: s.precision,
    recall: s.recall,
    f1: s.f1,
    seconds,
    capped: capped || 'none',
  };
}

function table(rows: Row[]): string {
  const head =
    '| dataset | rows | candidate pairs | blocking recall ceiling | precision | recall | F1 | time (s) | capped blocks |';
  const sep = '|---|---:|---:|---:|---:|---:|---:|---:|---|';
  const body = rows.map(
    (r) =>
      `| ${r.dataset} | ${r.rows} | ${r.candidates} | ${r.ceiling.toFixed(4)} | ${r.precision.toFixed(4)} | ${r.recall.toFixed(4)} | ${r.f1.toFixed(4)} | ${r.seconds.toFixed(2)} | ${r.capped} |`,
  );
  return [head, sep, ...body].join('\n');
}

const only = process.argv.slice(2);
const rows = DATASETS.filter((d) => only.length === 0 || only.includes(d.name)).map((d) =>
  run(d.load()),
);
const out = table(rows);
console.log(out);
if (only.length === 0) {
  const md = [
    '# Entity-resolution accuracy',
    '',
    'Produced by `npx tsx bench/er/accuracy.ts` — unsupervised (no labels used to train), one',
    'configuration for every data set. Pairwise scores are computed from the clusters (all pairs',
    'within a predicted entity vs all pairs within a true one); febrl4 counts cross-file pairs only.',
    '',
    out,
    '',
    `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average at the end ` +
      `${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on 2 cores (times are wall clock on a shared machine).`,
    '',
  ].join('\n');
  writeFileSync(join(import.meta.dirname, 'results.md'), md);
}
