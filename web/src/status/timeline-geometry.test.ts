import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  MIN_SPAN_DAYS,
  timelineGeometry,
  type TimelineInput,
} from './timeline-geometry';

function adm(
  admissionDate: string,
  aed: string | null,
  departureDate: string | null,
  overstayDays = 0,
): TimelineInput {
  return { admissionDate, aed, departureDate, overstayDays };
}

/** The axis position of a date on an axis from `first` to `last`. */
function at(date: string, first: string, last: string): number {
  return (dayNumber(date) - dayNumber(first)) / (dayNumber(last) - dayNumber(first));
}

describe('status timeline geometry', () => {
  it('counts days in UTC, across leap days', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
    expect(dayNumber('2025-03-01') - dayNumber('2025-02-28')).toBe(1);
  });

  it('runs the axis from the earliest admission to the as-of date, with one row per admission in order', () => {
    const g = timelineGeometry(
      [
        adm('2025-06-01', '2025-11-30', '2025-09-01'),
        adm('2024-01-10', '2024-07-09', '2024-07-01'),
      ],
      '2026-11-01',
    );
    expect(g.first).toBe('2024-01-10');
    expect(g.last).toBe('2026-11-01');
    expect(g.rows[1]!.start).toBe(0);
    expect(g.rows[0]!.start).toBeCloseTo(at('2025-06-01', '2024-01-10', '2026-11-01'), 10);
    expect(g.rows[0]!.end).toBeCloseTo(at('2025-09-01', '2024-01-10', '2026-11-01'), 10);
  });

  it('draws a same-day departure as a point with nothing overstayed', () => {
    const g = timelineGeometry([adm('2026-03-05', '2026-06-02', '2026-03-05')], '2026-11-01');
    const r = g.rows[0]!;
    expect(r.end).toBe(r.start);
    expect(r.open).toBe(false);
    expect(r.overstay).toBeNull();
    expect(r.aed).toBeCloseTo(at('2026-06-02', g.first, g.last), 10);
  });

  it('highlights nothing when the person left before the AED; the AED mark lies past the line', () => {
    const r = timelineGeometry([adm('2025-01-01', '2025-06-30', '2025-05-01')], '2026-11-01')
      .rows[0]!;
    expect(r.overstay).toBeNull();
    expect(r.aed!).toBeGreaterThan(r.end);
  });

  it('highlights AED → departure for a late departure', () => {
    const g = timelineGeometry([adm('2025-01-01', '2025-06-30', '2025-08-14', 45)], '2026-11-01');
    const r = g.rows[0]!;
    expect(r.overstay).toEqual({ from: r.aed, to: r.end });
    expect(r.overstay!.from).toBeCloseTo(at('2025-06-30', g.first, g.last), 10);
  });

  it('with no departure, runs the line to the as-of date and highlights AED → as-of date', () => {
    const asOf = '2026-11-01';
    const r = timelineGeometry(
      [adm('2025-01-01', '2025-07-17', null, dayNumber(asOf) - dayNumber('2025-07-17'))],
      asOf,
    ).rows[0]!;
    expect(r.open).toBe(true);
    expect(r.end).toBe(1);
    expect(r.overstay!.to).toBe(1);
    expect(r.overstay!.from).toBe(r.aed);
  });

  it('stops the highlight where the engine stopped counting (accrual stopped by an I-485)', () => {
    const g = timelineGeometry([adm('2025-01-01', '2025-07-01', null, 30)], '2026-11-01');
    const r = g.rows[0]!;
    expect(r.overstay!.to).toBeCloseTo(at('2025-07-31', g.first, g.last), 10);
    expect(r.overstay!.to).toBeLessThan(r.end);
  });

  it('does not highlight an open stay past its AED when no overstay is counted (a pending benefit)', () => {
    expect(
      timelineGeometry([adm('2025-01-01', '2025-07-01', null, 0)], '2026-11-01').rows[0]!.overstay,
    ).toBeNull();
  });

  it('marks an AED after the as-of date as such instead of stretching the axis, and draws no mark without an AED', () => {
    const g = timelineGeometry(
      [adm('2026-09-01', '2027-08-31', null), adm('2026-02-01', null, '2026-04-01')],
      '2026-11-01',
    );
    expect(g.last).toBe('2026-11-01');
    expect(g.rows[0]!.aed).toBeNull();
    expect(g.rows[0]!.aedAfterAsOf).toBe(true);
    expect(g.rows[1]!.aed).toBeNull();
    expect(g.rows[1]!.aedAfterAsOf).toBe(false);
    expect(g.rows[1]!.overstay).toBeNull();
  });

  it('ticks each 1 January of admissions spanning years, at their place on the axis', () => {
    const g = timelineGeometry([adm('2022-05-10', '2022-11-09', null, 1453)], '2026-11-01');
    expect(g.ticks.map((t) => t.label)).toEqual(['2023', '2024', '2025', '2026']);
    expect(g.ticks[0]!.x).toBeCloseTo(at('2023-01-01', '2022-05-10', '2026-11-01'), 10);
    for (const t of g.ticks) expect(t.x).toBeGreaterThan(0);
  });

  it('ticks months on a short axis and never has a zero-length axis', () => {
    const g = timelineGeometry([adm('2026-11-01', '2027-01-29', null)], '2026-11-01');
    expect(dayNumber(g.last) - dayNumber(g.first)).toBe(MIN_SPAN_DAYS);
    expect(g.rows[0]!.start).toBe(1);
    expect(g.first).toBe('2026-09-02');
    expect(g.ticks.map((t) => t.label)).toEqual(['Oct 2026', 'Nov 2026']);
    expect(g.ticks.at(-1)!.x).toBe(1);
    expect(timelineGeometry([], '2026-11-01').rows).toEqual([]);
  });
});
