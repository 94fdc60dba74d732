import type { PlanCtx } from './plan-utils';
import type { Schools } from './schools';
import { addRow } from './sevis-records';
import { enrol, enter, register, terminate } from './enrolment';

/** A student of a pay-to-stay school: most never attend or are terminated; all stay. */
export function planFraudStudent(ctx: PlanCtx, name: string, schools: Schools): void {
  const { rng, world, life } = ctx;
  const aod = world.aod;
  const e = enrol(ctx, schools, world.start + 500, aod + 2 * 365, {
    fraud: true,
    maxDays: 2 * 365,
    latestStart: aod - 120,
  });
  const stats = schools.statsOf(e.record.school);
  const r = rng.next();
  const reason =
    r < 0.35
      ? 'No Show'
      : r < 0.55
        ? 'Failure to Enroll'
        : r < 0.7
          ? rng.pick(['Otherwise Failing to Maintain Status', 'Unauthorized Employment'])
          : null;
  if (reason && e.start + 40 < aod) {
    terminate(ctx, e, reason, e.start);
    if (reason === 'No Show' || reason === 'Failure to Enroll') stats.neverAttended++;
    else stats.terminated++;
    enter(ctx, e, name, 'SUSPECTED_IN_COUNTRY_OVERSTAY');
  } else {
    register(ctx, e);
    const done = e.end + 60 < aod;
    if (done) addRow(ctx, e.record, 'COMPLETED', e.end);
    enter(ctx, e, `${name}:ENROLLED`, done ? 'SUSPECTED_IN_COUNTRY_OVERSTAY' : 'IN_STATUS');
  }
  life.usSince = e.start;
  life.working = rng.chance(0.75);
  life.tags.add('fraud_school_student');
  if (life.working) {
    life.tags.add('employed_far_from_school');
    stats.employedFar++;
  }
}
