import type { ComparisonDef } from './comparisons';
import type { RecordStore } from './store';

/** Comparison levels of many pairs, one byte per comparison: computed once, used by EM and scoring. */
export interface ComparisonRows {
  defs: readonly ComparisonDef[];
  width: number;
  levels: Uint8Array;
  n: number;
}

/** The comparisons some record fills: the others would only ever say "no evidence". */
export function filledDefs(s: RecordStore, defs: readonly ComparisonDef[]): ComparisonDef[] {
  return defs.filter((d) => d.filled(s) > 0);
}

export function computeRows(
  s: RecordStore,
  defs: readonly ComparisonDef[],
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  n: number,
): ComparisonRows {
  const width = defs.length;
  const levels = new Uint8Array(n * width);
  for (let k = 0; k < n; k++) {
    const i = a[k]!;
    const j = b[k]!;
    for (let c = 0; c < width; c++) levels[k * width + c] = defs[c]!.level(s, i, j);
  }
  return { defs, width, levels, n };
}
