import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlacedItem } from './review.repo';
import { foldByPersons } from './review.service';

/** An open item between records a and b, linked to entities ea and eb. */
function item(id: number, weight: number, a: number, b: number, ea: string | null, eb: string | null): PlacedItem {
  return { id: String(id), a, b, weight, reason: 'band', status: 'open', decisionId: null, pairs: 1, entityA: ea, entityB: eb };
}

/** The queue in its order (weight descending, then id), read in slices after a key as the SQL does. */
function reader(queue: PlacedItem[]) {
  const sorted = [...queue].sort((x, y) => y.weight - x.weight || Number(x.id) - Number(y.id));
  const reads: number[] = [];
  const read = async (after: { weight: number; id: string } | null, n: number) => {
    const from = after === null ? 0 : sorted.findIndex((r) => r.weight < after.weight || (r.weight === after.weight && Number(r.id) > Number(after.id)));
    const rows = from === -1 ? [] : sorted.slice(from, from + n);
    reads.push(rows.length);
    return rows;
  };
  return { read, reads, sorted };
}

describe('foldByPersons', () => {
  const queue = [
    item(1, 9, 8, 16, 'E1', 'E2'),
    item(2, 8, 24, 32, 'E2', 'E1'), // the same two persons, the other way round
    item(3, 7, 40, 48, 'E3', 'E4'),
    item(4, 7, 56, 64, 'E5', null), // a record not linked stands for itself
    item(5, 6, 72, 80, 'E1', 'E2'),
    item(6, 5, 88, 64, 'E6', null),
  ];

  it('gives each pair of persons once, by its strongest item, and says whether more follow', async () => {
    const { read } = reader(queue);
    const first = await foldByPersons(read, 0, 2, 2);
    expect(first.items.map((i) => i.id)).toEqual(['1', '3']);
    expect(first.more).toBe(true);
    const rest = await foldByPersons(read, 2, 10, 2);
    expect(rest.items.map((i) => i.id)).toEqual(['4', '6']);
    expect(rest.more).toBe(false);
    // The last page ends exactly at the last pair of persons: nothing follows.
    expect((await foldByPersons(read, 2, 2, 2)).more).toBe(false);
  });

  it('reads the queue in slices only as far as the page needs', async () => {
    const { read, reads } = reader(queue);
    // The first slice holds one pair of persons twice; the second shows another follows. The
    // third is never read.
    expect(await foldByPersons(read, 0, 1, 2)).toMatchObject({ items: [{ id: '1' }], more: true });
    expect(reads).toEqual([2, 2]);
  });

  it('equals folding the whole queue at once, for any queue, slice and page', async () => {
    const entity = fc.option(fc.constantFrom('E1', 'E2', 'E3', 'E4'), { nil: null });
    const row = fc.record({ weight: fc.integer({ min: 0, max: 5 }), a: fc.integer({ min: 1, max: 12 }), b: fc.integer({ min: 1, max: 12 }), ea: entity, eb: entity });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 6 }), async (rows, slice, offset, limit) => {
        const { read, sorted } = reader(rows.map((r, i) => item(i + 1, r.weight, r.a * 8, r.b * 8, r.ea, r.eb)));
        const firsts: string[] = [];
        const seen = new Set<string>();
        for (const r of sorted) {
          const x = r.entityA ?? `m${r.a}`;
          const y = r.entityB ?? `m${r.b}`;
          const k = [x, y].sort().join('|');
          if (!seen.has(k)) firsts.push(r.id);
          seen.add(k);
        }
        const page = await foldByPersons(read, offset, limit, slice);
        expect(page.items.map((i) => i.id)).toEqual(firsts.slice(offset, offset + limit));
        expect(page.more).toBe(firsts.length > offset + limit);
      }),
      { numRuns: 500 },
    );
  });
});
