// The geometry of the status panel's timeline: each admission a horizontal line on one date
// axis, from the admission date to the departure (or, with none, to the as-of date), with the
// AED marked and the overstay highlighted. Pure, in fractions of the axis width, so the drawing
// can scale to any width and the arithmetic can be tested.

/** What the timeline needs of one assessed admission (dates `YYYY-MM-DD`). */
export interface TimelineInput {
  admissionDate: string;
  aed: string | null;
  departureDate: string | null;
  overstayDays: number;
}

export interface TimelineRow {
  /** Where the line starts and ends, 0 (first day of the axis) to 1 (the as-of date). */
  start: number;
  end: number;
  /** No departure recorded: the line runs on to the as-of date. */
  open: boolean;
  /** The AED on the axis; null when there is none or it falls after the as-of date. */
  aed: number | null;
  aedAfterAsOf: boolean;
  /** The days counted as overstay, from the AED: highlighted. Null when there are none. */
  overstay: { from: number; to: number } | null;
}

export interface TimelineTick {
  x: number;
  label: string;
}

export interface TimelineGeometry {
  first: string;
  last: string;
  rows: TimelineRow[];
  ticks: TimelineTick[];
}

const DAY_MS = 86_400_000;
/** The shortest axis, so a stay of a few days is not drawn across the whole width. */
export const MIN_SPAN_DAYS = 60;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TICK_STEPS_MONTHS = [1, 3, 6, 12, 24, 60, 120];
const MAX_TICKS = 8;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (UTC; no time zone can shift it). */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** First days of months from `first` to `last`, every `step` months (aligned to January). */
function ticksBetween(first: number, last: number, x: (day: number) => number): TimelineTick[] {
  const d0 = new Date(first * DAY_MS);
  const d1 = new Date(last * DAY_MS);
  const months =
    (d1.getUTCFullYear() - d0.getUTCFullYear()) * 12 + d1.getUTCMonth() - d0.getUTCMonth() + 1;
  const step = TICK_STEPS_MONTHS.find((s) => months / s <= MAX_TICKS) ?? TICK_STEPS_MONTHS.at(-1)!;
  const ticks: TimelineTick[] = [];
  let y = d0.getUTCFullYear();
  let m = 0;
  for (;;) {
    const day = Math.round(Date.UTC(y, m, 1) / DAY_MS);
    if (day > last) break;
    if (day >= first)
      ticks.push({ x: x(day), label: step >= 12 ? String(y) : `${MONTHS[m]} ${y}` });
    m += step;
    y += Math.floor(m / 12);
    m %= 12;
  }
  return ticks;
}

/**
 * The axis runs from the earliest admission to the as-of date (at least `MIN_SPAN_DAYS`). Dates
 * outside it are clamped: the engine ignores records after the as-of date, so only bad data gets there.
 */
export function timelineGeometry(
  admissions: readonly TimelineInput[],
  asOf: string,
): TimelineGeometry {
  const last = dayNumber(asOf);
  const earliest = Math.min(last, ...admissions.map((a) => dayNumber(a.admissionDate)));
  const first = Math.min(earliest, last - MIN_SPAN_DAYS);
  const span = last - first;
  const x = (day: number) => Math.min(1, Math.max(0, (day - first) / span));
  const rows = admissions.map((a): TimelineRow => {
    const start = dayNumber(a.admissionDate);
    const endDay = Math.max(start, a.departureDate ? dayNumber(a.departureDate) : last);
    const aedDay = a.aed ? dayNumber(a.aed) : null;
    const overstayTo =
      aedDay !== null && a.overstayDays > 0
        ? Math.min(aedDay + a.overstayDays, Math.max(endDay, aedDay))
        : null;
    return {
      start: x(start),
      end: x(endDay),
      open: a.departureDate === null,
      aed: aedDay !== null && aedDay <= last ? x(aedDay) : null,
      aedAfterAsOf: aedDay !== null && aedDay > last,
      overstay:
        aedDay !== null && overstayTo !== null && overstayTo > aedDay
          ? { from: x(aedDay), to: x(overstayTo) }
          : null,
    };
  });
  return { first: isoOf(first), last: asOf, rows, ticks: ticksBetween(first, last, x) };
}
