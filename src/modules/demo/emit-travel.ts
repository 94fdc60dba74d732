import { day, identity } from './emit-common';
import type { Rng } from './rng';
import type { Admission, Life } from './types';
import type { World } from './world';

// Border records: ADIS arrivals and departures, TECS land crossings, IDENT biometrics at
// entry. Departure dates after the as-of date never exist in this world.

function photoRef(rng: Rng, when: number): string {
  return `IMG-${day(when).slice(0, 4)}-${rng.hex(12).toUpperCase()}`;
}

function ensureFin(world: World, life: Life): string {
  if (!life.person.fin) life.person.fin = world.ids.fin();
  return life.person.fin;
}

function emitArrival(world: World, life: Life, a: Admission, rng: Rng): void {
  const p = life.person;
  const id = identity(p, 'adis-arrivals', rng, a.passportIndex);
  world.out.emit(
    'adis-arrivals',
    {
      admission_number: a.admissionNumber,
      family_name: id.family,
      given_name: id.given,
      birth_date: id.birthDate,
      sex: p.sex,
      citizenship_country: p.citizenship,
      passport_number: id.passportNumber,
      passport_country: id.passportCountry,
      class_of_admission: a.cls,
      admission_date: day(a.ad),
      admit_until_date: day(a.aud),
      port_of_entry: a.port,
      mode: a.mode,
      sevis_id: a.sevisId ?? '',
      visa_foil_number: a.visaFoil ?? '',
    },
    [id.truth],
  );
  // Biometrics at most air and sea entries (IDENT), and a crossing record for land entries (TECS).
  if (a.mode !== 'land' && rng.chance(0.7)) entryBiometrics(world, life, a, rng);
  if (a.mode === 'land') landCrossing(world, life, a, rng);
}

function entryBiometrics(world: World, life: Life, a: Admission, rng: Rng): void {
  const p = life.person;
  const bio = identity(p, 'ident', rng, a.passportIndex);
  world.out.emit(
    'ident',
    {
      fin: ensureFin(world, life),
      encounter_date: day(a.ad),
      encounter_type: 'ADMISSION',
      family_name: bio.family,
      given_name: bio.given,
      birth_date: bio.birthDate,
      citizenship_country: p.citizenship,
      sex: p.sex,
      a_number: p.aNumber ?? '',
      passport_number: bio.passportNumber,
      photo_ref: photoRef(rng, a.ad),
      location: `POE ${a.port}`,
    },
    [bio.truth],
  );
}

function landCrossing(world: World, life: Life, a: Admission, rng: Rng): void {
  const p = life.person;
  const x = identity(p, 'tecs', rng, a.passportIndex);
  world.out.emit(
    'tecs',
    {
      record_type: 'CROSSING',
      event_date: day(a.ad),
      family_name: x.family,
      given_name: x.given,
      birth_date: x.birthDate,
      citizenship_country: p.citizenship,
      passport_number: x.passportNumber,
      passport_country: x.passportCountry,
      port: a.port,
      direction: 'INBOUND',
      conveyance: rng.chance(0.75) ? 'VEHICLE' : 'PEDESTRIAN',
      vehicle_plate: rng.chance(0.75) ? world.ids.vehiclePlate() : '',
    },
    [x.truth],
  );
}

function emitDeparture(world: World, life: Life, a: Admission, rng: Rng): void {
  const d = a.departure;
  if (!d || d.day > world.aod) return;
  const p = life.person;
  const id = identity(p, 'adis-departures', rng, a.passportIndex);
  world.out.emit(
    'adis-departures',
    {
      admission_number: d.withAdmissionNumber ? a.admissionNumber : '',
      family_name: id.family,
      given_name: id.given,
      birth_date: id.birthDate,
      citizenship_country: p.citizenship,
      passport_number: id.passportNumber,
      departure_date: day(d.day),
      port: d.port,
      mode: d.mode,
    },
    [id.truth],
  );
  if (d.mode === 'land') {
    const x = identity(p, 'tecs', rng, a.passportIndex);
    world.out.emit(
      'tecs',
      {
        record_type: 'CROSSING',
        event_date: day(d.day),
        family_name: x.family,
        given_name: x.given,
        birth_date: x.birthDate,
        citizenship_country: p.citizenship,
        passport_number: x.passportNumber,
        passport_country: x.passportCountry,
        port: d.port,
        direction: 'OUTBOUND',
        conveyance: 'VEHICLE',
        vehicle_plate: world.ids.vehiclePlate(),
      },
      [x.truth],
    );
  }
}

export function emitTravel(world: World, life: Life, rng: Rng): void {
  if (life.admissions.length && !life.person.fin) ensureFin(world, life);
  for (const a of life.admissions) {
    if (a.ad > world.aod) continue;
    emitArrival(world, life, a, rng);
    emitDeparture(world, life, a, rng);
  }
}

export { photoRef, ensureFin };
