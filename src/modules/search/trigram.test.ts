import { describe, expect, it } from 'vitest';
import { trigrams, trigramSimilarity } from './trigram';

describe('trigram similarity as pg_trgm computes it', () => {
  it('pads words like pg_trgm', () => {
    expect([...trigrams('cat')].sort()).toEqual(['  c', ' ca', 'at ', 'cat']);
  });

  it('matches the figure in the PostgreSQL documentation', () => {
    // PostgreSQL docs, F.35: similarity('word', 'two words') = 0.36363637
    expect(trigramSimilarity('word', 'two words')).toBeCloseTo(0.363636, 5);
  });

  it('is 1 for equal text, 0 for nothing shared, and symmetric', () => {
    expect(trigramSimilarity('Petrov', 'petrov')).toBe(1);
    expect(trigramSimilarity('abc', 'xyz')).toBe(0);
    expect(trigramSimilarity('jurij', 'yuriy')).toBe(trigramSimilarity('yuriy', 'jurij'));
  });
});
