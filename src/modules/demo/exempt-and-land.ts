import { addYears } from './dates';
import { CANADA_LAND_PORTS, MEXICO_LAND_PORTS } from './geo';
import { admit, type PlanCtx } from './plan-utils';

// Travelers outside the measured population (A and G diplomats, C transit passengers, D
// crew) and Canadians and Mexicans entering by land, whose exits are mostly never recorded.

export function planOutOfScope(ctx: PlanCtx, name: string): void {
  const { world, rng } = ctx;
  const aod = world.aod;
  if (name === 'OOS_DIPLOMAT') {
    const ad = rng.int(world.start, aod - 30);
    const dep = rng.chance(0.5) ? Math.min(aod - 1, ad + rng.int(300, 1400)) : null;
    admit(ctx, {
      cls: rng.pick(['A1', 'A2', 'G4', 'G4', 'A1']),
      ad,
      aud: null,
      dep,
      scenario: name,
      intended: 'OUT_OF_SCOPE',
    });
    return;
  }
  const crew = name === 'OOS_CREW';
  const trips = 1 + rng.int(0, crew ? 4 : 1);
  let cursor = rng.int(world.start, aod - 400);
  for (let i = 0; i < trips && cursor < aod - 10; i++) {
    // Now and then a crew member or transit passenger never leaves: still outside the measure.
    const dep = rng.chance(0.12) && i === trips - 1 ? null : cursor + rng.int(1, 5);
    admit(ctx, {
      cls: crew ? 'D' : 'C1',
      ad: cursor,
      aud: cursor + 28,
      dep,
      scenario: name,
      intended: 'OUT_OF_SCOPE',
      mode: crew && rng.chance(0.5) ? 'sea' : 'air',
    });
    cursor += rng.int(20, 200);
  }
}

export function planLand(ctx: PlanCtx, name: string, citizenship: string): void {
  const { world, rng } = ctx;
  const aod = world.aod;
  const canada = citizenship === 'CAN';
  const port = () => rng.pick(canada ? CANADA_LAND_PORTS : MEXICO_LAND_PORTS);
  if (name === 'LAND_TN_NO_EXIT') {
    const ad = rng.int(world.start + 30, aod - 30);
    admit(ctx, {
      cls: 'TN',
      ad,
      aud: addYears(ad, 3) - 1,
      mode: 'land',
      port: port(),
      scenario: name,
      intended: 'INDETERMINATE_LAND',
    });
    ctx.life.working = true;
    ctx.life.usSince = ad;
    return;
  }
  // Mexican Border Crossing Card holders get a 30-day I-94; Canadians are admitted for six months.
  const allowance = canada ? 182 : 29;
  const trips = 1 + rng.int(0, 2);
  let cursor = rng.int(world.start + 30, aod - 200);
  for (let i = 0; i < trips; i++) {
    const exit = name === 'LAND_WITH_EXIT';
    const dep = exit ? cursor + rng.int(2, Math.min(allowance - 1, 25)) : null;
    admit(ctx, {
      cls: 'B2',
      ad: cursor,
      aud: cursor + allowance,
      mode: 'land',
      port: port(),
      dep,
      depMode: exit && rng.chance(0.5) ? 'land' : 'air',
      scenario: name,
      intended: exit ? 'COMPLIANT_DEPARTURE' : 'INDETERMINATE_LAND',
    });
    cursor += rng.int(30, 200);
    if (cursor > aod - 40) break;
  }
}
