import { formatCount, formatRate } from './status-labels';

/** What a rate chart needs of one row of the fiscal-year report. */
export interface RateChartRow {
  key: string;
  expectedDepartures: number;
  totalOverstays: number;
  suspectedInCountryOverstays: number;
  totalOverstayRate: number | null;
  suspectedInCountryRate: number | null;
}

/** One bar group: the category (its label carries the volume, so a high rate on a few cases reads as such) and its two rates. */
export interface RateChartDatum {
  key: string;
  label: string;
  expectedDepartures: number;
  totalOverstayRate: number;
  suspectedInCountryRate: number;
}

export interface RateChartData {
  data: RateChartDatum[];
  /** Rows with expected departures (the ones a rate exists for). */
  available: number;
  /** One sentence per bar, for readers who cannot see the chart. */
  description: string;
}

/**
 * The `top` classes or countries by expected departures (ties by name), largest first: the rates
 * that rest on the most admissions. Rows with no expected departures have no rate and are left out.
 */
export function rateChartData(
  rows: readonly RateChartRow[],
  top: number,
  what: string,
): RateChartData {
  const rated = rows.filter(
    (r) =>
      r.expectedDepartures > 0 && r.totalOverstayRate !== null && r.suspectedInCountryRate !== null,
  );
  const picked = [...rated]
    .sort(
      (a, b) =>
        b.expectedDepartures - a.expectedDepartures || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    )
    .slice(0, Math.max(0, top));
  const data = picked.map((r) => ({
    key: r.key,
    label: `${r.key} (${formatCount(r.expectedDepartures)})`,
    expectedDepartures: r.expectedDepartures,
    totalOverstayRate: r.totalOverstayRate ?? 0,
    suspectedInCountryRate: r.suspectedInCountryRate ?? 0,
  }));
  const head =
    data.length === 0
      ? `No ${what} had expected departures.`
      : `The ${data.length} ${what} with the most expected departures${rated.length > data.length ? ` (of ${rated.length})` : ''}.`;
  const lines = data.map(
    (d) =>
      `${d.key}: ${formatCount(d.expectedDepartures)} expected departures, total overstay rate ${formatRate(d.totalOverstayRate)}, suspected in-country rate ${formatRate(d.suspectedInCountryRate)}.`,
  );
  return { data, available: rated.length, description: [head, ...lines].join(' ') };
}

/** Room for a horizontal bar chart of `bars` categories, two bars each, with axis and legend. */
export function rateChartHeight(bars: number): number {
  return 70 + Math.max(1, bars) * 44;
}
