import { COUNTRY_MIX } from './geo';
import { assessLife, consequences, emitLife, newLife, planLife } from './lives';
import { adultOnFirstTrip, newPerson } from './people';
import type { PlanCtx } from './plan-utils';
import type { Rng } from './rng';
import type { ScenarioDef } from './scenarios';
import {
  emitUnknownSubjectTip,
  maybeAssociate,
  maybeSubpoena,
  maybeTip,
  type Budget,
} from './social';
import type { Life, Person } from './types';
import type { World } from './world';

// The steps every unit shares: a new person living one scenario (planned and assessed), and
// at the end the records about them and the people around them.

const AGE: Record<ScenarioDef['planner'], [number, number]> = {
  visitor: [18, 78],
  vwp: [18, 78],
  student: [18, 34],
  exchange: [21, 55],
  vocational: [18, 40],
  worker: [24, 58],
  out_of_scope: [22, 65],
  land: [18, 75],
};

function citizenshipFor(def: ScenarioDef, rng: Rng): string {
  switch (def.planner) {
    case 'visitor':
      return rng.weighted(COUNTRY_MIX.visaVisitor);
    case 'vwp':
      return rng.weighted(COUNTRY_MIX.vwpVisitor);
    case 'student':
    case 'vocational':
      return rng.weighted(COUNTRY_MIX.student);
    case 'exchange':
      return rng.weighted(COUNTRY_MIX.exchange);
    case 'worker':
      return rng.weighted(
        def.name === 'W_TREATY_INVESTOR' ? COUNTRY_MIX.treatyTrader : COUNTRY_MIX.worker,
      );
    case 'land':
      return rng.weighted(COUNTRY_MIX.land);
    case 'out_of_scope':
      if (def.name === 'OOS_DIPLOMAT') return rng.weighted(COUNTRY_MIX.diplomat);
      return rng.weighted(def.name === 'OOS_CREW' ? COUNTRY_MIX.crew : COUNTRY_MIX.visaVisitor);
  }
}

export interface Lived {
  life: Life;
  ctx: PlanCtx;
  def: ScenarioDef;
}

/** A new person living scenario `def` (of `citizenship` if given), planned and assessed. */
export function live(world: World, rng: Rng, def: ScenarioDef, citizenship?: string): Lived {
  const cit = citizenship ?? citizenshipFor(def, rng);
  const person = newPerson(world, rng, {
    role: 'visitor',
    citizenship: cit,
    age: AGE[def.planner],
  });
  const life = newLife(person);
  const ctx = planLife(world, life, def, rng);
  const first = life.admissions[0];
  const minAge = def.planner === 'student' || def.planner === 'vocational' ? 17 : 18;
  if (first) adultOnFirstTrip(person, first.ad, minAge, rng);
  consequences(ctx, assessLife(world, life), def);
  return { life, ctx, def };
}

export function spendOne(budget: Budget): boolean {
  if (budget.remaining <= 0) return false;
  budget.remaining--;
  return true;
}

/** Write everything about the unit's people, with associates, tips and toll records. */
export function finish(world: World, rng: Rng, lived: readonly Lived[], budget: Budget): void {
  if (rng.chance(0.003)) emitUnknownSubjectTip(world, rng);
  for (const { life } of lived) {
    const associate = maybeAssociate(world, life, rng, budget);
    const associates: Person[] = associate ? [associate] : [];
    emitLife(world, life, rng);
    const fraud = life.tags.has('fraud_school_student');
    if (life.tags.has('violator')) {
      const kind = fraud && rng.chance(0.6) ? 'school' : 'overstay';
      maybeTip(world, life, rng, budget, kind, associates, fraud ? 0.05 : 0.07);
    } else {
      maybeTip(world, life, rng, budget, 'unfounded', associates, 0.004);
    }
    const contacts = [...associates.map((a) => a.phone ?? ''), life.person.employer?.phone ?? ''];
    maybeSubpoena(world, life, rng, contacts.filter(Boolean));
  }
}
