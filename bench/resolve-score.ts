import fs from 'node:fs';

/** Pairwise scoring of a clustering against ground truth, and the small CSV reading it needs. */
export interface Scores {
  items: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const c2 = (n: number) => (n * (n - 1)) / 2;

function pairsWithin(keys: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  let sum = 0;
  for (const n of counts.values()) sum += c2(n);
  return sum;
}

/** All pairs inside predicted groups vs all pairs inside true groups. */
export function pairScores(predicted: readonly string[], truth: readonly string[]): Scores {
  const predictedPairs = pairsWithin(predicted);
  const truePairs = pairsWithin(truth);
  const correctPairs = pairsWithin(predicted.map((p, i) => `${p}\u0000${truth[i]}`));
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    items: predicted.length,
    truePairs,
    predictedPairs,
    correctPairs,
    precision,
    recall,
    f1,
  };
}

/** CSV records; a quoted field may hold line breaks (tip narratives do). */
export function splitRecords(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) {
      if (i > start) out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** A CSV file with a header row as objects. */
export function readCsv(file: string): Record<string, string>[] {
  const [header, ...rows] = splitRecords(fs.readFileSync(file, 'utf8'));
  const names = fields(header ?? '');
  return rows.map((r) => {
    const f = fields(r);
    return Object.fromEntries(names.map((n, i) => [n, f[i] ?? '']));
  });
}
