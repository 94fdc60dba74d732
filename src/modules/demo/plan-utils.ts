import { ymdFromDay, type Day } from './dates';
import { ENTRY_AIRPORTS, SEA_PORTS } from './geo';
import { passportOn } from './people';
import type { Rng } from './rng';
import type { Admission, Claim, ClaimStatus, Life, Mode, StatusClass } from './types';
import type { World } from './world';

/** What a planner works with: the world, the life being planned, its random stream. */
export interface PlanCtx {
  readonly world: World;
  readonly life: Life;
  readonly rng: Rng;
}

export interface AdmissionSpec {
  cls: string;
  ad: Day;
  aud: Day | null;
  scenario: string;
  intended: StatusClass;
  mode?: Mode;
  port?: string;
  sevisId?: string | null;
  /** Departure day, or null when none is recorded. */
  dep?: Day | null;
  depMode?: Mode;
  removal?: boolean;
}

export function fiscalYear(day: Day): number {
  const [y, m] = ymdFromDay(day);
  return m >= 10 ? y + 1 : y;
}

/** Record an admission (and its departure) in the life, oldest first. */
export function admit(ctx: PlanCtx, spec: AdmissionSpec): Admission {
  const { world, life, rng } = ctx;
  const mode = spec.mode ?? (rng.chance(0.03) ? 'sea' : 'air');
  const port = spec.port ?? (mode === 'sea' ? rng.pick(SEA_PORTS) : rng.pick(ENTRY_AIRPORTS));
  const dep = spec.dep ?? null;
  const admission: Admission = {
    admissionNumber: world.ids.admissionNumber(),
    cls: spec.cls,
    ad: spec.ad,
    aud: spec.aud,
    port,
    mode,
    passportIndex: passportOn(life.person, spec.ad),
    sevisId: spec.sevisId ?? null,
    visaFoil: null,
    departure:
      dep === null
        ? null
        : {
            day: dep,
            // Air carriers' exit manifests often carry the I-94 number; removals and some exits do not.
            withAdmissionNumber: !spec.removal && rng.chance(0.75),
            port: spec.depMode === 'land' ? port : rng.pick(ENTRY_AIRPORTS),
            mode: spec.depMode ?? 'air',
            removal: spec.removal ?? false,
          },
    scenario: spec.scenario,
    intended: spec.intended,
  };
  life.admissions.push(admission);
  life.admissions.sort((a, b) => a.ad - b.ad);
  return admission;
}

export function claim(
  ctx: PlanCtx,
  form: Claim['form'],
  admission: Admission | null,
  requestedClass: string,
  received: Day,
  status: ClaimStatus,
  decision: Day | null = null,
  approvedUntil: Day | null = null,
): Claim {
  const { world, life } = ctx;
  if ((form === 'I-485' || form === 'I-765') && !life.person.aNumber)
    life.person.aNumber = world.ids.aNumber();
  const c: Claim = {
    receipt: world.ids.receipt(fiscalYear(received), form === 'I-485' ? 'MSC' : undefined),
    form,
    admissionNumber: admission?.admissionNumber ?? null,
    requestedClass,
    received,
    status,
    decision,
    approvedUntil,
  };
  life.claims.push(c);
  return c;
}

/** Skewed toward small numbers: most overstays are short, a few are years long. */
export function overstayLength(rng: Rng, max: number): number {
  const r = rng.next();
  if (r < 0.45) return rng.int(1, Math.min(30, max));
  if (r < 0.75) return rng.int(1, Math.min(180, max));
  return rng.int(1, max);
}

/**
 * Earlier trips before `before` (compliant, exits recorded), walking back in time.
 * Returns how many were placed.
 */
export function earlierTrips(
  ctx: PlanCtx,
  cls: string,
  allowance: number,
  count: number,
  before: Day,
  scenario: string,
): number {
  const { world, rng } = ctx;
  let cursor = before - rng.int(20, 200);
  let placed = 0;
  for (let i = 0; i < count; i++) {
    const stay = rng.int(3, Math.min(allowance - 1, 40));
    const ad = cursor - stay;
    if (ad < world.start) break;
    admit(ctx, {
      cls,
      ad,
      aud: ad + allowance,
      dep: ad + stay,
      scenario,
      intended: 'COMPLIANT_DEPARTURE',
    });
    cursor = ad - rng.int(30, 400);
    placed++;
  }
  return placed;
}

export function tripCount(rng: Rng): number {
  return rng.weighted([
    { value: 0, weight: 50 },
    { value: 1, weight: 25 },
    { value: 2, weight: 15 },
    { value: 3, weight: 10 },
  ]);
}
