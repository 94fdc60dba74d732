import type { Day } from './dates';
import { day, identity } from './emit-common';
import { addressVariant, makeAddress } from './places';
import type { Rng } from './rng';
import type { Address, Employer, Person } from './types';
import type { World } from './world';

// Commercial data brokers and public records: where people live, their phones, e-mail,
// employers and (sometimes) SSNs, as observed over time. Names here are the ones people use
// day to day (nicknames, one surname, adopted English names).

export interface Observation {
  address: Address;
  employer: Employer | null;
  from: Day;
  to: Day;
}

function row(
  world: World,
  person: Person,
  rng: Rng,
  source: 'commercial' | 'public',
  obs: Observation,
  when: Day,
  full: boolean,
): void {
  const id = identity(person, source, rng, null);
  const variations = [...id.truth.variations];
  let addr = obs.address;
  if (rng.chance(source === 'public' ? 0.3 : 0.2)) {
    addr = addressVariant(addr, rng);
    variations.push('address_format');
  }
  const ssn = person.ssn && full && rng.chance(0.7) ? person.ssn : '';
  let birthDate = id.birthDate;
  if (source === 'public' && birthDate && rng.chance(0.3)) {
    // Court and property records often keep only the year (written as 1 January).
    birthDate = `${birthDate.slice(0, 4)}-01-01`;
    if (birthDate !== id.birthDate) variations.push('dob_partial');
  }
  world.out.emit(
    source,
    {
      given_name: id.given,
      middle_name: rng.chance(0.5) ? id.middle : id.middle.slice(0, 1),
      family_name: id.family,
      birth_date: birthDate,
      ssn,
      address_line1: addr.line1,
      address_line2: addr.line2,
      city: addr.city,
      state: addr.state,
      postal_code: addr.zip,
      country: 'USA',
      phone: full || rng.chance(0.3) ? (person.phone ?? '') : '',
      email: full && rng.chance(0.8) ? (person.email ?? '') : '',
      employer: obs.employer?.name ?? '',
      observed_date: day(when),
    },
    [{ ...id.truth, variations }],
  );
}

/**
 * Commercial rows (one to three sightings) across the observation windows, and now and then
 * a public record (court filing, property, business registration).
 */
export function emitResidentData(
  world: World,
  person: Person,
  rng: Rng,
  windows: readonly Observation[],
  publicChance = 0.35,
): void {
  for (const w of windows) {
    const to = Math.min(w.to, world.aod);
    if (to < w.from) continue;
    const sightings = rng.int(1, to - w.from > 365 ? 3 : 2);
    for (let i = 0; i < sightings; i++)
      row(world, person, rng, 'commercial', w, rng.int(w.from, to), true);
    if (rng.chance(publicChance)) row(world, person, rng, 'public', w, rng.int(w.from, to), false);
  }
}

/** Observation windows of someone living at `address` from `from` (moving once, sometimes). */
export function residenceWindows(
  world: World,
  rng: Rng,
  address: Address,
  employer: Employer | null,
  from: Day,
  to: Day,
): Observation[] {
  const end = Math.min(to, world.aod);
  if (end - from > 500 && rng.chance(0.3)) {
    const move = rng.int(from + 200, end - 100);
    return [
      { address: makeAddress(rng, address.metro), employer, from, to: move },
      { address, employer, from: move + 1, to: end },
    ];
  }
  return [{ address, employer, from, to: end }];
}
