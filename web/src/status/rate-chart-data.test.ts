import { describe, expect, it } from 'vitest';
import { rateChartData, rateChartHeight, type RateChartRow } from './rate-chart-data';

function row(key: string, expected: number, total: number, inCountry: number): RateChartRow {
  const rate = (n: number) => (expected === 0 ? null : Math.round((n / expected) * 10000) / 100);
  return {
    key,
    expectedDepartures: expected,
    totalOverstays: total,
    suspectedInCountryOverstays: inCountry,
    totalOverstayRate: rate(total),
    suspectedInCountryRate: rate(inCountry),
  };
}

describe('rate chart data', () => {
  const rows = [
    row('WT', 500, 10, 4),
    row('B2', 900, 45, 30),
    row('F1', 120, 12, 9),
    row('H1B', 500, 5, 1),
    row('M1', 3, 2, 2),
  ];

  it('keeps the top N by expected departures, largest first, ties by name', () => {
    const { data, available } = rateChartData(rows, 3, 'classes');
    expect(data.map((d) => d.key)).toEqual(['B2', 'H1B', 'WT']);
    expect(available).toBe(5);
    expect(data[0]).toEqual({
      key: 'B2',
      label: 'B2 (900)',
      expectedDepartures: 900,
      totalOverstayRate: 5,
      suspectedInCountryRate: 3.33,
    });
  });

  it('leaves out rows without expected departures (no rate) and does not mutate its input', () => {
    const before = rows.map((r) => r.key);
    const { data, available } = rateChartData([...rows, row('C1', 0, 0, 0)], 10, 'classes');
    expect(data.map((d) => d.key)).not.toContain('C1');
    expect(available).toBe(5);
    expect(rows.map((r) => r.key)).toEqual(before);
  });

  it('describes every bar in words for a screen reader', () => {
    const { description } = rateChartData(rows, 2, 'countries');
    expect(description).toBe(
      'The 2 countries with the most expected departures (of 5). ' +
        'B2: 900 expected departures, total overstay rate 5.00%, suspected in-country rate 3.33%. ' +
        'H1B: 500 expected departures, total overstay rate 1.00%, suspected in-country rate 0.20%.',
    );
    expect(rateChartData([], 10, 'countries').description).toBe(
      'No countries had expected departures.',
    );
  });

  it('grows with the number of bars', () => {
    expect(rateChartHeight(10)).toBeGreaterThan(rateChartHeight(2));
    expect(rateChartHeight(0)).toBe(rateChartHeight(1));
  });
});
