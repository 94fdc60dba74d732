/**
 * A fixed-size, direct-mapped cache of small results keyed by an ordered pair of value ids
 * (e.g. two name ids → name level). Candidate pairs repeat the same value pairs millions of
 * times (two common given names meet in every surname block), so the string comparators run
 * once per distinct value pair instead of once per record pair. Lossy by design: a slot holds
 * the last pair hashed to it, so memory stays fixed; a miss only recomputes. Results are
 * exactly those of the function cached, which must be pure in (a, b).
 */
export class PairCache {
  // Slot k is slots[4k..4k+2] = a, b, f(a, b): one memory line per lookup, not three.
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly f: (a: number, b: number) => number,
    bits = 18,
  ) {
    const size = 1 << bits;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 4).fill(-1);
  }

  /** f(a, b), from the cache when this pair was the last one seen in its slot (ids ≥ 0). */
  get(a: number, b: number): number {
    let h = Math.imul(a ^ 0x2545f491, 0x9e3779b1) ^ b;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    const at = ((h ^ (h >>> 13)) & this.mask) << 2;
    const slots = this.slots;
    if (slots[at] === a && slots[at + 1] === b) return slots[at + 2]!;
    const v = this.f(a, b);
    slots[at] = a;
    slots[at + 1] = b;
    slots[at + 2] = v;
    return v;
  }
}
