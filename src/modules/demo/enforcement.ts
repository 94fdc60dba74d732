import { METROS } from './geo';
import type { PlanCtx } from './plan-utils';
import type { Day } from './dates';
import type { EnforcementEvent } from './types';

// Enforcement history (EID/ENFORCE) for some violators: encounters, arrests, detention,
// charging documents, removals and the odd criminal conviction.

const CHARGES = [
  ['INA 237(a)(1)(B)', 'Remained longer than permitted (nonimmigrant overstay)'],
  ['INA 237(a)(1)(C)(i)', 'Failed to maintain nonimmigrant status'],
] as const;
const CRIMES = [
  ['VC 23152(a)', 'Driving under the influence', 'CONVICTED - 3 YEARS PROBATION'],
  ['PC 484(a)', 'Petty theft', 'CONVICTED - FINE'],
  [
    '18 USC 1546',
    'Fraud and misuse of visas, permits and other documents',
    'CONVICTED - 12 MONTHS',
  ],
  ['42 USC 408(a)(7)', 'Misuse of a Social Security number', 'CONVICTED - 6 MONTHS'],
  ['PC 273.5', 'Domestic battery', 'DISMISSED'],
  ['18 USC 1028', 'Identity document fraud', 'CONVICTED - 18 MONTHS'],
] as const;

function office(ctx: PlanCtx): string {
  const metro = ctx.life.person.address?.metro ?? ctx.rng.pick(METROS);
  return `ERO ${metro.city.toUpperCase()}, ${metro.state}`;
}

function ev(
  type: EnforcementEvent['type'],
  day: Day,
  location: string,
  charge: readonly string[] = ['', ''],
  disposition = '',
): EnforcementEvent {
  return {
    type,
    day,
    location,
    chargeCode: charge[0] ?? '',
    chargeDescription: charge[1] ?? '',
    disposition,
  };
}

/** An encounter that ends in removal on `removal` (the removal is also an ADIS departure). */
export function removalEvents(ctx: PlanCtx, encounter: Day, removal: Day): EnforcementEvent[] {
  const where = office(ctx);
  const charge = CHARGES[0];
  return [
    ev('ENCOUNTER', encounter, where, charge, 'AMENABLE TO REMOVAL'),
    ev('ARREST', encounter, where, charge, 'ARRESTED'),
    ev('DETENTION', encounter, `${where} PROCESSING CENTER`, charge, 'DETAINED'),
    ev('NTA_ISSUED', encounter + 2, where, charge, 'NTA SERVED'),
    ev('REMOVAL', removal, where, charge, 'REMOVED'),
  ];
}

/**
 * Some suspected violators still in the country have met enforcement: an encounter after the
 * end of their authorized stay, perhaps an arrest, detention, NTA and release on bond, and a
 * few a prior conviction. `after` is the day their status ended.
 */
export function maybeEnforcement(ctx: PlanCtx, after: Day, statusViolation: boolean): void {
  const { rng, world, life } = ctx;
  if (!rng.chance(0.14) || after + 40 >= world.aod - 5) return;
  const where = office(ctx);
  const charge = statusViolation ? CHARGES[1] : CHARGES[0];
  const encounter = rng.int(after + 40, world.aod - 5);
  const events: EnforcementEvent[] = [];
  if (rng.chance(0.25)) {
    const [code, desc, disp] = rng.pick(CRIMES);
    const convicted = Math.max(after + 1, encounter - rng.int(10, 200));
    events.push(
      ev(
        'CONVICTION',
        convicted,
        `${where.replace('ERO ', '')} SUPERIOR COURT`,
        [code, desc],
        disp,
      ),
    );
    life.tags.add('convicted');
  }
  events.push(ev('ENCOUNTER', encounter, where, charge, 'AMENABLE TO REMOVAL'));
  if (rng.chance(0.6)) {
    events.push(ev('ARREST', encounter, where, charge, 'ARRESTED'));
    events.push(ev('DETENTION', encounter, `${where} PROCESSING CENTER`, charge, 'DETAINED'));
    const nta = encounter + rng.int(1, 4);
    if (nta < world.aod) events.push(ev('NTA_ISSUED', nta, where, charge, 'NTA SERVED'));
    const release = encounter + rng.int(2, 30);
    if (release < world.aod)
      events.push(
        ev(
          'RELEASE',
          release,
          where,
          charge,
          rng.pick(['RELEASED ON BOND', 'RELEASED ON RECOGNIZANCE', 'ALTERNATIVES TO DETENTION']),
        ),
      );
  }
  events.sort((a, b) => a.day - b.day);
  life.enforcement.push(...events);
  life.tags.add('enforcement');
  if (!life.person.aNumber) life.person.aNumber = world.ids.aNumber();
}
