import type { AddressFeatures } from '../store';
import { damerauLevenshtein } from './damerau-levenshtein';
import { jaroWinkler } from './jaro-winkler';

/** Shared bigrams of two sorted bigram multisets (a merge, no allocation). */
function sharedBigrams(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

export interface AddressSimilarity {
  /** Dice coefficient over character bigrams. */
  dice: number;
  /** Share of the shorter line's bigrams found in the longer one (a line left off). */
  containment: number;
}

export function addressSimilarity(a: AddressFeatures, b: AddressFeatures): AddressSimilarity {
  const la = a.bigrams.length;
  const lb = b.bigrams.length;
  if (la === 0 || lb === 0) return { dice: 0, containment: 0 };
  const shared = sharedBigrams(a.bigrams, b.bigrams);
  return { dice: (2 * shared) / (la + lb), containment: shared / Math.min(la, lb) };
}

export const ADDRESS_LEVEL = { exact: 1, high: 2, mid: 3, other: 4 } as const;

export function addressLevel(
  a: AddressFeatures,
  b: AddressFeatures,
  keyA: string,
  keyB: string,
): number {
  if (keyA === keyB) return ADDRESS_LEVEL.exact;
  // A different house number is a different address, however alike the street names are.
  if (a.house !== '' && b.house !== '' && a.house !== b.house) {
    const sim = addressSimilarity(a, b);
    return sim.dice >= 0.8 ? ADDRESS_LEVEL.mid : ADDRESS_LEVEL.other;
  }
  const sim = addressSimilarity(a, b);
  if (sim.dice >= 0.8 || sim.containment >= 0.95) return ADDRESS_LEVEL.high;
  if (sim.dice >= 0.55) return ADDRESS_LEVEL.mid;
  return ADDRESS_LEVEL.other;
}

/** exact → one typo (DL ≤ 1) → other: SSNs, phones, postcodes. */
export function codeLevel(a: string, b: string): number {
  if (a === b) return 1;
  return damerauLevenshtein(a, b, 1) <= 1 ? 2 : 3;
}

/** exact → Jaro–Winkler ≥ threshold → other: cities, employers. */
export function fuzzyLevel(a: string, b: string, threshold: number): number {
  if (a === b) return 1;
  return jaroWinkler(a, b) >= threshold ? 2 : 3;
}
