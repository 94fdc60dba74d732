const TABLE = new Map<string, number>();

/**
 * A small integer per distinct string (process-wide): blocking keys are built from these
 * numbers instead of concatenated strings, which keeps key building allocation-free.
 */
export function sym(s: string): number {
  let id = TABLE.get(s);
  if (id === undefined) {
    id = TABLE.size + 1;
    TABLE.set(s, id);
  }
  return id;
}

/** Integer mixing step (Murmur-style) for combining key parts into one hash. */
export function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/** A blocking key from up to four integer parts; always a non-negative small integer. */
export function key(a: number, b = 0, c = 0, d = 0): number {
  return (mix(mix(mix(mix(0x2545f491, a), b), c), d) >>> 2) + 1;
}
