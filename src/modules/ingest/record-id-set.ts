/**
 * The record ids a file has shown so far, as 52-bit hashes in an open-addressed table (8 bytes an
 * id: 5 million ids take 64 MB, where a Set of strings would take several times that). It answers
 * "might this id have come before?": a hash collision says yes for an id that did not, which only
 * sends its chunk down the careful path, never the other way round.
 */
const EMPTY = 0;
const LOW_BITS = 2 ** 20;

/** Two 32-bit FNV-1a variants over the UTF-16 code units, each finished with an avalanche mix. */
function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [mix(a), mix(b ^ s.length)];
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class RecordIdSet {
  private slots: Float64Array;
  private count = 0;

  constructor(initialSlots = 1 << 16) {
    this.slots = new Float64Array(initialSlots);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the id; true when it (or another id with the same hash) was added before. */
  addSeen(id: string): boolean {
    const [hi, lo] = hashes(id);
    // hi selects the slot; stored value keeps hi and 20 bits of lo, plus one so 0 means empty.
    const key = hi * LOW_BITS + (lo & (LOW_BITS - 1)) + 1;
    if (this.insert(key, hi)) return true;
    if (++this.count * 10 > this.slots.length * 7) this.grow();
    return false;
  }

  /** true if the key was already present; otherwise stores it. */
  private insert(key: number, hi: number): boolean {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = hi & mask; ; i = (i + 1) & mask) {
      const v = slots[i] as number;
      if (v === EMPTY) {
        slots[i] = key;
        return false;
      }
      if (v === key) return true;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    for (const v of old) if (v !== EMPTY) this.insert(v, Math.floor((v - 1) / LOW_BITS));
  }
}
