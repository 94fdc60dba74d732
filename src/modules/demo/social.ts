import { addYears, type Day } from './dates';
import { day, identity } from './emit-common';
import { CANADA_LAND_PORTS, COUNTRY_MIX, METROS, MEXICO_LAND_PORTS, country } from './geo';
import { makeName } from './names/name-factory';
import { makeAddress } from './places';
import { emitResidentData } from './commercial';
import { emitCalls, nextLegalProcessRef } from './cdr';
import { newPerson, homeIn } from './people';
import type { Rng } from './rng';
import { emitTip, type TipKind } from './tips';
import type { Life, Person } from './types';
import type { World } from './world';

// The people around a subject: U.S.-citizen spouses, roommates and co-workers (who show up
// in commercial and public data), tipsters who call in, and phone toll records obtained
// by subpoena.

export interface Budget {
  remaining: number;
}

function spend(world: World, budget: Budget): boolean {
  if (budget.remaining <= 0) return false;
  budget.remaining--;
  return true;
}

/** A U.S. citizen's commercial and public footprint over the last few years. */
export function emitCitizenData(world: World, person: Person, rng: Rng, since?: Day): void {
  if (!person.address) return;
  const from = since ?? rng.int(addYears(world.aod, -6), addYears(world.aod, -1));
  emitResidentData(
    world,
    person,
    rng,
    [{ address: person.address, employer: person.employer, from, to: world.aod }],
    0.5,
  );
  if (rng.chance(0.06)) emitBorderTrips(world, person, rng, from);
}

/** Land-border trips of a U.S. citizen (TECS crossings with a U.S. passport). */
function emitBorderTrips(world: World, person: Person, rng: Rng, from: Day): void {
  if (!person.passports.length)
    person.passports.push({
      number: world.ids.passport('USA'),
      country: 'USA',
      issued: from - 400,
      oldSpelling: false,
    });
  const plate = world.ids.vehiclePlate();
  const port = rng.pick(rng.chance(0.5) ? CANADA_LAND_PORTS : MEXICO_LAND_PORTS);
  for (let i = rng.int(1, 3); i > 0; i--) {
    const out = rng.int(from, world.aod - 3);
    for (const [direction, when] of [
      ['OUTBOUND', out],
      ['INBOUND', out + rng.int(1, 3)],
    ] as const) {
      const x = identity(person, 'tecs', rng, 0);
      world.out.emit(
        'tecs',
        {
          record_type: 'CROSSING',
          event_date: day(when),
          family_name: x.family,
          given_name: x.given,
          birth_date: x.birthDate,
          citizenship_country: 'USA',
          passport_number: x.passportNumber,
          passport_country: 'USA',
          port,
          direction,
          conveyance: 'VEHICLE',
          vehicle_plate: plate,
        },
        [x.truth],
      );
    }
  }
}

/** A tip about someone who is not in any other record (a garbled or invented name). */
export function emitUnknownSubjectTip(world: World, rng: Rng): void {
  const cit = rng.weighted(COUNTRY_MIX.visaVisitor);
  const sex = rng.chance(0.5) ? 'M' : 'F';
  const metro = rng.pick(METROS);
  const ghost: Person = {
    id: '',
    role: 'visitor',
    name: makeName(country(cit).culture, sex, rng),
    sex,
    birthDate: world.aod - rng.int(20, 60) * 365,
    birthCountry: cit,
    citizenship: cit,
    passports: [],
    fin: null,
    aNumber: null,
    ssn: null,
    phone: null,
    email: null,
    address: makeAddress(rng, metro),
    employer: rng.chance(0.5) ? world.employers.pick(rng, metro) : null,
  };
  emitTip(world, rng, {
    kind: 'overstay',
    subject: ghost,
    tipster: null,
    received: rng.int(world.aod - 900, world.aod - 1),
  });
}

/** Attach an associate to a subject who lives in the U.S. (or none). */
export function maybeAssociate(world: World, life: Life, rng: Rng, budget: Budget): Person | null {
  const p = life.person;
  if (life.usSince === null || !p.address) return null;
  const spouse = life.tags.has('spouse_us_citizen');
  if (!spouse && !rng.chance(0.08)) return null;
  if (!spend(world, budget)) return null;
  const relation = spouse ? 'spouse' : rng.pick(['roommate', 'co-worker', 'relative'] as const);
  const sameName = relation === 'relative' || (spouse && rng.chance(0.4));
  const assoc = newPerson(world, rng, {
    role: 'associate',
    citizenship: 'USA',
    foreign: false,
    age: [22, 70],
    sex: spouse ? (p.sex === 'M' ? 'F' : 'M') : undefined,
    culture: sameName || rng.chance(0.4) ? p.name.culture : 'en',
    familyOf: sameName ? p.name : undefined,
  });
  const shared: string[] = [];
  if (relation !== 'co-worker') {
    homeIn(world, assoc, rng, p.address);
    shared.push('address');
    if (relation === 'spouse' && rng.chance(0.5) && p.phone) {
      assoc.phone = p.phone;
      shared.push('phone');
    }
  } else {
    homeIn(world, assoc, rng);
  }
  assoc.employer =
    relation === 'co-worker' || (spouse && rng.chance(0.5))
      ? (p.employer ?? world.employers.pick(rng, p.address.metro))
      : world.employers.pick(rng, assoc.address?.metro ?? p.address.metro);
  if (relation === 'co-worker' && p.employer) shared.push('employer');
  if (sameName) shared.push('family_name');
  assoc.ssn = world.ids.ssn();
  emitCitizenData(world, assoc, rng, relation === 'spouse' ? life.usSince : undefined);
  world.out.planted('associates', {
    true_person_id: assoc.id,
    of: p.id,
    relation,
    us_citizen: true,
    shared,
  });
  return assoc;
}

/** A tip about `life`'s person, from a new tipster, a known associate, or anonymous. */
export function maybeTip(
  world: World,
  life: Life,
  rng: Rng,
  budget: Budget,
  kind: TipKind,
  associates: readonly Person[],
  chance: number,
): void {
  if (!rng.chance(chance) || life.usSince === null) return;
  let tipster: Person | null = null;
  const r = rng.next();
  if (r < 0.25 && associates.length) tipster = rng.pick(associates);
  else if (r < 0.7 && spend(world, budget)) {
    tipster = newPerson(world, rng, {
      role: 'tipster',
      citizenship: 'USA',
      foreign: false,
      age: [20, 80],
      culture: rng.chance(0.7) ? 'en' : 'es',
    });
    homeIn(world, tipster, rng, undefined);
    emitCitizenData(world, tipster, rng);
  }
  const earliest = Math.max(life.usSince + 60, world.aod - 1200);
  if (earliest >= world.aod - 1) return;
  const school = kind === 'school' ? life.sevis[0]?.school : undefined;
  emitTip(world, rng, {
    kind,
    subject: life.person,
    subjectLife: life,
    school,
    tipster,
    received: rng.int(earliest, world.aod - 1),
  });
}

/** Toll records for a single subject (not part of a ring), e.g. after an arrest. */
export function maybeSubpoena(
  world: World,
  life: Life,
  rng: Rng,
  contacts: readonly string[],
): void {
  const p = life.person;
  if (
    !p.phone ||
    !life.tags.has('violator') ||
    !rng.chance(life.tags.has('enforcement') ? 0.3 : 0.02)
  )
    return;
  const ref = nextLegalProcessRef(world, rng);
  const rows = emitCalls(
    world,
    rng,
    ref,
    [{ phone: p.phone, personId: p.id }],
    contacts,
    [world.aod - 120, world.aod - 1],
    [0, 0],
  );
  world.out.planted('call_rings', {
    ring_id: null,
    kind: 'single_target',
    legal_process_ref: ref,
    members: [{ true_person_id: p.id, phone: p.phone }],
    cdr_rows: rows,
  });
}
