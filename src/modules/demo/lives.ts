import { formatDay, type Day } from './dates';
import { emitResidentData, residenceWindows, type Observation } from './commercial';
import {
  emitClaims,
  emitEnforcement,
  emitLookouts,
  emitSevis,
  emitTrade,
  emitVisas,
} from './emit-government';
import { emitTravel } from './emit-travel';
import { maybeEnforcement } from './enforcement';
import { planExchange, planVocational } from './exchange';
import { assessPerson, type OraclePerson, type OracleResult } from './oracle';
import { ageOn, giveContact } from './people';
import { makeAddress, otherMetro } from './places';
import type { PlanCtx } from './plan-utils';
import type { Rng } from './rng';
import { scenario, type ScenarioDef } from './scenarios';
import { METROS, type Metro } from './geo';
import { planStudent } from './students';
import { planLand, planOutOfScope } from './exempt-and-land';
import { planVisitor } from './travel';
import type { Address, Employer, Life, Person } from './types';
import { assignVisas, maybeRevoke } from './visas';
import { planWorker } from './workers';
import type { World } from './world';

// One person's life from plan to records: plan travel by scenario, issue visas, assess every
// admission with the oracle, let consequences follow (revocations, enforcement), settle the
// person somewhere, then write every record about them.

export function newLife(person: Person): Life {
  return {
    person,
    admissions: [],
    sevis: [],
    claims: [],
    visas: [],
    enforcement: [],
    usSince: null,
    working: false,
    tags: new Set(),
  };
}

export function planLife(world: World, life: Life, def: ScenarioDef, rng: Rng): PlanCtx {
  const ctx: PlanCtx = { world, life, rng };
  const cit = life.person.citizenship;
  switch (def.planner) {
    case 'visitor':
    case 'vwp':
      planVisitor(ctx, def.name);
      break;
    case 'student':
      planStudent(ctx, def.name, world.schools);
      break;
    case 'exchange':
      planExchange(ctx, def.name, world.schools);
      break;
    case 'vocational':
      planVocational(ctx, def.name, world.schools);
      break;
    case 'worker':
      planWorker(ctx, def.name, cit);
      break;
    case 'out_of_scope':
      planOutOfScope(ctx, def.name);
      break;
    case 'land':
      planLand(ctx, def.name, cit);
      break;
  }
  assignVisas(ctx);
  return ctx;
}

export function oracleInput(life: Life, aod: number): OraclePerson {
  return {
    admissions: life.admissions.map((a) => ({
      admissionNumber: a.admissionNumber,
      cls: a.cls,
      ad: a.ad,
      aud: a.aud,
      mode: a.mode,
      citizenship: life.person.citizenship,
      sevisId: a.sevisId,
    })),
    departures: life.admissions
      .filter((a) => a.departure !== null && a.departure.day <= aod)
      .map((a) => ({
        day: a.departure?.day ?? 0,
        admissionNumber: a.departure?.withAdmissionNumber ? a.admissionNumber : null,
      })),
    sevis: life.sevis.flatMap((s) =>
      s.rows.map((r) => ({
        sevisId: s.sevisId,
        status: r.status,
        statusDate: r.statusDate,
        terminationReason: r.terminationReason,
        programEnd: s.programEnd,
        optEnd: r.optEnd,
      })),
    ),
    claims: life.claims.map((c) => ({ ...c })),
  };
}

/** Assess every admission, write status ground truth, count disagreements with the plan. */
export function assessLife(world: World, life: Life): Map<string, OracleResult> {
  const results = assessPerson(oracleInput(life, world.aod), world.aod);
  const c = world.counters;
  for (const a of life.admissions) {
    const r = results.get(a.admissionNumber);
    if (!r) continue;
    c.classes.set(r.cls, (c.classes.get(r.cls) ?? 0) + 1);
    c.scenarios.set(a.scenario, (c.scenarios.get(a.scenario) ?? 0) + 1);
    if (r.cls !== a.intended) {
      c.oracleMismatches++;
      if (c.mismatchExamples.length < 20)
        c.mismatchExamples.push(
          `${a.scenario} ${a.admissionNumber}: planned ${a.intended}, oracle ${r.cls}`,
        );
    }
    world.out.writeStatus([
      a.admissionNumber,
      life.person.id,
      r.cls,
      a.scenario,
      r.aed === null ? '' : formatDay(r.aed),
      String(r.overstayDays),
      r.flags.join(';'),
    ]);
  }
  return results;
}

/** What follows a violation: visa revocations, enforcement, leads and traps in ground truth. */
export function consequences(
  ctx: PlanCtx,
  results: Map<string, OracleResult>,
  def: ScenarioDef,
): void {
  const { world, life, rng } = ctx;
  const last = life.admissions[life.admissions.length - 1];
  if (!last) return;
  const r = results.get(last.admissionNumber);
  if (!r) return;
  const violator =
    r.cls === 'SUSPECTED_IN_COUNTRY_OVERSTAY' || r.cls === 'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD';
  if ((violator || r.cls === 'OUT_OF_COUNTRY_OVERSTAY') && r.aed !== null && rng.chance(0.3)) {
    maybeRevoke(ctx, last, r.aed, last.aud === null || last.cls === 'M1' ? 'student' : 'overstay');
  }
  if (violator) {
    life.tags.add('violator');
    if (!life.tags.has('enforcement'))
      maybeEnforcement(
        ctx,
        Math.min(r.aed ?? last.ad, world.aod),
        r.cls === 'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD',
      );
    world.out.planted('expected_leads', {
      kind: r.cls === 'SUSPECTED_IN_COUNTRY_OVERSTAY' ? 'IN_COUNTRY_OVERSTAY' : 'STATUS_VIOLATION',
      true_person_id: life.person.id,
      admission_number: last.admissionNumber,
      expected_class: r.cls,
      scenario: last.scenario,
      overstay_days: r.overstayDays,
      school_code: life.sevis[0]?.schoolCode ?? null,
    });
    const sevis = life.sevis[0];
    if (sevis) world.schools.noteViolator(sevis.school, life.person.id);
  }
  if (life.tags.has('convicted'))
    for (const a of life.admissions) if (a.visaFoil) maybeRevoke(ctx, a, a.ad, 'prudential');
  const trap = scenario(def.name).trap;
  if (trap) {
    world.out.planted('lead_traps', {
      true_person_id: life.person.id,
      admission_number: last.admissionNumber,
      expected_class: r.cls,
      scenario: def.name,
      why: trap,
    });
  }
}

/** Give someone living in the U.S. an address, phone, e-mail, employer and SSN where fitting. */
export function settle(
  world: World,
  life: Life,
  rng: Rng,
  shared: { address?: Address; phone?: string; metro?: Metro } = {},
): void {
  const p = life.person;
  if (life.usSince === null) return;
  const address = p.address ?? shared.address ?? makeAddress(rng, shared.metro ?? rng.pick(METROS));
  p.address = address;
  // Children share the household's address but have no phone, employer or credit file.
  if (ageOn(p, world.aod) < 18) return;
  if (shared.phone && !p.phone) p.phone = shared.phone;
  giveContact(world, p, rng, address);
  if (life.working && !p.employer) {
    const school = life.sevis[0]?.school;
    const far = life.tags.has('employed_far_from_school') && school;
    p.employer = world.employers.pick(
      rng,
      far ? otherMetro(rng, school.address.metro) : address.metro,
    );
    // Students of a pay-to-stay school live where they work, states away from the school.
    if (far) p.address = makeAddress(rng, p.employer.address.metro);
  }
  const authorized =
    life.working && !life.tags.has('violator') && !life.tags.has('fraud_school_student');
  if (
    !p.ssn &&
    (authorized ||
      life.claims.some((c) => c.form === 'I-765' && c.status === 'APPROVED') ||
      rng.chance(0.05))
  )
    p.ssn = world.ids.ssn();
}

export function emitLife(world: World, life: Life, rng: Rng): void {
  const passports = life.person.passports;
  if (passports.length > 1) {
    world.out.planted('passport_renewals', {
      true_person_id: life.person.id,
      passports: passports.map((p) => ({
        number: p.number,
        country: p.country,
        issued: formatDay(p.issued),
        older_romanization: p.oldSpelling,
      })),
      name_spelling_changed: passports.some((p) => p.oldSpelling),
    });
  }
  emitVisas(world, life, rng);
  emitTravel(world, life, rng);
  emitSevis(world, life, rng);
  emitClaims(world, life, rng);
  emitEnforcement(world, life, rng);
  emitLookouts(world, life, rng);
  emitTrade(world, life, rng);
  const p = life.person;
  if (life.usSince !== null && p.address && ageOn(p, world.aod) >= 18) {
    const last = life.admissions[life.admissions.length - 1];
    const leftOn = last?.departure?.day ?? world.aod;
    const from = Math.min(life.usSince + rng.int(20, 90), world.aod);
    if (leftOn - from <= 30) return;
    const sevisAddress = life.sevis[0]?.usAddress;
    const far = life.tags.has('employed_far_from_school') && sevisAddress && leftOn - from > 120;
    const windows = far
      ? farFromSchool(sevisAddress, p.address, p.employer, from, leftOn, rng)
      : residenceWindows(world, rng, p.address, p.employer, from, leftOn);
    emitResidentData(world, p, rng, windows);
  }
}

/** First at the address the school reported, soon at the job states away. */
function farFromSchool(
  school: Address,
  home: Address,
  employer: Employer | null,
  from: Day,
  to: Day,
  rng: Rng,
): Observation[] {
  const moved = rng.int(from + 30, Math.min(from + 120, to - 60));
  return [
    { address: school, employer: null, from, to: moved },
    { address: home, employer, from: moved + 1, to },
  ];
}
