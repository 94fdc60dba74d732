import { transliterate } from './translit';

const COMBINING = /[\u0300-\u036f]/g;

/** Strip accents: NFD splits 'é' into 'e' + U+0301, which is then dropped. */
export function unaccent(s: string): string {
  return s.normalize('NFD').replace(COMBINING, '');
}

function isBlank(s: string | null | undefined): s is null | undefined {
  return s === null || s === undefined || s.trim() === '';
}

/**
 * Name key: lower case, romanized, unaccented, letters and single spaces only.
 * Returns null for a blank name so that callers treat it as "no evidence".
 */
export function nameKey(raw: string | null | undefined): string | null {
  if (isBlank(raw)) return null;
  const latin = unaccent(transliterate(raw.toLowerCase()));
  const key = latin
    .replace(/[^a-z]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return key === '' ? null : key;
}

// Ordered rewrites for spelling variants that travel between languages and clerks.
const FOLDS: [RegExp, string][] = [
  [/sch/g, 'sh'],
  [/tch/g, 'ch'],
  [/dzh/g, 'j'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/ks/g, 'x'],
  [/ou/g, 'u'],
  [/oo/g, 'u'],
  [/ae/g, 'e'],
  [/oe/g, 'o'],
  [/ue/g, 'u'],
  [/y/g, 'i'],
  [/w/g, 'v'],
  [/(.)\1+/g, '$1'],
  [/([a-z])h\b/g, '$1'],
];

/** Spelling-variant fold of a name key: Mohammed/Muhamad, Yusuf/Iusuf, Müller/Mueller. */
export function foldName(key: string): string {
  let s = key;
  for (const [re, to] of FOLDS) s = s.replace(re, to);
  return s;
}

/** Consonant skeleton (first letter kept): the shape an abjad script preserves. */
export function consonantSkeleton(folded: string): string {
  if (folded.length === 0) return folded;
  return (folded[0] + folded.slice(1).replace(/[aeiou\s]/g, '')).replace(/(.)\1+/g, '$1');
}

export interface ParsedDate {
  /** 'YYYYMMDD' when the parts were found (even an impossible date), else the raw digits. */
  digits: string;
  year: number;
  month: number;
  day: number;
  /** Whether the parts form a real calendar date. */
  valid: boolean;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/**
 * Parse a birth date as received. Malformed values stay comparable: 'YYYYMMDD' digits
 * are kept even when the month is 13, and anything else keeps its digit string.
 */
export function parseBirthDate(raw: string | null | undefined): ParsedDate | null {
  if (isBlank(raw)) return null;
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  // Day-first is the international form; month-first swaps are caught by the transposition level.
  if (m) return fromParts(Number(m[3]), Number(m[2]), Number(m[1]));
  const digits = s.replace(/\D/g, '');
  if (digits === '') return null;
  const year = digits.length >= 4 ? Number(digits.slice(0, 4)) : -1;
  return { digits, year, month: -1, day: -1, valid: false };
}

function fromParts(year: number, month: number, day: number): ParsedDate {
  return {
    digits: pad(year, 4) + pad(month, 2) + pad(day, 2),
    year,
    month,
    day,
    valid: isRealDate(year, month, day),
  };
}

/** Digits only, or null when none. */
export function digitsOnly(raw: string | null | undefined): string | null {
  if (isBlank(raw)) return null;
  const d = raw.replace(/\D/g, '');
  return d === '' ? null : d;
}

/** Phone: digits, keeping the last 10 so country prefixes and trunk zeros do not matter. */
export function phoneKey(raw: string | null | undefined): string | null {
  const d = digitsOnly(raw);
  if (d === null || d.length < 6) return null;
  return d.length > 10 ? d.slice(-10) : d;
}

/** Lower-cased trimmed text with inner whitespace collapsed and accents removed. */
export function textKey(raw: string | null | undefined): string | null {
  if (isBlank(raw)) return null;
  const key = unaccent(transliterate(raw.toLowerCase()))
    .replace(/[^a-z0-9@.+\-_ ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return key === '' ? null : key;
}

/** Upper-case alphanumerics: postcodes, document numbers, country codes. */
export function codeKey(raw: string | null | undefined): string | null {
  if (isBlank(raw)) return null;
  const key = unaccent(raw.toUpperCase()).replace(/[^A-Z0-9]/g, '');
  return key === '' ? null : key;
}

/** Email: lower case; the local part drops '+tags'. */
export function emailKey(raw: string | null | undefined): string | null {
  if (isBlank(raw)) return null;
  const s = raw.trim().toLowerCase();
  const at = s.lastIndexOf('@');
  if (at <= 0) return s;
  const local = s.slice(0, at).replace(/\+.*$/, '');
  return `${local}@${s.slice(at + 1)}`;
}

// Street-type words carry little identity and are abbreviated inconsistently.
const STREET_WORDS = new Map<string, string>([
  ['street', 'st'],
  ['st', 'st'],
  ['road', 'rd'],
  ['rd', 'rd'],
  ['avenue', 'ave'],
  ['ave', 'ave'],
  ['av', 'ave'],
  ['drive', 'dr'],
  ['dr', 'dr'],
  ['lane', 'ln'],
  ['ln', 'ln'],
  ['court', 'ct'],
  ['ct', 'ct'],
  ['place', 'pl'],
  ['pl', 'pl'],
  ['crescent', 'cres'],
  ['cres', 'cres'],
  ['boulevard', 'blvd'],
  ['blvd', 'blvd'],
  ['circuit', 'cct'],
  ['cct', 'cct'],
  ['close', 'cl'],
  ['terrace', 'tce'],
  ['highway', 'hwy'],
  ['parade', 'pde'],
  ['square', 'sq'],
  ['apartment', 'apt'],
  ['unit', 'unit'],
  ['suite', 'ste'],
  ['north', 'n'],
  ['south', 's'],
  ['east', 'e'],
  ['west', 'w'],
]);

/** Address tokens: lower-cased words with street types abbreviated one way. */
export function addressTokens(raw: string | null | undefined): string[] | null {
  const key = textKey(raw);
  if (key === null) return null;
  const tokens = key
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(' ')
    .filter((t) => t !== '')
    .map((t) => STREET_WORDS.get(t) ?? t);
  return tokens.length === 0 ? null : tokens;
}
