import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordIdSet } from './record-id-set';

describe('RecordIdSet', () => {
  it('says an id was seen only after it was added, across growth of the table', () => {
    const set = new RecordIdSet(16);
    const ids = Array.from({ length: 50_000 }, (_, i) => `ADIS-A-${i}`);
    expect(ids.filter((id) => set.addSeen(id))).toEqual([]);
    expect(set.size).toBe(ids.length);
    expect(ids.every((id) => set.addSeen(id))).toBe(true);
    expect(set.size).toBe(ids.length);
  });

  it('agrees with a Set of strings on any sequence of ids', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), (ids) => {
        const set = new RecordIdSet(4);
        const exact = new Set<string>();
        for (const id of ids) {
          expect(set.addSeen(id)).toBe(exact.has(id));
          exact.add(id);
        }
      }),
      { numRuns: 200 },
    );
  });
});
