import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareKeys, mergeByPerson, type FactSources, type PersonRows } from './fact-merge';

function source<T extends { pk: string }>(rows: T[], batch: number) {
  let i = 0;
  return async () => {
    const out = rows.slice(i, i + batch);
    i += batch;
    return out;
  };
}

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'p:BRA:1', 'p:BRA:2', 'a:9', '\u{1F600}', '\uFF01');

function sorted(keys: string[]) {
  return [...keys].sort(compareKeys).map((pk, i) => ({ pk, i }));
}

describe('merging the ordered fact streams by person', () => {
  it('orders keys as PostgreSQL\'s "C" collation does (UTF-8 bytes)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a), Buffer.from(b));
        expect(Math.sign(compareKeys(a, b))).toBe(bytes);
      }),
    );
  });

  it('hands on every row of a person together, once, in key order, whatever the batch sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(key, { maxLength: 25 }), { minLength: 7, maxLength: 7 }),
        fc.integer({ min: 1, max: 6 }),
        async (streams, batch) => {
          const data = streams.map(sorted);
          const names = ['travel', 'loneDepartures', 'sevis', 'claims', 'enforcement', 'revocations', 'lookouts'] as const;
          const sources = Object.fromEntries(names.map((n, i) => [n, source(data[i]!, batch + i)])) as unknown as FactSources;
          const seen: PersonRows[] = [];
          await mergeByPerson(sources, (p) => seen.push(p), async () => {});
          const keys = seen.map((p) => p.key);
          expect(keys).toEqual([...new Set(streams.flat())].sort(compareKeys));
          const rowsOf = (p: PersonRows, n: (typeof names)[number]) => (n === 'loneDepartures' ? [] : (p[n] as unknown as { pk: string; i: number }[]));
          for (const [i, n] of names.entries()) {
            if (n === 'travel' || n === 'loneDepartures') continue;
            expect(seen.flatMap((p) => rowsOf(p, n).map((r) => r.pk))).toEqual(data[i]!.map((r) => r.pk));
            for (const p of seen) expect(rowsOf(p, n).every((r) => r.pk === p.key)).toBe(true);
          }
          // A person's travel: the admissions' rows, then the lone departures' rows, each in stream order.
          for (const p of seen) {
            const expected = [...data[0]!.filter((r) => r.pk === p.key), ...data[1]!.filter((r) => r.pk === p.key)];
            expect(rowsOf(p, 'travel')).toEqual(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('passes on a failed fetch', async () => {
    const ok = async () => [];
    const sources = { travel: async () => Promise.reject(new Error('connection lost')), loneDepartures: ok, sevis: ok, claims: ok, enforcement: ok, revocations: ok, lookouts: ok } as unknown as FactSources;
    await expect(mergeByPerson(sources, () => {}, async () => {})).rejects.toThrow('connection lost');
  });
});
