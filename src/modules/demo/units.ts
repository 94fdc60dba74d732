import { emitCalls, nextLegalProcessRef } from './cdr';
import { family } from './families';
import { COUNTRY_MIX, METROS } from './geo';
import { formatAddress } from './places';
import { settle } from './lives';
import { Rng } from './rng';
import { SCENARIOS, SCENARIO_WEIGHTS, VIOLATOR_SCENARIOS, type ScenarioDef } from './scenarios';
import type { Budget } from './social';
import { finish, live, spendOne, type Lived } from './unit-life';
import type { World } from './world';

// Units of the world: a single traveler, a family travelling together, a ring of violators
// who phone each other, or two unrelated violators who share an address or a phone (a
// de-confliction overlap). The first units walk through every scenario once, so even a
// small world holds every planted case.

export type UnitKind = 'single' | 'family' | 'ring' | 'overlap';

function single(world: World, rng: Rng, budget: Budget, forced?: ScenarioDef): void {
  const lived = live(world, rng, forced ?? rng.weighted(SCENARIO_WEIGHTS));
  settle(world, lived.life, rng);
  finish(world, rng, [lived], budget);
}

const RING_SCENARIOS = VIOLATOR_SCENARIOS.filter((s) => s.value.planner !== 'vwp');

function ring(world: World, rng: Rng, budget: Budget, index: number): void {
  const cit = rng.weighted(COUNTRY_MIX.visaVisitor);
  const metro = rng.pick(METROS); // a ring lives in one city
  const size = Math.min(budget.remaining + 1, rng.int(4, 6));
  const members: Lived[] = [live(world, rng, rng.weighted(RING_SCENARIOS), cit)];
  while (members.length < size && spendOne(budget))
    members.push(live(world, rng, rng.weighted(RING_SCENARIOS), cit));
  members.forEach((m, i) => {
    m.life.usSince ??= m.life.admissions[0]?.ad ?? world.aod - 400;
    const prev = members[i - 1]?.life.person;
    const roommates = prev?.address && rng.chance(0.4);
    settle(world, m.life, rng, {
      metro,
      address: roommates ? (prev.address ?? undefined) : undefined,
    });
    if (roommates && prev?.address)
      world.out.planted('deconfliction_overlaps', {
        kind: 'shared_address',
        persons: [prev.id, m.life.person.id],
        value: formatAddress(prev.address),
        context: `call ring R${index}`,
      });
    m.life.tags.add('call_ring');
  });
  finish(world, rng, members, budget);
  const targets = members
    .map((m) => ({ phone: m.life.person.phone ?? '', personId: m.life.person.id }))
    .filter((t) => t.phone);
  const ref = nextLegalProcessRef(world, rng);
  const contacts = members.map((m) => m.life.person.employer?.phone ?? '').filter(Boolean);
  const rows = emitCalls(
    world,
    rng,
    ref,
    targets,
    contacts,
    [world.aod - 180, world.aod - 1],
    [2, 10],
  );
  world.out.planted('call_rings', {
    ring_id: `R${index}`,
    kind: 'ring',
    legal_process_ref: ref,
    cdr_rows: rows,
    members: targets.map((t) => ({ true_person_id: t.personId, phone: t.phone })),
  });
}

function overlap(world: World, rng: Rng, budget: Budget): void {
  const a = live(world, rng, rng.weighted(VIOLATOR_SCENARIOS));
  a.life.usSince ??= a.life.admissions[0]?.ad ?? world.aod - 400;
  settle(world, a.life, rng);
  if (!spendOne(budget)) return finish(world, rng, [a], budget);
  const b = live(world, rng, rng.weighted(VIOLATOR_SCENARIOS));
  b.life.usSince ??= b.life.admissions[0]?.ad ?? world.aod - 400;
  const byPhone = rng.chance(0.5);
  const pa = a.life.person;
  settle(
    world,
    b.life,
    rng,
    byPhone ? { phone: pa.phone ?? undefined } : { address: pa.address ?? undefined },
  );
  world.out.planted('deconfliction_overlaps', {
    kind: byPhone ? 'shared_phone' : 'shared_address',
    persons: [pa.id, b.life.person.id],
    context: 'unrelated violators',
    value: byPhone ? pa.phone : pa.address ? formatAddress(pa.address) : null,
  });
  finish(world, rng, [a, b], budget);
}

/** Build unit number `index`, creating at most `remaining` persons. */
export function runUnit(world: World, index: number, remaining: number): void {
  const rng = Rng.derive(world.seed, 'unit', index);
  const budget: Budget = { remaining: remaining - 1 };
  const n = SCENARIOS.length;
  if (index < n) return single(world, rng, budget, SCENARIOS[index]);
  const kind: UnitKind =
    index === n
      ? 'family'
      : index === n + 1
        ? 'ring'
        : index === n + 2
          ? 'overlap'
          : rng.weighted([
              { value: 'single', weight: 88 },
              { value: 'family', weight: 9 },
              { value: 'ring', weight: 0.2 },
              { value: 'overlap', weight: 0.4 },
            ] as const);
  if (kind === 'family' && remaining >= 2)
    return family(
      world,
      rng,
      budget,
      index,
      index === n ? SCENARIOS.find((s) => s.name === 'B_IN_COUNTRY_OVERSTAY') : undefined,
    );
  if (kind === 'ring' && remaining >= 3) return ring(world, rng, budget, index);
  if (kind === 'overlap' && remaining >= 2) return overlap(world, rng, budget);
  return single(world, rng, budget);
}
