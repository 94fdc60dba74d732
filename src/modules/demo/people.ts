import { addYears, type Day } from './dates';
import { COUNTRIES, METROS, country, type Culture } from './geo';
import type { Rng } from './rng';
import { makeName, type PersonName } from './names/name-factory';
import { asciiKey } from './names/latin';
import type { Sex } from './names/faker-pools';
import { makeAddress } from './places';
import type { Address, Passport, Person, PersonRole } from './types';
import type { World } from './world';

export interface NewPersonOptions {
  role: PersonRole;
  citizenship: string;
  sex?: Sex;
  /** Age range at the world's as-of date. */
  age: [number, number];
  /** Share this family name (spouse, child). */
  familyOf?: PersonName;
  familyKey?: number;
  /** Name culture when it differs from the citizenship's (naturalized U.S. citizens). */
  culture?: Culture;
  /** Foreign nationals carry passports; U.S. citizens in this world do not need one. */
  foreign?: boolean;
}

const ALL_ISO3 = Object.keys(COUNTRIES).filter((c) => c !== 'USA');

function birthDate(world: World, rng: Rng, [minAge, maxAge]: [number, number]): Day {
  const latest = addYears(world.aod, -minAge);
  const earliest = addYears(world.aod, -maxAge - 1) + 1;
  return rng.int(earliest, latest);
}

function passportsFor(
  world: World,
  rng: Rng,
  citizenship: string,
  hasOldSpelling: boolean,
  born: Day,
): Passport[] {
  const first: Passport = {
    number: world.ids.passport(citizenship),
    country: citizenship,
    issued: Math.max(born + 30, rng.int(addYears(world.start, -8), world.start - 30)),
    oldSpelling: hasOldSpelling,
  };
  const out = [first];
  // Renewed passports: a new number mid-history (and, for some, newer romanization rules).
  if (hasOldSpelling || rng.chance(0.1)) {
    out.push({
      number: world.ids.passport(citizenship),
      country: citizenship,
      issued: Math.max(born + 400, rng.int(world.start + 300, world.aod - 200)),
      oldSpelling: false,
    });
  }
  return out;
}

export function newPerson(world: World, rng: Rng, opts: NewPersonOptions): Person {
  const sex = opts.sex ?? (rng.chance(0.5) ? 'M' : 'F');
  const home = country(opts.citizenship);
  const culture = opts.familyOf?.culture ?? opts.culture ?? home.culture;
  const oldSpelling =
    (opts.foreign ?? true) && (culture === 'ru' || culture === 'uk') && rng.chance(0.25);
  const name = makeName(culture, sex, rng, {
    chinese: home.chinese,
    maghreb: home.maghreb,
    oldPassportStyle: oldSpelling,
    family: opts.familyOf,
    familyKey: opts.familyKey,
  });
  const foreign = opts.foreign ?? true;
  // A few are citizens of a country other than the one they were born in.
  const birthCountry = foreign && rng.chance(0.04) ? rng.pick(ALL_ISO3) : opts.citizenship;
  world.counters.persons++;
  const born = birthDate(world, rng, opts.age);
  return {
    id: world.newPersonId(),
    role: opts.role,
    name,
    sex,
    birthDate: born,
    birthCountry,
    citizenship: opts.citizenship,
    passports: foreign
      ? passportsFor(world, rng, opts.citizenship, oldSpelling && name.oldPassport !== null, born)
      : [],
    fin: null,
    aNumber: null,
    ssn: null,
    phone: null,
    email: null,
    address: null,
    employer: null,
  };
}

/** Whole years of age on a day. */
export function ageOn(person: Person, day: Day): number {
  return Math.floor((day - person.birthDate) / 365.25);
}

/** Make sure someone who travelled alone was an adult (at least `minAge`) on their first trip. */
export function adultOnFirstTrip(person: Person, firstTrip: Day, minAge: number, rng: Rng): void {
  const latestBirth = addYears(firstTrip, -minAge);
  if (person.birthDate > latestBirth) person.birthDate = latestBirth - rng.int(0, 3 * 365);
}

/** Index of the passport in use on a day (the latest issued on or before it). */
export function passportOn(person: Person, day: Day): number {
  let idx = 0;
  person.passports.forEach((p, i) => {
    if (p.issued <= day) idx = i;
  });
  return idx;
}

const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

export function giveEmail(person: Person, rng: Rng): string {
  const first = asciiKey(person.name.popularFirst || person.name.family[0] || 'x').toLowerCase();
  const last = asciiKey(person.name.popularFamily || 'x').toLowerCase();
  const year = String(1970 + Math.floor(person.birthDate / 365.25)).slice(2);
  const local = rng.pick([
    `${first}.${last}`,
    `${first}${last}${year}`,
    `${first[0] ?? 'x'}${last}${rng.int(1, 999)}`,
    `${last}.${first}${rng.int(1, 99)}`,
  ]);
  return `${local}@${rng.pick(EMAIL_DOMAINS)}`;
}

/** Give a person a U.S. phone (fictional range) and e-mail if they have none yet. */
export function giveContact(world: World, person: Person, rng: Rng, address: Address): void {
  if (!person.phone) {
    person.phone = world.ids.usPhone(address.metro.areaCodes);
    world.phones.add(person.phone);
  }
  if (!person.email && rng.chance(0.7)) person.email = giveEmail(person, rng);
}

/** Settle a person at an address (a random one if none is given) with phone and e-mail. */
export function homeIn(world: World, person: Person, rng: Rng, address?: Address): Address {
  const a = address ?? person.address ?? makeAddress(rng, rng.pick(METROS));
  person.address = a;
  giveContact(world, person, rng, a);
  return a;
}
