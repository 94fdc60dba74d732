import { sharedCopy } from './blocking';
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
  const levels = new Uint8Array(n * defs.length);
  fillRows(s, defs, a, b, 0, n, levels);
  return { defs, width: defs.length, levels, n };
}

/** Rows of pairs from..to-1 into `levels` (row k at k × width). */
function fillRows(
  s: RecordStore,
  defs: readonly ComparisonDef[],
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  from: number,
  to: number,
  levels: Uint8Array,
): void {
  const width = defs.length;
  for (let k = from; k < to; k++) {
    const i = a[k]!;
    const j = b[k]!;
    for (let c = 0; c < width; c++) levels[k * width + c] = defs[c]!.level(s, i, j);
  }
}

/**
 * Rows computed by several threads at once, all in shared memory: each thread claims the next
 * chunk of pairs from a shared counter until none is left, so the threads finish together
 * however much else each had to do first (a fixed split waits for the slower one).
 */
export interface SharedRowsJob {
  a: Int32Array;
  b: Int32Array;
  n: number;
  /** Row k at k × width. */
  levels: Uint8Array;
  /** The next unclaimed pair (one element). */
  next: Int32Array;
}

const CLAIM = 2048;

/** A counter in shared memory from which threads claim chunks of work (see claimChunks). */
export function sharedCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

/** How many chunks claimChunks cuts 0..n-1 into. */
export function chunkCount(n: number): number {
  return Math.ceil(n / CLAIM);
}

/** Claims chunks of 0..n-1 from the shared counter and works them until none is left. */
export function claimChunks(
  next: Int32Array,
  n: number,
  work: (from: number, to: number) => void,
): number {
  let done = 0;
  for (;;) {
    const from = Atomics.add(next, 0, CLAIM);
    if (from >= n) return done;
    const to = Math.min(n, from + CLAIM);
    work(from, to);
    done += to - from;
  }
}

export function sharedRowsJob(width: number, a: Int32Array, b: Int32Array): SharedRowsJob {
  const n = a.length;
  return {
    a: shareInts(a),
    b: shareInts(b),
    n,
    levels: new Uint8Array(new SharedArrayBuffer(n * width)),
    next: sharedCounter(),
  };
}

/** In shared memory (the worker reads it without a copy of its own): a copy, unless it is already. */
export function shareInts(x: Int32Array): Int32Array {
  return x.buffer instanceof SharedArrayBuffer ? x : sharedCopy(x);
}

/** Claims and computes chunks of the job until none is left; returns how many rows it did. */
export function claimRows(
  s: RecordStore,
  defs: readonly ComparisonDef[],
  job: SharedRowsJob,
): number {
  return claimChunks(job.next, job.n, (from, to) =>
    fillRows(s, defs, job.a, job.b, from, to, job.levels),
  );
}
