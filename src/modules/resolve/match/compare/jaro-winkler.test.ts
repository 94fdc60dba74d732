import { describe, expect, it } from 'vitest';
import { damerauLevenshtein } from './damerau-levenshtein';
import { jaro, jaroWinkler } from './jaro-winkler';

describe('Jaro–Winkler', () => {
  it('matches the published reference values', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });

  it('is 1 for equal strings, 0 without common characters or for empty input', () => {
    expect(jaroWinkler('quispe', 'quispe')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });

  it('is symmetric', () => {
    for (const [a, b] of [
      ['castillo', 'castilo'],
      ['nakamura', 'nakamuro'],
      ['ab', 'ba'],
    ] as const) {
      expect(jaroWinkler(a, b)).toBeCloseTo(jaroWinkler(b, a), 12);
    }
  });
});

describe('Damerau–Levenshtein (optimal string alignment)', () => {
  it('counts substitutions, insertions, deletions and adjacent transpositions', () => {
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('19800412', '19804012')).toBe(1);
    expect(damerauLevenshtein('abcd', 'acbd')).toBe(1);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
  });

  it('stops early past the bound', () => {
    expect(damerauLevenshtein('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3);
    expect(damerauLevenshtein('abc', 'abcdef', 1)).toBe(2);
  });
});
