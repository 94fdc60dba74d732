import type { NameFeatures } from '../store';
import { jaroWinkler } from './jaro-winkler';

/** Level numbers shared by the name comparisons (0 is always "no evidence"). */
export const NAME_LEVEL = {
  exact: 1,
  variant: 2,
  jwHigh: 3,
  jwMid: 4,
  phonetic: 5,
  initial: 6,
  other: 7,
} as const;

export const JW_HIGH = 0.92;
export const JW_MID = 0.88;

/** Same name recorded differently: spelling fold, nickname, or one name part missing. */
export function isVariant(a: NameFeatures, b: NameFeatures): boolean {
  if (a.fold === b.fold) return true;
  for (const g of a.nick) if (b.nick.includes(g)) return true;
  return tokenSubset(a.tokens, b.tokens);
}

/** 'maria jose' vs 'maria', 'garcia lopez' vs 'lopez': every token of the shorter is in the longer. */
function tokenSubset(a: string[], b: string[]): boolean {
  if (a.length === b.length) return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  for (const t of short) {
    if (t.length < 2 || !long.includes(t)) return false;
  }
  return true;
}

export function isPhonetic(a: NameFeatures, b: NameFeatures): boolean {
  if (a.meta1 !== '' && (a.meta1 === b.meta1 || a.meta1 === b.meta2 || a.meta2 === b.meta1)) {
    return true;
  }
  for (const c of a.dm) if (b.dm.includes(c)) return true;
  return a.skeleton.length >= 3 && a.skeleton === b.skeleton;
}

function isInitial(a: NameFeatures, b: NameFeatures): boolean {
  const short = a.key.length === 1 ? a : b.key.length === 1 ? b : null;
  if (short === null) return false;
  const other = short === a ? b : a;
  return other.key[0] === short.key[0];
}

/** Graded comparison of two names; `jw` is returned through the holder for explanations. */
export function nameLevel(a: NameFeatures, b: NameFeatures): number {
  if (a.key === b.key) return NAME_LEVEL.exact;
  if (isVariant(a, b)) return NAME_LEVEL.variant;
  const jw = jaroWinkler(a.key, b.key);
  if (jw >= JW_HIGH) return NAME_LEVEL.jwHigh;
  if (isInitial(a, b)) return NAME_LEVEL.initial;
  if (jw >= JW_MID) return NAME_LEVEL.jwMid;
  if (isPhonetic(a, b)) return NAME_LEVEL.phonetic;
  return NAME_LEVEL.other;
}

/** Loose agreement used to recognise swapped given/family names. */
export function namesAgree(a: NameFeatures, b: NameFeatures): boolean {
  return a.key === b.key || a.fold === b.fold || jaroWinkler(a.key, b.key) >= JW_HIGH;
}

export interface NameParts {
  given: NameFeatures | null;
  family: NameFeatures | null;
}

/**
 * Given and family names recorded the other way round (common where the family name comes
 * first on the document). Only claimed when the direct reading does not already agree.
 */
export function isSwapped(x: NameParts, y: NameParts): boolean {
  if (!x.given || !x.family || !y.given || !y.family) return false;
  return isSwappedNames(x.given, x.family, y.given, y.family);
}

/** isSwapped on the four names directly (no holder objects: it runs on most candidate pairs). */
export function isSwappedNames(
  xGiven: NameFeatures,
  xFamily: NameFeatures,
  yGiven: NameFeatures,
  yFamily: NameFeatures,
): boolean {
  if (xGiven.key === xFamily.key) return false;
  // Cheap gate first: agreeing names share their first letter (a first-letter typo in a
  // swapped pair is the one case given up for speed; this runs on every non-matching pair).
  if (xGiven.fold[0] !== yFamily.fold[0] || xFamily.fold[0] !== yGiven.fold[0]) return false;
  if (namesAgree(xFamily, yFamily) && namesAgree(xGiven, yGiven)) return false;
  return namesAgree(xGiven, yFamily) && namesAgree(xFamily, yGiven);
}
