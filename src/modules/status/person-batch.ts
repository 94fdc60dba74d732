import type { PersonRows } from './fact-merge';
import type { ClaimRow, CountRow, EnforcementRow, SevisRow } from './facts.repo';

// A batch of persons laid out for a cheap copy to a worker thread. Structured cloning one
// PersonRows per person (an object, seven arrays, mostly empty, and an object per travel row)
// cost the reading thread 10 s and the worker more at 10 million admissions; here a batch is a
// few flat arrays and one typed array of counts.

const ROW_STREAMS = ['sevis', 'claims', 'enforcement', 'revocations', 'lookouts'] as const;
/** Travel, then ROW_STREAMS. */
const STREAMS = 1 + ROW_STREAMS.length;

export interface PersonBatch {
  keys: string[];
  /**
   * The travel rows' texts end to end (each row's key is its person's), cut by `travelLengths`:
   * one string crosses to the worker as one copy, where an array of them was cloned string by
   * string on both threads.
   */
  travel: string;
  travelLengths: Int32Array<ArrayBuffer>;
  sevis: SevisRow[];
  claims: ClaimRow[];
  enforcement: EnforcementRow[];
  revocations: CountRow[];
  lookouts: CountRow[];
  /** Rows per person and stream, person by person (travel first, then ROW_STREAMS' order). */
  counts: Int32Array<ArrayBuffer>;
}

type Building = Omit<PersonBatch, 'counts' | 'travel' | 'travelLengths'> & { travel: string[]; travelLengths: number[] };

function emptyBatch(): Building {
  return { keys: [], travel: [], travelLengths: [], sevis: [], claims: [], enforcement: [], revocations: [], lookouts: [] };
}

export class PersonBatchBuilder {
  private batch = emptyBatch();
  private counts: number[] = [];

  get size(): number {
    return this.batch.keys.length;
  }

  add(p: PersonRows): void {
    const b = this.batch;
    b.keys.push(p.key);
    for (const r of p.travel) {
      b.travel.push(r.r);
      b.travelLengths.push(r.r.length);
    }
    this.counts.push(p.travel.length);
    for (const s of ROW_STREAMS) {
      const rows = p[s];
      const into = b[s] as unknown[];
      for (let i = 0; i < rows.length; i++) into.push(rows[i]);
      this.counts.push(rows.length);
    }
  }

  /** The persons added since the last call. */
  take(): PersonBatch {
    const b = this.batch;
    const out = {
      ...b,
      travel: b.travel.join(''),
      travelLengths: Int32Array.from(b.travelLengths),
      counts: Int32Array.from(this.counts),
    };
    this.batch = emptyBatch();
    this.counts = [];
    return out;
  }
}

/** Calls `fn` with each person of the batch, in order. */
export function eachPerson(batch: PersonBatch, fn: (p: PersonRows) => void): void {
  const at = new Array<number>(STREAMS).fill(0);
  let offset = 0;
  const slice = <T>(rows: T[], stream: number, n: number): T[] => {
    const start = at[stream]!;
    at[stream] = start + n;
    return n === 0 ? [] : rows.slice(start, start + n);
  };
  for (let i = 0; i < batch.keys.length; i++) {
    const key = batch.keys[i]!;
    const c = i * STREAMS;
    const nTravel = batch.counts[c]!;
    const travel = new Array<{ pk: string; r: string }>(nTravel);
    for (let k = 0; k < nTravel; k++) {
      const end = offset + batch.travelLengths[at[0]! + k]!;
      travel[k] = { pk: key, r: batch.travel.slice(offset, end) };
      offset = end;
    }
    at[0] = at[0]! + nTravel;
    fn({
      key,
      travel,
      sevis: slice(batch.sevis, 1, batch.counts[c + 1]!),
      claims: slice(batch.claims, 2, batch.counts[c + 2]!),
      enforcement: slice(batch.enforcement, 3, batch.counts[c + 3]!),
      revocations: slice(batch.revocations, 4, batch.counts[c + 4]!),
      lookouts: slice(batch.lookouts, 5, batch.counts[c + 5]!),
    });
  }
}
