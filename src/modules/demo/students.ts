import { addYears } from './dates';
import { admit, claim, type PlanCtx } from './plan-utils';
import { addOpt, addRow, addStemOpt } from './sevis-records';
import { enrol, enter, register, terminate } from './enrolment';
import { planFraudStudent } from './fraud-students';
import type { Schools } from './schools';

// F-1 students, J-1 exchange visitors and M-1 vocational students: a SEVIS record, an entry
// under it, and whatever happened next (completion, OPT, termination, change of status).

const VIOLATION_REASONS = [
  'Unauthorized Withdrawal',
  'Unauthorized Employment',
  'Otherwise Failing to Maintain Status',
  'Failure to Enroll',
  'No Show',
] as const;

export function planStudent(ctx: PlanCtx, name: string, schools: Schools): void {
  const { rng, world, life } = ctx;
  const aod = world.aod;
  life.usSince = null;
  switch (name) {
    case 'F1_IN_PROGRAM': {
      const e = enrol(ctx, schools, aod + 30, aod + 4 * 365);
      register(ctx, e);
      const first = e.start - rng.int(3, 29);
      const homeVisit = rng.chance(0.35) && e.start + 200 < Math.min(e.end, aod) - 90;
      if (homeVisit) {
        const dep = rng.int(e.start + 200, Math.min(e.end, aod) - 90);
        admit(ctx, {
          cls: 'F1',
          ad: first,
          aud: null,
          sevisId: e.record.sevisId,
          dep,
          scenario: `${name}:HOME_VISIT`,
          intended: 'COMPLIANT_DEPARTURE',
        });
        admit(ctx, {
          cls: 'F1',
          ad: dep + rng.int(20, 80),
          aud: null,
          sevisId: e.record.sevisId,
          scenario: name,
          intended: 'IN_STATUS',
        });
      } else {
        admit(ctx, {
          cls: 'F1',
          ad: first,
          aud: null,
          sevisId: e.record.sevisId,
          scenario: name,
          intended: 'IN_STATUS',
        });
      }
      life.usSince = first;
      return;
    }
    case 'F1_COMPLETED_DEPARTED':
    case 'F1_COMPLETED_OVERSTAY': {
      const stays = name === 'F1_COMPLETED_OVERSTAY';
      const e = enrol(ctx, schools, world.start + 400, aod - 70);
      register(ctx, e);
      addRow(ctx, e.record, 'COMPLETED', e.end);
      enter(
        ctx,
        e,
        name,
        stays ? 'SUSPECTED_IN_COUNTRY_OVERSTAY' : 'COMPLIANT_DEPARTURE',
        stays ? null : e.end + rng.int(0, 59),
      );
      life.usSince = e.start;
      return;
    }
    case 'F1_OPT_IN_STATUS':
    case 'F1_OPT_DEPARTED':
    case 'F1_STEM_OPT':
      return planOpt(ctx, name, schools);
    default:
      return planStudentTrouble(ctx, name, schools);
  }
}

function planOpt(ctx: PlanCtx, name: string, schools: Schools): void {
  const { rng, world, life } = ctx;
  const aod = world.aod;
  const [lo, hi] =
    name === 'F1_OPT_IN_STATUS'
      ? [aod - 400, aod - 30]
      : name === 'F1_OPT_DEPARTED'
        ? [world.start + 500, aod - 500]
        : [aod - 1000, aod - 420];
  const e = enrol(ctx, schools, lo, hi);
  register(ctx, e);
  const { optStart, optEnd } = addOpt(ctx, e.record, e.end);
  const ead = e.end - rng.int(60, 90);
  claim(ctx, 'I-765', null, 'F1', ead, 'APPROVED', ead + rng.int(40, 80), optEnd);
  life.usSince = e.start;
  life.working = true;
  if (name === 'F1_STEM_OPT') {
    addStemOpt(ctx, e.record, optEnd);
    enter(ctx, e, name, 'IN_STATUS');
  } else if (name === 'F1_OPT_DEPARTED') {
    addRow(ctx, e.record, 'COMPLETED', optEnd);
    enter(ctx, e, name, 'COMPLIANT_DEPARTURE', optEnd + rng.int(0, 59));
  } else {
    addRow(ctx, e.record, 'COMPLETED', optEnd);
    enter(ctx, e, name, 'IN_STATUS');
  }
  if (optStart > aod) life.working = false;
}

function planStudentTrouble(ctx: PlanCtx, name: string, schools: Schools): void {
  const { rng, world, life } = ctx;
  const aod = world.aod;
  switch (name) {
    case 'F1_TERMINATED':
    case 'F1_TERMINATED_LEFT': {
      const e = enrol(ctx, schools, world.start + 400, aod + 3 * 365, { latestStart: aod - 120 });
      // Reasons take turns, so that even a small world has every one of them.
      const reason =
        VIOLATION_REASONS[world.counters.terminations++ % VIOLATION_REASONS.length] ?? 'No Show';
      const t = terminate(ctx, e, reason, e.start);
      const left = name === 'F1_TERMINATED_LEFT' && t + 6 < aod;
      enter(
        ctx,
        e,
        left ? name : 'F1_TERMINATED',
        left ? 'OUT_OF_COUNTRY_OVERSTAY' : 'SUSPECTED_IN_COUNTRY_OVERSTAY',
        left ? rng.int(t + 1, Math.min(t + 200, aod - 1)) : null,
      );
      schools.statsOf(e.record.school).terminated++;
      life.usSince = e.start;
      life.working = reason === 'Unauthorized Employment';
      return;
    }
    case 'F1_EARLY_WITHDRAWAL_DEPARTED':
    case 'F1_EARLY_WITHDRAWAL_STAYED': {
      const e = enrol(ctx, schools, world.start + 400, aod + 3 * 365, { latestStart: aod - 120 });
      const t = terminate(ctx, e, 'Authorized Early Withdrawal', e.start);
      const stayed = name.endsWith('STAYED') && t + 16 < aod;
      enter(
        ctx,
        e,
        stayed ? name : 'F1_EARLY_WITHDRAWAL_DEPARTED',
        stayed ? 'SUSPECTED_IN_COUNTRY_OVERSTAY' : 'COMPLIANT_DEPARTURE',
        stayed ? null : t + rng.int(0, Math.min(15, aod - 1 - t)),
      );
      life.usSince = e.start;
      return;
    }
    case 'F1_DEATH': {
      const e = enrol(ctx, schools, world.start + 400, aod + 2 * 365, { latestStart: aod - 120 });
      terminate(ctx, e, 'Death', e.start + 60);
      enter(ctx, e, name, 'OUT_OF_SCOPE');
      return;
    }
    case 'F1_CANCELED_AFTER_ENTRY': {
      const e = enrol(ctx, schools, world.start + 400, aod + 2 * 365);
      const t = Math.min(e.start + rng.int(20, 60), aod - 5);
      addRow(ctx, e.record, 'CANCELED', t);
      enter(ctx, e, name, 'SUSPECTED_IN_COUNTRY_OVERSTAY');
      life.usSince = e.start;
      return;
    }
    case 'F1_FRAUD_SCHOOL':
      return planFraudStudent(ctx, name, schools);
    default:
      return planStudentPetition(ctx, name, schools);
  }
}

/** Students whose employer petitions for H-1B: approved (change of status) or still pending. */
function planStudentPetition(ctx: PlanCtx, name: string, schools: Schools): void {
  const { rng, world, life } = ctx;
  const aod = world.aod;
  switch (name) {
    case 'F1_CHANGE_TO_H1B': {
      const e = enrol(ctx, schools, aod - 700, aod - 180);
      register(ctx, e);
      const { optStart, optEnd } = addOpt(ctx, e.record, e.end);
      const received = rng.int(optStart + 30, Math.min(optEnd, aod - 100));
      const decision = received + rng.int(30, 90);
      const a = enter(ctx, e, name, 'IN_STATUS');
      claim(ctx, 'I-129', a, 'H1B', received, 'APPROVED', decision, addYears(decision, 3) - 1);
      addRow(ctx, e.record, 'TERMINATED', decision, {
        terminationReason: 'Change of Status Approved',
      });
      life.usSince = e.start;
      life.working = true;
      return;
    }
    case 'F1_CAP_GAP_PENDING': {
      const e = enrol(ctx, schools, aod - 700, aod - 480);
      register(ctx, e);
      const { optEnd } = addOpt(ctx, e.record, e.end);
      const a = enter(ctx, e, name, 'PENDING_BENEFIT');
      claim(
        ctx,
        'I-129',
        a,
        'H1B',
        rng.int(optEnd - 120, Math.min(optEnd + 59, aod - 7)),
        'PENDING',
      );
      life.usSince = e.start;
      life.working = true;
      return;
    }
    default:
      throw new Error(`student scenario without a plan: ${name}`);
  }
}
