import type { Day } from './dates';
import { admit, type PlanCtx } from './plan-utils';
import { academicProgram, addRow, MAJORS, openSevis } from './sevis-records';
import type { Schools } from './schools';
import type { SevisRecord } from './types';

// Enrolling a student: a SEVIS record whose program fits the scenario's window, the entry
// under it, registration, and termination.

export interface Enrolment {
  record: SevisRecord;
  start: Day;
  end: Day;
}

/**
 * Open a SEVIS record whose program ends inside [endLo, endHi] and starts no later than
 * `latestStart` (default: 40 days before the as-of date, so the student has arrived).
 */
export function enrol(
  ctx: PlanCtx,
  schools: Schools,
  endLo: Day,
  endHi: Day,
  opts: { fraud?: boolean; maxDays?: number; latestStart?: Day } = {},
): Enrolment {
  const { rng, world } = ctx;
  const school = schools.pick(rng, rng.chance(0.15) ? 'language' : 'academic', opts.fraud ?? false);
  const latestStart = opts.latestStart ?? world.aod - 40;
  let start = -1;
  let end = -1;
  let program = academicProgram(ctx, school, opts.maxDays);
  for (let attempt = 0; attempt < 8 && start < 0; attempt++) {
    const lo = Math.max(world.start + 60, endLo - program.days);
    const hi = Math.min(latestStart, endHi - program.days);
    if (lo <= hi) {
      start = rng.int(lo, hi);
      end = start + program.days;
    } else {
      program = academicProgram(ctx, school, opts.maxDays);
    }
  }
  if (start < 0) {
    // No listed program fits the window: shape one that does.
    start = Math.max(world.start + 60, Math.min(latestStart, endLo - 200));
    end = Math.max(start + 60, Math.min(endHi, Math.max(endLo, start + 200)));
  }
  const major = school.kind === 'language' ? 'English Language' : rng.pick(MAJORS);
  const record = openSevis(ctx, 'F1', school, start, end, program.level, major);
  schools.statsOf(school).students++;
  return { record, start, end };
}

export function enter(
  ctx: PlanCtx,
  e: Enrolment,
  scenario: string,
  intended: Parameters<typeof admit>[1]['intended'],
  dep: Day | null = null,
  cls = 'F1',
) {
  const ad = e.start - ctx.rng.int(3, 29);
  return admit(ctx, {
    cls,
    ad,
    aud: cls === 'M1' ? e.end + 30 : null,
    sevisId: e.record.sevisId,
    dep,
    scenario,
    intended,
  });
}

export function register(ctx: PlanCtx, e: Enrolment): void {
  addRow(ctx, e.record, 'ACTIVE', e.start + ctx.rng.int(0, 20));
}

export function terminate(ctx: PlanCtx, e: Enrolment, reason: string, earliest: Day): Day {
  const { rng, world } = ctx;
  const neverRegistered = reason === 'No Show' || reason === 'Failure to Enroll';
  const t = neverRegistered
    ? e.start + rng.int(30, 60)
    : rng.int(
        Math.max(earliest, e.start + 90),
        Math.max(Math.max(earliest, e.start + 90), Math.min(e.end, world.aod - 10)),
      );
  if (!neverRegistered) register(ctx, e);
  addRow(ctx, e.record, 'TERMINATED', t, { terminationReason: reason });
  return t;
}
