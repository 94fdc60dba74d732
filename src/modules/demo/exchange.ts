import type { Day } from './dates';
import { admit, type PlanCtx } from './plan-utils';
import { addRow, MAJORS, openSevis } from './sevis-records';
import type { Schools } from './schools';

// J-1 exchange visitors (D/S, 30 days after the DS-2019 end) and M-1 vocational students
// (a fixed admit-until date of program end + 30 days; no grace after a termination).

const J1_CATEGORIES = [
  { level: 'RESEARCH SCHOLAR', min: 365, max: 3 * 365 },
  { level: 'PROFESSOR', min: 180, max: 2 * 365 },
  { level: 'STUDENT - NON-DEGREE', min: 120, max: 365 },
  { level: 'TRAINEE', min: 180, max: 540 },
  { level: 'SHORT-TERM SCHOLAR', min: 30, max: 180 },
  { level: 'SUMMER WORK TRAVEL', min: 60, max: 120 },
];

function window(
  ctx: PlanCtx,
  days: number,
  endLo: Day,
  endHi: Day,
  latestStart: Day,
): { start: Day; end: Day } {
  const lo = Math.max(ctx.world.start + 60, endLo - days);
  const hi = Math.max(lo, Math.min(latestStart, endHi - days));
  const start = ctx.rng.int(lo, hi);
  return { start, end: start + days };
}

export function planExchange(ctx: PlanCtx, name: string, schools: Schools): void {
  const { rng, world, life } = ctx;
  const aod = world.aod;
  const cat = rng.pick(J1_CATEGORIES);
  const school = schools.pick(rng, 'exchange', false);
  const [endLo, endHi] =
    name === 'J1_IN_PROGRAM'
      ? [aod + 5, aod + 3 * 365]
      : name === 'J1_OVERSTAY'
        ? [world.start + 300, aod - 40]
        : [world.start + 300, aod - 40];
  // Short categories cannot stretch across the as-of date with room to spare; use a year.
  const days =
    name === 'J1_IN_PROGRAM'
      ? Math.max(cat.min, rng.int(Math.max(cat.min, 120), cat.max))
      : rng.int(cat.min, cat.max);
  const { start, end } = window(ctx, days, endLo, endHi, aod - 40);
  const record = openSevis(ctx, 'J1', school, start, end, cat.level, rng.pick(MAJORS));
  addRow(ctx, record, 'ACTIVE', start + rng.int(0, 10));
  const ad = start - rng.int(3, 29);
  if (name === 'J1_COMPLETED_DEPARTED') {
    addRow(ctx, record, 'COMPLETED', end);
    admit(ctx, {
      cls: 'J1',
      ad,
      aud: null,
      sevisId: record.sevisId,
      dep: end + rng.int(0, 29),
      scenario: name,
      intended: 'COMPLIANT_DEPARTURE',
    });
    return;
  }
  if (name === 'J1_OVERSTAY') {
    addRow(ctx, record, 'COMPLETED', end);
    admit(ctx, {
      cls: 'J1',
      ad,
      aud: null,
      sevisId: record.sevisId,
      scenario: name,
      intended: end + 30 < aod ? 'SUSPECTED_IN_COUNTRY_OVERSTAY' : 'IN_STATUS',
    });
    life.usSince = ad;
    life.working = rng.chance(0.5);
    return;
  }
  admit(ctx, {
    cls: 'J1',
    ad,
    aud: null,
    sevisId: record.sevisId,
    scenario: name,
    intended: end + 30 >= aod ? 'IN_STATUS' : 'SUSPECTED_IN_COUNTRY_OVERSTAY',
  });
  life.usSince = ad;
}

export function planVocational(ctx: PlanCtx, name: string, schools: Schools): void {
  const { rng, world, life } = ctx;
  const aod = world.aod;
  const school = schools.pick(rng, 'vocational', false);
  const days = rng.int(180, 420);
  const level = school.kind === 'flight' ? 'FLIGHT TRAINING' : 'VOCATIONAL';
  const major =
    school.kind === 'flight'
      ? 'Aviation'
      : rng.pick(['Culinary Arts', 'Cosmetology', 'Automotive Technology', 'Welding']);
  const [endLo, endHi] =
    name === 'M1_COMPLIANT' ? [world.start + 300, aod - 40] : [aod + 5, aod + days - 60];
  const { start, end } = window(
    ctx,
    days,
    endLo,
    endHi,
    name === 'M1_TERMINATED_WITHIN_PERIOD' ? aod - 45 : aod - 40,
  );
  const record = openSevis(ctx, 'M1', school, start, end, level, major);
  schools.statsOf(school).students++;
  addRow(ctx, record, 'ACTIVE', start + rng.int(0, 10));
  const ad = start - rng.int(3, 29);
  const aud = end + 30;
  if (name === 'M1_COMPLIANT') {
    addRow(ctx, record, 'COMPLETED', end);
    admit(ctx, {
      cls: 'M1',
      ad,
      aud,
      sevisId: record.sevisId,
      dep: end + rng.int(0, 30),
      scenario: name,
      intended: 'COMPLIANT_DEPARTURE',
    });
    return;
  }
  life.usSince = ad;
  if (name === 'M1_IN_PROGRAM') {
    admit(ctx, {
      cls: 'M1',
      ad,
      aud,
      sevisId: record.sevisId,
      scenario: name,
      intended: 'IN_STATUS',
    });
    return;
  }
  // Terminated before the I-94 date: a status violator although the admit period runs on.
  terminateVocational(ctx, name, record.sevisId, start, ad, aud);
  schools.statsOf(school).terminated++;
}

function terminateVocational(
  ctx: PlanCtx,
  name: string,
  sevisId: string,
  start: Day,
  ad: Day,
  aud: Day,
): void {
  const { rng, world, life } = ctx;
  const record = life.sevis.find((r) => r.sevisId === sevisId);
  if (!record) throw new Error('vocational student without a SEVIS record');
  const t = rng.int(start + 30, world.aod - 5);
  const reasons = [
    'Unauthorized Withdrawal',
    'Otherwise Failing to Maintain Status',
    'Unauthorized Employment',
  ];
  addRow(ctx, record, 'TERMINATED', t, { terminationReason: rng.pick(reasons) });
  const intended =
    aud >= world.aod ? 'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD' : 'SUSPECTED_IN_COUNTRY_OVERSTAY';
  admit(ctx, { cls: 'M1', ad, aud, sevisId, scenario: name, intended });
}
