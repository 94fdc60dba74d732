// Calendar days as integers (days since 1970-01-01, UTC). Civil-date conversion by
// arithmetic (H. Hinnant's algorithm) rather than Date objects: it is exact, never touches
// the local time zone, and is fast enough for millions of rows.

export type Day = number;

export function dayFromYmd(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function ymdFromDay(day: Day): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDay(text: string): Day {
  const m = ISO_DATE.exec(text);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${text}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayFromYmd(y, mo, d);
  const [cy, cm, cd] = ymdFromDay(day);
  if (cy !== y || cm !== mo || cd !== d) throw new Error(`not a calendar date: ${text}`);
  return day;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatDay(day: Day): string {
  const [y, m, d] = ymdFromDay(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Same month and day, `years` later (29 February falls back to 28). */
export function addYears(day: Day, years: number): Day {
  const [y, m, d] = ymdFromDay(day);
  const target = y + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  return dayFromYmd(target, m, m === 2 && d === 29 && !leap ? 28 : d);
}

export function yearOf(day: Day): number {
  return ymdFromDay(day)[0];
}

/** ISO 8601 timestamp (UTC) for a day plus seconds into it. */
export function formatTimestamp(day: Day, secondsOfDay: number): string {
  const s = Math.max(0, Math.min(86399, Math.floor(secondsOfDay)));
  const hh = pad2(Math.floor(s / 3600));
  const mm = pad2(Math.floor((s % 3600) / 60));
  const ss = pad2(s % 60);
  return `${formatDay(day)}T${hh}:${mm}:${ss}Z`;
}
