import { isCountryCode } from './countries';
import type { IdentifierKind } from './source-types';

/**
 * Value checks and normalizers shared by the validator, ingest and resolution. None of them
 * depends on the local time zone, and none changes the value kept as received: they return a
 * separate normalized form for comparison.
 */

const MS_PER_DAY = 86_400_000;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** The UTC day number of a strict `YYYY-MM-DD` calendar date, or NaN if it is not one. */
export function dayNumber(s: string): number {
  if (!isValidDate(s)) return NaN;
  return daysFromCivil(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10));
}

/** True for a real calendar date written `YYYY-MM-DD` (1956-02-30 and 2023-02-29 are not). */
export function isValidDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const TIMESTAMP_RE =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * An ISO 8601 date-time normalized to UTC (`2026-03-01T14:05:09.000Z`), or null if invalid.
 * A value without an offset is read as UTC, never as the machine's local time.
 */
export function normalizeTimestamp(s: string): string | null {
  const m = TIMESTAMP_RE.exec(s);
  if (m === null) return null;
  const day = dayNumber(m[1] ?? '');
  const hh = Number(m[2]);
  const mi = Number(m[3]);
  const ss = m[4] === undefined ? 0 : Number(m[4]);
  if (Number.isNaN(day) || hh > 23 || mi > 59 || ss > 59) return null;
  const ms = m[5] === undefined ? 0 : Math.floor(Number(`0.${m[5]}`) * 1000);
  let offsetMin = 0;
  if (m[7] !== undefined) {
    const oh = Number(m[8]);
    const om = m[9] === undefined ? 0 : Number(m[9]);
    if (oh > 23 || om > 59) return null;
    offsetMin = (m[7] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const epoch = day * MS_PER_DAY + ((hh * 60 + mi - offsetMin) * 60 + ss) * 1000 + ms;
  const out = new Date(epoch);
  return Number.isNaN(out.getTime()) ? null : out.toISOString();
}

export function isValidTimestamp(s: string): boolean {
  return normalizeTimestamp(s) !== null;
}

/** True for an ISO 3166-1 alpha-3 code or an ICAO stateless/refugee code (exact, uppercase). */
export function isKnownCountry(code: string): boolean {
  return isCountryCode(code);
}

/** The upper-cased trimmed code if it is known, else null. */
export function normalizeCountry(s: string): string | null {
  if (isCountryCode(s)) return s;
  const u = s.trim().toUpperCase();
  return isCountryCode(u) ? u : null;
}

const UNUSUAL_SPACE_RE = /\s{2,}|[^\S ]/;

/** True when a trimmed string holds white space other than single spaces. */
function needsCollapse(t: string): boolean {
  let prevSpace = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return true;
      prevSpace = true;
    } else if (c < 32 || c > 126) {
      // Rare in names: let the regex decide what counts as white space beyond ASCII.
      return UNUSUAL_SPACE_RE.test(t);
    } else {
      prevSpace = false;
    }
  }
  return false;
}

/** Trims and collapses runs of white space; letters and case are left as they are. */
export function cleanName(s: string): string {
  const t = s.trim();
  return needsCollapse(t) ? t.replace(/\s+/g, ' ') : t;
}

export interface NormalizedIdentifier {
  readonly normalized: string;
  readonly valid: boolean;
}

const COMPACT_OK_RE = /^[A-Z0-9]*$/;
const COMPACT_STRIP_RE = /[\s-]+/g;

/** Upper case without spaces or dashes: the form identifiers are compared in. */
export function compactIdentifier(s: string): string {
  return COMPACT_OK_RE.test(s) ? s : s.replace(COMPACT_STRIP_RE, '').toUpperCase();
}

export const RECEIPT_PREFIXES = ['EAC', 'WAC', 'LIN', 'SRC', 'IOE', 'MSC', 'NBC', 'YSC'] as const;

const SHAPES: Readonly<
  Record<Exclude<IdentifierKind, 'a_number' | 'phone' | 'email' | 'legal_process' | 'ssn'>, RegExp>
> = {
  passport: /^[A-Z0-9]{6,9}$/,
  visa_foil: /^\d{8}$/,
  sevis_id: /^N\d{10}$/,
  fin: /^\d{10}$/,
  // Eleven digits; newer I-94 numbers carry a letter in the tenth place.
  admission_number: /^\d{9}[A-Z0-9]\d$/,
  receipt_number: new RegExp(`^(?:${RECEIPT_PREFIXES.join('|')})\\d{10}$`),
  vehicle_plate: /^[A-Z0-9]{2,10}$/,
  school_code: /^[A-Z0-9]{4,20}$/,
  dso_id: /^[A-Z0-9]{3,20}$/,
};

function normalizeANumber(s: string): NormalizedIdentifier {
  const c = compactIdentifier(s);
  const m = /^A?(\d{7,9})$/.exec(c);
  if (m === null) return { normalized: c, valid: false };
  return { normalized: `A${(m[1] ?? '').padStart(9, '0')}`, valid: true };
}

function normalizeSsn(s: string): NormalizedIdentifier {
  const c = compactIdentifier(s);
  // Area 000, group 00 and serial 0000 are never issued; 9xx areas are left valid on purpose
  // because synthetic data uses them to stay clear of real numbers.
  const valid =
    /^\d{9}$/.test(c) && !c.startsWith('000') && c.slice(3, 5) !== '00' && !c.endsWith('0000');
  return { normalized: c, valid };
}

const PHONE_STRIP_RE = /[\s\-.()/]+/g;
const NANP_RE = /^\+1[2-9]\d{2}[2-9]\d{6}$/;
const E164_RE = /^\+[1-9]\d{6,14}$/;

function normalizePhone(s: string): NormalizedIdentifier {
  let c = s.replace(PHONE_STRIP_RE, '');
  if (c.startsWith('00')) c = `+${c.slice(2)}`;
  else if (/^\d{10}$/.test(c)) c = `+1${c}`;
  else if (/^1\d{10}$/.test(c)) c = `+${c}`;
  const valid = c.startsWith('+1') ? NANP_RE.test(c) : E164_RE.test(c);
  return { normalized: c, valid };
}

function normalizeEmail(s: string): NormalizedIdentifier {
  const c = s.trim().toLowerCase();
  return { normalized: c, valid: /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(c) };
}

function normalizeLegalProcess(s: string): NormalizedIdentifier {
  // Dashes are part of a process reference ("SUBPOENA-2026-0142"), so only case and spacing change.
  const c = cleanName(s).toUpperCase();
  return { normalized: c, valid: /^[A-Z0-9][A-Z0-9\-/.: ]{2,79}$/.test(c) && /\d/.test(c) };
}

/** The comparable form of an identifier and whether it has the expected shape for its kind. */
export function normalizeIdentifier(kind: IdentifierKind, value: string): NormalizedIdentifier {
  switch (kind) {
    case 'a_number':
      return normalizeANumber(value);
    case 'ssn':
      return normalizeSsn(value);
    case 'phone':
      return normalizePhone(value);
    case 'email':
      return normalizeEmail(value);
    case 'legal_process':
      return normalizeLegalProcess(value);
    default: {
      const c = compactIdentifier(value);
      return { normalized: c, valid: SHAPES[kind].test(c) };
    }
  }
}

function isUpperAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/** `prefix` then only digits, `length` characters in all. */
function prefixedDigits(prefix: string, length: number): (s: string) => boolean {
  return (s) => {
    if (s.length !== length || !s.startsWith(prefix)) return false;
    for (let i = prefix.length; i < length; i++) if (!isDigit(s.charCodeAt(i))) return false;
    return true;
  };
}

function isCanonicalPassport(s: string): boolean {
  if (s.length < 6 || s.length > 9) return false;
  for (let i = 0; i < s.length; i++) if (!isUpperAlnum(s.charCodeAt(i))) return false;
  return true;
}

function isCanonicalAdmissionNumber(s: string): boolean {
  if (s.length !== 11) return false;
  for (let i = 0; i < 11; i++) {
    const c = s.charCodeAt(i);
    if (i === 9 ? !isUpperAlnum(c) : !isDigit(c)) return false;
  }
  return true;
}

/**
 * True only for values already in normalized form (no spaces, dashes or lower case): those skip
 * normalization entirely. Hand-written for the identifiers of the big sources, where a regex
 * test per field is a measurable share of ingest time.
 */
export const CANONICAL_CHECKS: Readonly<Partial<Record<IdentifierKind, (s: string) => boolean>>> = {
  passport: isCanonicalPassport,
  admission_number: isCanonicalAdmissionNumber,
  visa_foil: prefixedDigits('', 8),
  sevis_id: prefixedDigits('N', 11),
  fin: prefixedDigits('', 10),
  a_number: prefixedDigits('A', 10),
  receipt_number: (s) => SHAPES.receipt_number.test(s),
  phone: (s) => NANP_RE.test(s),
};

/** Human wording of each identifier shape, for flag messages and the docs. */
export const IDENTIFIER_SHAPES: Readonly<Record<IdentifierKind, string>> = {
  passport: '6 to 9 letters or digits',
  visa_foil: '8 digits',
  a_number: '"A" and 9 digits (7 or 8 digits are zero-padded)',
  sevis_id: '"N" and 10 digits',
  fin: '10 digits',
  ssn: 'NNN-NN-NNNN (area 000, group 00 and serial 0000 are invalid)',
  admission_number: '11 digits (the tenth may be a letter)',
  receipt_number: `3 letters (${RECEIPT_PREFIXES.join(', ')}) and 10 digits`,
  phone: 'E.164: +1NXXNXXXXXX, or + country code and up to 14 digits',
  email: 'an e-mail address (name@domain.tld)',
  vehicle_plate: '2 to 10 letters or digits',
  legal_process: 'a process reference such as SUBPOENA-2026-0142',
  school_code: '4 to 20 letters or digits (SEVIS school code)',
  dso_id: '3 to 20 letters or digits',
};
