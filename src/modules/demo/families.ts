import { assessLife, consequences, newLife, settle } from './lives';
import { newPerson } from './people';
import { formatAddress } from './places';
import { admit, type PlanCtx } from './plan-utils';
import type { Rng } from './rng';
import { FAMILY_SCENARIOS, type ScenarioDef } from './scenarios';
import type { Budget } from './social';
import type { Admission } from './types';
import { finish, live, spendOne, type Lived } from './unit-life';
import { assignVisas } from './visas';
import type { World } from './world';

// A family travelling together: the principal's scenario decides everyone's dates; spouse
// and children are admitted as dependents on the same days, live at the same address, often
// share the home phone and (depending on the culture) the family name.

const DEPENDENT_CLASS: Record<string, string> = {
  B1: 'B2',
  B2: 'B2',
  WT: 'WT',
  WB: 'WT',
  H1B: 'H4',
  L1: 'L2',
  TN: 'TD',
  O1: 'O3',
  E2: 'E2',
};
const WIVES_KEEP_NAME = ['es', 'pt', 'zh', 'ko', 'ar', 'fa', 'vi'];

function dependent(
  world: World,
  rng: Rng,
  principal: Lived,
  lead: Admission,
  spouse: boolean,
  familyKey: number,
): Lived {
  const p = principal.life.person;
  // Children must already be born when the family travels.
  const youngest = Math.ceil((world.aod - lead.ad) / 365.25);
  const person = newPerson(world, rng, {
    role: 'visitor',
    citizenship: p.citizenship,
    sex: spouse ? (p.sex === 'M' ? 'F' : 'M') : undefined,
    age: spouse
      ? [Math.max(24, youngest + 18), Math.max(62, youngest + 40)]
      : [youngest, Math.max(17, youngest + 2)],
    familyOf: spouse && WIVES_KEEP_NAME.includes(p.name.culture) ? undefined : p.name,
    familyKey,
    culture: p.name.culture,
  });
  const life = newLife(person);
  const ctx: PlanCtx = { world, life, rng };
  admit(ctx, {
    cls: DEPENDENT_CLASS[lead.cls] ?? lead.cls,
    ad: lead.ad,
    aud: lead.aud,
    mode: lead.mode,
    port: lead.port,
    dep: lead.departure?.day ?? null,
    depMode: lead.departure?.mode,
    scenario: `${principal.def.name}:DEPENDENT`,
    intended: lead.intended,
  });
  assignVisas(ctx);
  life.usSince = principal.life.usSince;
  consequences(ctx, assessLife(world, life), principal.def);
  return { life, ctx, def: principal.def };
}

export function family(
  world: World,
  rng: Rng,
  budget: Budget,
  index: number,
  forced?: ScenarioDef,
): void {
  const principal = live(world, rng, forced ?? rng.weighted(FAMILY_SCENARIOS));
  const lead = principal.life.admissions[principal.life.admissions.length - 1];
  const size = Math.min(budget.remaining + 1, rng.int(2, 5));
  const members: Lived[] = [principal];
  const familyKey = rng.int(0, 1_000_000);
  for (let i = 1; i < size && lead && spendOne(budget); i++)
    members.push(dependent(world, rng, principal, lead, i === 1, familyKey));
  const p = principal.life.person;
  settle(world, principal.life, rng);
  const home = p.address ?? undefined;
  for (const m of members.slice(1)) {
    settle(world, m.life, rng, {
      address: home,
      phone: rng.chance(0.6) ? (p.phone ?? undefined) : undefined,
    });
  }
  world.out.planted('families', {
    family_id: `F${index}`,
    scenario: principal.def.name,
    shared_address: home !== undefined,
    shared_family_name: members.some(
      (m, i) => i > 0 && m.life.person.name.family[0] === p.name.family[0],
    ),
    members: members.map((m, i) => ({
      true_person_id: m.life.person.id,
      relation: i === 0 ? 'principal' : i === 1 ? 'spouse' : 'child',
    })),
  });
  const violators = members.filter((m) => m.life.tags.has('violator')).map((m) => m.life.person.id);
  if (violators.length > 1 && home) {
    world.out.planted('deconfliction_overlaps', {
      kind: 'family_shared_address',
      persons: violators,
      value: formatAddress(home),
      context: `family F${index}`,
    });
  }
  finish(world, rng, members, budget);
}
