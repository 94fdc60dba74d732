import { describe, expect, it } from 'vitest';
import { readSearchParams, searchQueryString } from './search-api';

describe('search query string', () => {
  it('leaves out empty filters and trims values', () => {
    const qs = searchQueryString({ q: ' petrov yuri ', country: 'RUS', classOfAdmission: '', status: ' ', school: '' }, 10);
    expect(qs).toBe('q=petrov+yuri&country=RUS&limit=10');
  });

  it('reads back what it wrote', () => {
    const p = { q: 'garcia 1990-02-14', country: 'MEX', classOfAdmission: 'F1', status: 'ACTIVE', school: 'Harborview' };
    expect(readSearchParams(new URLSearchParams(searchQueryString(p)))).toEqual(p);
  });
});
