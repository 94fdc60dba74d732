// Calendar dates as integer day numbers (days since 1970-01-01 in the proleptic Gregorian
// calendar). Pure integer arithmetic (H. Hinnant's civil-date algorithms): no Date objects,
// so results never depend on the process time zone and the hot path allocates nothing.

/** Days since 1970-01-01. `NaN` stands for a missing or unreadable date. */
export type DayNumber = number;

const CHAR_0 = 48;
const CHAR_DASH = 45;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of a valid civil date (month 1..12, day 1..31). */
export function dayFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - CHAR_0;
  return d >= 0 && d <= 9 ? d : NaN;
}

/** `YYYY-MM-DD` → day number; `NaN` for null, wrong shape or an impossible date. */
export function parseDay(s: string | null | undefined): DayNumber {
  if (s == null || s.length !== 10) return NaN;
  if (s.charCodeAt(4) !== CHAR_DASH || s.charCodeAt(7) !== CHAR_DASH) return NaN;
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const month = digit(s, 5) * 10 + digit(s, 6);
  const day = digit(s, 8) * 10 + digit(s, 9);
  // NaN from a non-digit propagates and fails every comparison below.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return NaN;
  return dayFromCivil(year, month, day);
}

/** Year, month (1..12) and day of a day number, packed as year * 10000 + month * 100 + day. */
export function civilFromDay(n: DayNumber): number {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10000 + month * 100 + day;
}

export function yearOfDay(n: DayNumber): number {
  return Math.floor(civilFromDay(n) / 10000);
}

function pad2(v: number): string {
  return v < 10 ? `0${v}` : `${v}`;
}

// formatDay's results for 1900..2199, made once each: the bulk pass formats the same few
// thousand days millions of times (its rules' texts, the assessments' dates).
const CACHE_FIRST = dayFromCivil(1900, 1, 1);
const CACHE_LAST = dayFromCivil(2199, 12, 31);
const formatted: (string | undefined)[] = new Array<string | undefined>(CACHE_LAST - CACHE_FIRST + 1);

/** Day number → `YYYY-MM-DD` (years 0..9999). */
export function formatDay(n: DayNumber): string {
  if (n >= CACHE_FIRST && n <= CACHE_LAST && Number.isInteger(n)) return (formatted[n - CACHE_FIRST] ??= civilText(n));
  if (!Number.isFinite(n)) throw new RangeError(`not a day number: ${n}`);
  return civilText(n);
}

function civilText(n: DayNumber): string {
  const packed = civilFromDay(n);
  const year = Math.floor(packed / 10000);
  const y = year < 1000 ? `${year}`.padStart(4, '0') : `${year}`;
  return `${y}-${pad2(Math.floor(packed / 100) % 100)}-${pad2(packed % 100)}`;
}

/** `formatDay` that renders a missing day as `null` instead of throwing. */
export function formatDayOrNull(n: DayNumber): string | null {
  return Number.isFinite(n) ? formatDay(n) : null;
}

function parseOrThrow(s: string): DayNumber {
  const n = parseDay(s);
  if (Number.isNaN(n)) throw new RangeError(`not a YYYY-MM-DD date: ${s}`);
  return n;
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return formatDay(parseOrThrow(date) + days);
}

/** `days(a, b) = b - a` in calendar days, as the rules define it. */
export function diffDays(a: string, b: string): number {
  return parseOrThrow(b) - parseOrThrow(a);
}

/**
 * The same calendar day `years` later. A 29 February start lands on 1 March in a common year,
 * which is the later of the two usual readings: used for "turned 18", it never counts a day
 * spent under 18.
 */
export function addYears(n: DayNumber, years: number): DayNumber {
  const packed = civilFromDay(n);
  const year = Math.floor(packed / 10000) + years;
  const month = Math.floor(packed / 100) % 100;
  const day = packed % 100;
  if (month === 2 && day === 29 && !isLeapYear(year)) return dayFromCivil(year, 3, 1);
  return dayFromCivil(year, month, day);
}

/** US federal fiscal year of a day: 1 October of Y-1 .. 30 September of Y is fiscal year Y. */
export function fiscalYearOfDay(n: DayNumber): number {
  const packed = civilFromDay(n);
  const year = Math.floor(packed / 10000);
  return Math.floor(packed / 100) % 100 >= 10 ? year + 1 : year;
}

/** First and last day of fiscal year Y. */
export function fiscalYearBounds(fiscalYear: number): { first: DayNumber; last: DayNumber } {
  return { first: dayFromCivil(fiscalYear - 1, 10, 1), last: dayFromCivil(fiscalYear, 9, 30) };
}

/** The first `month`/`day` strictly after day `n` (e.g. the next 1 April). */
export function nextMonthDayAfter(n: DayNumber, month: number, day: number): DayNumber {
  const year = yearOfDay(n);
  const sameYear = dayFromCivil(year, month, day);
  return sameYear > n ? sameYear : dayFromCivil(year + 1, month, day);
}
