import { addYears, type Day } from './dates';
import { admit, claim, type PlanCtx } from './plan-utils';
import type { Admission } from './types';

// Temporary workers (H-1B, L-1, O-1, TN, E-2): an approved petition before entry, a fixed
// admit-until date, and then extensions, departures or the end of the job.

function workerClass(ctx: PlanCtx, name: string, citizenship: string): string {
  if (name === 'W_TREATY_INVESTOR') return 'E2';
  if (citizenship === 'CAN' || citizenship === 'MEX') return ctx.rng.chance(0.7) ? 'TN' : 'H1B';
  return ctx.rng.weighted([
    { value: 'H1B', weight: 75 },
    { value: 'L1', weight: 18 },
    { value: 'O1', weight: 7 },
  ]);
}

function termYears(cls: string): number {
  return cls === 'E2' ? 2 : 3;
}

/** The approved petition an employer filed before the worker's first entry. */
function initialPetition(ctx: PlanCtx, cls: string, ad: Day, aud: Day): void {
  if (cls === 'TN' || cls === 'E2') return;
  const received = ad - ctx.rng.int(120, 300);
  claim(ctx, 'I-129', null, cls, received, 'APPROVED', received + ctx.rng.int(15, 100), aud);
}

function entry(
  ctx: PlanCtx,
  name: string,
  cls: string,
  ad: Day,
  intended: Admission['intended'],
  dep: Day | null = null,
): Admission {
  const aud = addYears(ad, termYears(cls)) - 1;
  initialPetition(ctx, cls, ad, aud);
  return admit(ctx, { cls, ad, aud, dep, scenario: name, intended });
}

export function planWorker(ctx: PlanCtx, name: string, citizenship: string): void {
  const { rng, world, life } = ctx;
  const aod = world.aod;
  const cls0 = workerClass(ctx, name, citizenship);
  // Only H-1B workers get the "pending extension" and "employment ended" stories here.
  const cls = name === 'W_EXTENSION_PENDING' || name === 'W_EMPLOYMENT_ENDED' ? 'H1B' : cls0;
  const span = addYears(aod, -termYears(cls)) - aod; // negative: days in one admitted period
  life.working = true;
  switch (name) {
    case 'W_IN_STATUS':
    case 'W_TREATY_INVESTOR': {
      const ad = rng.int(aod + span + 30, aod - 30);
      entry(ctx, name, cls, ad, 'IN_STATUS');
      life.usSince = ad;
      if (cls === 'E2') life.tags.add('trader');
      return;
    }
    case 'W_COMPLIANT': {
      const ad = rng.int(world.start, aod + span + 300);
      const aud = addYears(ad, termYears(cls)) - 1;
      entry(ctx, name, cls, ad, 'COMPLIANT_DEPARTURE', rng.int(ad + 200, Math.min(aud, aod - 1)));
      life.usSince = ad;
      return;
    }
    case 'W_OVERSTAY': {
      const ad = rng.int(world.start, aod + span - 30);
      entry(ctx, name, cls, ad, 'SUSPECTED_IN_COUNTRY_OVERSTAY');
      life.usSince = ad;
      return;
    }
    default:
      return planWorkerPetition(ctx, name, cls, span);
  }
}

/** Workers whose story is told by a petition: extended, waiting, or withdrawn when the job ended. */
function planWorkerPetition(ctx: PlanCtx, name: string, cls: string, span: number): void {
  const { rng, world, life } = ctx;
  const aod = world.aod;
  switch (name) {
    case 'W_EXTENSION_APPROVED': {
      const ad = rng.int(Math.max(world.start, aod + 2 * span + 40), aod + span - 40);
      const a = entry(ctx, name, cls, ad, 'IN_STATUS');
      const aud = a.aud as Day;
      const received = aud - rng.int(20, 180);
      const decision = Math.min(aod - 5, received + rng.int(15, 200));
      claim(
        ctx,
        cls === 'TN' || cls === 'E2' ? 'I-539' : 'I-129',
        a,
        cls,
        received,
        'APPROVED',
        decision,
        addYears(aud, termYears(cls)),
      );
      life.usSince = ad;
      return;
    }
    case 'W_EXTENSION_PENDING': {
      // Some have waited past the 240 days a pending extension lets them keep working.
      const over = rng.chance(0.3) ? rng.int(241, 400) : rng.int(5, 230);
      const ad = addYears(aod - over + 1, -termYears(cls));
      const a = entry(ctx, name, cls, ad, 'PENDING_BENEFIT');
      const aud = a.aud as Day;
      claim(ctx, 'I-129', a, cls, aud - rng.int(10, 180), 'PENDING');
      life.usSince = ad;
      return;
    }
    case 'W_EMPLOYMENT_ENDED': {
      const ad = rng.int(aod + span + 200, aod - 200);
      const aud = addYears(ad, termYears(cls)) - 1;
      const a = admit(ctx, {
        cls,
        ad,
        aud,
        scenario: name,
        intended: 'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD',
      });
      // The employer withdrew the petition when the job ended: that withdrawal date is the
      // event the 60-day grace runs from.
      const received = ad - rng.int(120, 300);
      const ended = rng.int(ad + 60, aod - 70);
      claim(ctx, 'I-129', a, cls, received, 'WITHDRAWN', ended, null);
      life.usSince = ad;
      life.working = false;
      life.tags.add('employment_ended');
      return;
    }
    default:
      throw new Error(`worker scenario without a plan: ${name}`);
  }
}
