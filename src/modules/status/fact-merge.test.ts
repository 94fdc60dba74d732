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
        fc.array(fc.array(key, { maxLength: 25 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 1, max: 6 }),
        async (streams, batch) => {
          const data = streams.map(sorted);
          const names = ['travel', 'sevis', 'claims', 'enforcement', 'revocations', 'lookouts'] as const;
          const sources = Object.fromEntries(names.map((n, i) => [n, source(data[i]!, batch + i)])) as unknown as FactSources;
          const seen: PersonRows[] = [];
          await mergeByPerson(sources, (p) => seen.push(p), async () => {});
          const keys = seen.map((p) => p.key);
          expect(keys).toEqual([...new Set(streams.flat())].sort(compareKeys));
          for (const [i, n] of names.entries()) {
            const got = seen.flatMap((p) => (p[n] as { pk: string }[]).map((r) => r.pk));
            expect(got).toEqual(data[i]!.map((r) => r.pk));
            for (const p of seen) expect((p[n] as { pk: string }[]).every((r) => r.pk === p.key)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('passes on a failed fetch', async () => {
    const ok = async () => [];
    const sources = { travel: async () => Promise.reject(new Error('connection lost')), sevis: ok, claims: ok, enforcement: ok, revocations: ok, lookouts: ok } as unknown as FactSources;
    await expect(mergeByPerson(sources, () => {}, async () => {})).rejects.toThrow('connection lost');
  });
});
