import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeFilterCount, filtersFromParams, filtersToParams } from './audit-search-params';

describe('audit filters in the address', () => {
  it('round-trip through URL search params', () => {
    const text = fc.string({ maxLength: 20 }).map((s) => s.trim());
    fc.assert(
      fc.property(
        fc.record({ actor: text, action: text, subject: text, from: text, to: text }),
        (filters) => {
          const params = new URLSearchParams(filtersToParams(filters).toString());
          expect(filtersFromParams(params)).toEqual(filters);
        },
      ),
    );
  });

  it('counts the filters in use and ignores unknown parameters', () => {
    const f = filtersFromParams(new URLSearchParams('actor=a&to=2026-01-01&page=3'));
    expect(activeFilterCount(f)).toBe(2);
    expect(filtersToParams(f).has('page')).toBe(false);
  });
});
