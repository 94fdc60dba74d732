import { day, identity } from './emit-common';
import { ensureFin, photoRef } from './emit-travel';
import { formatAddress } from './places';
import { country } from './geo';
import { titleCase } from './names/latin';
import type { Rng } from './rng';
import type { Life } from './types';
import type { World } from './world';

// Consular, student, benefit and enforcement records: CCD, SEVIS, CLAIMS, EID, and the
// IDENT encounters and TECS lookouts that go with them.

function identEncounter(
  world: World,
  life: Life,
  rng: Rng,
  when: number,
  type: string,
  location: string,
  passportIndex: number | null,
): void {
  const p = life.person;
  const id = identity(p, 'ident', rng, passportIndex);
  world.out.emit(
    'ident',
    {
      fin: ensureFin(world, life),
      encounter_date: day(when),
      encounter_type: type,
      family_name: id.family,
      given_name: id.given,
      birth_date: id.birthDate,
      citizenship_country: p.citizenship,
      sex: p.sex,
      a_number: p.aNumber ?? '',
      passport_number: id.passportNumber,
      photo_ref: photoRef(rng, when),
      location,
    },
    [id.truth],
  );
}

export function emitVisas(world: World, life: Life, rng: Rng): void {
  const p = life.person;
  for (const v of life.visas) {
    if (v.issued > world.aod) continue;
    const id = identity(p, 'ccd-visas', rng, v.passportIndex);
    world.out.emit(
      'ccd-visas',
      {
        visa_foil_number: v.foil,
        family_name: id.family,
        given_name: id.given,
        birth_date: id.birthDate,
        birth_country: p.birthCountry,
        citizenship_country: p.citizenship,
        sex: p.sex,
        passport_number: id.passportNumber,
        passport_country: id.passportCountry,
        visa_class: v.visaClass,
        issuance_date: v.status === 'REFUSED' ? '' : day(v.issued),
        expiration_date: v.status === 'REFUSED' ? '' : day(v.expires),
        issuing_post: v.post,
        entries: v.entries,
        status: v.status,
        revocation_date: day(v.revoked),
        revocation_reason: v.revocationReason,
      },
      [id.truth],
    );
    identEncounter(
      world,
      life,
      rng,
      v.issued - rng.int(3, 30),
      'VISA_APPLICATION',
      `CONSULATE ${v.post}`,
      v.passportIndex,
    );
  }
}

export function emitSevis(world: World, life: Life, rng: Rng): void {
  const p = life.person;
  for (const s of life.sevis) {
    for (const r of s.rows) {
      const id = identity(p, 'sevis', rng, null);
      world.out.emit(
        'sevis',
        {
          sevis_id: s.sevisId,
          family_name: id.family,
          given_name: id.given,
          birth_date: id.birthDate,
          birth_country: p.birthCountry,
          citizenship_country: p.citizenship,
          sex: p.sex,
          visa_type: s.visaType,
          status: r.status,
          status_date: day(r.statusDate),
          termination_reason: r.terminationReason,
          program_start_date: day(s.programStart),
          program_end_date: day(s.programEnd),
          opt_type: r.optType,
          opt_start_date: day(r.optStart),
          opt_end_date: day(r.optEnd),
          school_code: s.schoolCode,
          school_name: s.school.name,
          education_level: s.educationLevel,
          major: s.major,
          us_address: formatAddress(s.usAddress),
          dso_name: `${s.dso.person.name.popularFirst} ${s.dso.person.name.popularFamily}`,
          dso_id: s.dso.dsoId,
        },
        [id.truth, { personId: s.dso.person.id, role: 'dso', variations: [] }],
      );
    }
  }
}

export function emitClaims(world: World, life: Life, rng: Rng): void {
  const p = life.person;
  for (const c of life.claims) {
    if (c.received > world.aod) continue;
    const decided = c.decision !== null && c.decision <= world.aod;
    const id = identity(p, 'claims', rng, null);
    world.out.emit(
      'claims',
      {
        receipt_number: c.receipt,
        form_type: c.form,
        family_name: id.family,
        given_name: id.given,
        birth_date: id.birthDate,
        a_number:
          c.form === 'I-485' || c.form === 'I-765' || rng.chance(0.3) ? (p.aNumber ?? '') : '',
        admission_number: c.admissionNumber ?? '',
        requested_class: c.requestedClass,
        received_date: day(c.received),
        status: decided ? c.status : 'PENDING',
        decision_date: decided ? day(c.decision) : '',
        approved_until_date: decided && c.status === 'APPROVED' ? day(c.approvedUntil) : '',
      },
      [id.truth],
    );
    if (c.form === 'I-485' || c.form === 'I-539' || c.form === 'I-765') {
      const biometrics = Math.min(world.aod, c.received + rng.int(20, 60));
      identEncounter(world, life, rng, biometrics, 'BENEFIT', 'USCIS ASC', null);
    }
  }
}

export function emitEnforcement(world: World, life: Life, rng: Rng): void {
  const p = life.person;
  const passportIndex = p.passports.length ? p.passports.length - 1 : null;
  for (const e of life.enforcement) {
    if (e.day > world.aod) continue;
    const id = identity(p, 'eid', rng, passportIndex);
    world.out.emit(
      'eid',
      {
        event_type: e.type,
        event_date: day(e.day),
        a_number: p.aNumber ?? '',
        fin: ensureFin(world, life),
        family_name: id.family,
        given_name: id.given,
        birth_date: id.birthDate,
        citizenship_country: p.citizenship,
        sex: p.sex,
        passport_number: id.passportNumber,
        location: e.location,
        charge_code: e.chargeCode,
        charge_description: e.chargeDescription,
        disposition: e.disposition,
      },
      [id.truth],
    );
    if (e.type === 'ARREST' || (e.type === 'ENCOUNTER' && rng.chance(0.3)))
      identEncounter(world, life, rng, e.day, 'ENFORCEMENT', e.location, passportIndex);
  }
}

/** TECS lookouts: revoked visas, criminal convictions, absconders. */
export function emitLookouts(world: World, life: Life, rng: Rng): void {
  const p = life.person;
  const reasons: [string, string, number][] = [];
  for (const v of life.visas)
    if (v.status === 'REVOKED' && v.revoked !== null && rng.chance(0.6))
      reasons.push(['VISA REVOKED', v.revocationReason, v.revoked + rng.int(1, 20)]);
  const conviction = life.enforcement.find((e) => e.type === 'CONVICTION');
  if (conviction && rng.chance(0.7))
    reasons.push([
      'CRIMINAL HISTORY',
      `${conviction.chargeCode} ${conviction.chargeDescription}`,
      conviction.day + rng.int(5, 60),
    ]);
  const encounter = life.enforcement.find((e) => e.type === 'NTA_ISSUED');
  if (encounter && rng.chance(0.5))
    reasons.push([
      'IMMIGRATION VIOLATOR',
      'Subject of NTA; possible absconder',
      encounter.day + rng.int(1, 30),
    ]);
  for (const [category, reason, when] of reasons) {
    if (when > world.aod) continue;
    const x = identity(p, 'tecs', rng, p.passports.length ? p.passports.length - 1 : null);
    world.out.emit(
      'tecs',
      {
        record_type: 'LOOKOUT',
        event_date: day(when),
        family_name: x.family,
        given_name: x.given,
        birth_date: x.birthDate,
        citizenship_country: p.citizenship,
        passport_number: x.passportNumber,
        passport_country: x.passportCountry,
        lookout_category: category,
        lookout_reason: reason,
      },
      [x.truth],
    );
  }
}

const COMMODITIES = [
  'AUTO PARTS',
  'TEXTILES',
  'ELECTRONICS',
  'SEAFOOD',
  'FURNITURE',
  'MACHINERY',
  'COSMETICS',
  'CERAMIC TILE',
  'OLIVE OIL',
  'MEDICAL SUPPLIES',
];
const TRADE_SUFFIX = [
  'Trading Co., Ltd.',
  'Export S.A.',
  'Industrial GmbH',
  'Commerce Pvt. Ltd.',
  'Import-Export LLC',
];

/** Customs import/export filings (TECS) by treaty traders and some small businesses. */
export function emitTrade(world: World, life: Life, rng: Rng): void {
  const p = life.person;
  const trader = life.tags.has('trader');
  if (!trader && !(p.employer && life.working && rng.chance(0.01))) return;
  const from = life.usSince ?? life.admissions[0]?.ad ?? world.aod - 365;
  const posts = country(p.citizenship).posts;
  const counterparty = `${titleCase(rng.pick(posts.length ? posts : ['GLOBAL']))} ${rng.pick(TRADE_SUFFIX)}`;
  const n = rng.int(1, trader ? 6 : 2);
  for (let i = 0; i < n; i++) {
    const when = rng.int(Math.min(from + 30, world.aod - 1), world.aod - 1);
    const imported = rng.chance(0.75);
    const x = identity(p, 'tecs', rng, p.passports.length ? p.passports.length - 1 : null);
    world.out.emit(
      'tecs',
      {
        record_type: imported ? 'IMPORT' : 'EXPORT',
        event_date: day(when),
        family_name: x.family,
        given_name: x.given,
        birth_date: x.birthDate,
        citizenship_country: p.citizenship,
        passport_number: x.passportNumber,
        passport_country: x.passportCountry,
        port: rng.pick(['LGB', 'NYS', 'PEV', 'SEA', 'IAH']),
        direction: imported ? 'INBOUND' : 'OUTBOUND',
        conveyance: rng.pick(['VESSEL', 'AIR CARGO', 'TRUCK']),
        commodity: rng.pick(COMMODITIES),
        declared_value_usd: String(rng.int(2, 900) * 250),
        counterparty:
          p.employer && !trader ? `${counterparty} (for ${p.employer.name})` : counterparty,
      },
      [x.truth],
    );
  }
}
