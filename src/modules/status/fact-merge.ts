import type { ClaimRow, CountRow, EnforcementRow, RawTravelRow, SevisRow } from './facts.repo';

// Merges the per-table streams of the assessment pass, each ordered by person key, into one
// group of rows per person. Streams arrive in batches; a person is handed on only when every
// stream has moved past its key, so no person is ever split across two groups.

/** Next batch of rows, in key order; an empty batch means the stream is finished. */
export type RowSource<T> = () => Promise<T[]>;

/**
 * Order of PostgreSQL's "C" collation (UTF-8 bytes, i.e. code points). JavaScript's `<` compares
 * UTF-16 units, which differs only for characters beyond U+FFFF against U+E000–U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x += x >= 0xe000 ? -0x800 : 0x2000;
        y += y >= 0xe000 ? -0x800 : 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

class Stream<T extends { pk: string }> {
  rows: T[] = [];
  pos = 0;
  done = false;
  private pending: Promise<T[]> | null = null;

  constructor(private readonly source: RowSource<T>) {}

  /** Starts fetching the next batch while the current one is being worked on. */
  prefetch(): void {
    if (!this.done && !this.pending) {
      this.pending = this.source();
      // Handled here so a failure while nobody awaits it is not an unhandled rejection;
      // `refill` awaits the same promise and rethrows.
      this.pending.catch(() => {});
    }
  }

  /** Appends the next batch to what is left of the current one. */
  async refill(): Promise<void> {
    this.prefetch();
    const batch = await this.pending!;
    this.pending = null;
    if (batch.length === 0) {
      this.done = true;
      return;
    }
    const rest = this.pos < this.rows.length ? this.rows.slice(this.pos) : [];
    this.rows = rest.length ? rest.concat(batch) : batch;
    this.pos = 0;
    this.prefetch();
  }

  get exhausted(): boolean {
    return this.pos >= this.rows.length;
  }

  lastKey(): string | null {
    return this.rows.length > this.pos ? this.rows[this.rows.length - 1]!.pk : null;
  }

  /** Rows of `key` at the head of the buffer (all of them: the caller checked the bound). */
  take(key: string): T[] {
    const start = this.pos;
    let end = start;
    const rows = this.rows;
    while (end < rows.length && rows[end]!.pk === key) end++;
    this.pos = end;
    return end === start ? (EMPTY) : rows.slice(start, end);
  }
}

const EMPTY: never[] = [];

function concat<T>(a: T[], b: T[]): T[] {
  return b.length === 0 ? a : a.length === 0 ? b : a.concat(b);
}

export interface PersonRows {
  key: string;
  travel: RawTravelRow[];
  sevis: SevisRow[];
  claims: ClaimRow[];
  enforcement: EnforcementRow[];
  revocations: CountRow[];
  lookouts: CountRow[];
}

export interface FactSources {
  travel: RowSource<RawTravelRow>;
  /** Departures no admission claims: after the admissions' rows in a person's travel. */
  loneDepartures: RowSource<RawTravelRow>;
  sevis: RowSource<SevisRow>;
  claims: RowSource<ClaimRow>;
  enforcement: RowSource<EnforcementRow>;
  revocations: RowSource<CountRow>;
  lookouts: RowSource<CountRow>;
}

type AnyStream = Stream<{ pk: string }>;

function smallestHead(streams: readonly AnyStream[]): string | null {
  let best: string | null = null;
  for (const s of streams) {
    if (s.exhausted) continue;
    const k = s.rows[s.pos]!.pk;
    if (best === null || compareKeys(k, best) < 0) best = k;
  }
  return best;
}

/** Smallest last-buffered key of the streams that have more to come (null: no limit). */
function bound(streams: readonly AnyStream[]): string | null {
  let b: string | null = null;
  for (const s of streams) {
    if (s.done) continue;
    const k = s.lastKey();
    if (k !== null && (b === null || compareKeys(k, b) < 0)) b = k;
  }
  return b;
}

/**
 * Calls `onPerson` once per person key, in key order, with every row of that key from every
 * stream. `afterBatch` runs between batches (flush writes, report progress).
 */
export async function mergeByPerson(
  sources: FactSources,
  onPerson: (p: PersonRows) => void,
  afterBatch: () => Promise<void>,
): Promise<void> {
  const s = {
    travel: new Stream(sources.travel),
    loneDepartures: new Stream(sources.loneDepartures),
    sevis: new Stream(sources.sevis),
    claims: new Stream(sources.claims),
    enforcement: new Stream(sources.enforcement),
    revocations: new Stream(sources.revocations),
    lookouts: new Stream(sources.lookouts),
  };
  const all = Object.values(s) as AnyStream[];
  for (const st of all) st.prefetch();
  for (;;) {
    // A stream with nothing buffered (or only the bound key left) must fetch before anyone moves.
    const limit = bound(all);
    await Promise.all(
      all.filter((st) => !st.done && (st.exhausted || st.lastKey() === limit)).map((st) => st.refill()),
    );
    const b = bound(all);
    for (;;) {
      const key = smallestHead(all);
      if (key === null || (b !== null && compareKeys(key, b) >= 0)) break;
      onPerson({
        key,
        travel: concat(s.travel.take(key), s.loneDepartures.take(key)),
        sevis: s.sevis.take(key),
        claims: s.claims.take(key),
        enforcement: s.enforcement.take(key),
        revocations: s.revocations.take(key),
        lookouts: s.lookouts.take(key),
      });
    }
    await afterBatch();
    if (all.every((st) => st.done && st.exhausted)) return;
  }
}
