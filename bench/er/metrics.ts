/** Pairwise precision, recall and F1 of a clustering against ground truth. */
export interface PairScores {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const c2 = (n: number) => (n * (n - 1)) / 2;

/** Pairs inside a group; with crossOnly, only pairs whose two records come from different sources. */
function groupPairs(bySource: Map<string, number>, crossOnly: boolean): number {
  let total = 0;
  let same = 0;
  for (const n of bySource.values()) {
    total += n;
    same += c2(n);
  }
  return crossOnly ? c2(total) - same : c2(total);
}

function countPairs(keys: string[], sources: string[], crossOnly: boolean): number {
  const groups = new Map<string, Map<string, number>>();
  keys.forEach((k, i) => {
    const g = groups.get(k) ?? new Map<string, number>();
    g.set(sources[i]!, (g.get(sources[i]!) ?? 0) + 1);
    groups.set(k, g);
  });
  let sum = 0;
  for (const g of groups.values()) sum += groupPairs(g, crossOnly);
  return sum;
}

/** All pairs inside predicted clusters vs all pairs inside true clusters (cross-source only for linkage). */
export function pairwiseScores(
  predicted: ArrayLike<number>,
  truth: string[],
  sources: string[],
  crossOnly: boolean,
): PairScores {
  const pred = Array.from(predicted, String);
  const both = pred.map((p, i) => `${p}\u0000${truth[i]}`);
  const predictedPairs = countPairs(pred, sources, crossOnly);
  const truePairs = countPairs(truth, sources, crossOnly);
  const correctPairs = countPairs(both, sources, crossOnly);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}

/** Share of true pairs that the candidate pairs contain: the most any matcher could find. */
export function blockingCeiling(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  length: number,
  truth: string[],
  sources: string[],
  crossOnly: boolean,
): { reachable: number; truePairs: number; ceiling: number } {
  const n = truth.length;
  const cand = new Set<number>();
  for (let k = 0; k < length; k++) cand.add(Math.min(a[k]!, b[k]!) * n + Math.max(a[k]!, b[k]!));
  const members = new Map<string, number[]>();
  truth.forEach((t, i) => members.set(t, [...(members.get(t) ?? []), i]));
  let truePairs = 0;
  let reachable = 0;
  for (const list of members.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x]!;
        const j = list[y]!;
        if (crossOnly && sources[i] === sources[j]) continue;
        truePairs++;
        if (cand.has(i * n + j)) reachable++;
      }
    }
  }
  return { reachable, truePairs, ceiling: truePairs === 0 ? 1 : reachable / truePairs };
}
