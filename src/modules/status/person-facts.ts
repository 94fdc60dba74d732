import type {
  AdmissionFact,
  ClaimFact,
  DepartureFact,
  EmploymentEnd,
  EnforcementEventType,
  PersonFacts,
  SevisEventFact,
  SevisRecordFact,
} from './engine';
import { ENFORCEMENT_EVENT_TYPES } from './engine';
import type { PersonRows } from './fact-merge';
import type { AdmissionRow, DepartureRow, RawTravelRow, SevisRow } from './facts.repo';

// Turns one person's rows into the engine's inputs. Pure.
//
// Employment ends come from employers' withdrawn I-129 petitions (an employer withdraws the
// petition when the job ends, 8 CFR 214.2(h)(11)); the withdrawal date is the end date.
// Not yet fed by any source (the engine supports them; see docs/status.md "Known gaps"):
// satisfactory departure grants, formal unlawful-presence findings, and the I-129
// same-employer / cap-petition markers on claims.

export interface Travel {
  admissions: AdmissionRow[];
  departures: DepartureRow[];
}

/**
 * Admissions and departures out of the travel stream. An admission repeats once per departure
 * naming it (rows of one admission are adjacent); a departure repeats when two admissions carry
 * its number (a data error): each is kept once.
 */
const orNull = (s: string | undefined): string | null => (s ? s : null);

/** The admission part of a travel row (fields in TRAVEL_FIELDS order). */
function admissionOf(pk: string, f: string[]): AdmissionRow {
  return {
    pk,
    record_id: f[0]!,
    admission_number: orNull(f[1]),
    class_of_admission: orNull(f[2]),
    admission_date: orNull(f[3]),
    admit_until_date: orNull(f[4]),
    mode: orNull(f[5]),
    citizenship_country: orNull(f[6]),
    passport_number: orNull(f[7]),
    sevis_id: orNull(f[8]),
    visa_foil_number: orNull(f[9]),
    birth_date: orNull(f[10]),
  };
}

export function splitTravel(rows: readonly RawTravelRow[]): Travel {
  const admissions: AdmissionRow[] = [];
  const departures: DepartureRow[] = [];
  let lastAdmission = '';
  let seen: Set<string> | null = null;
  for (const row of rows) {
    const f = row.r.split('\x1f');
    const admission = f[0]!;
    if (admission !== '' && admission !== lastAdmission) {
      lastAdmission = admission;
      admissions.push(admissionOf(row.pk, f));
    }
    const dep = f[11]!;
    if (dep === '') continue;
    if (departures.length > 0) {
      seen ??= new Set(departures.map((d) => d.record_id));
      if (seen.has(dep)) continue;
      seen.add(dep);
    }
    departures.push({ record_id: dep, admission_number: orNull(f[12]), departure_date: f[13]!, passport_number: orNull(f[14]) });
  }
  return { admissions, departures };
}

function admissionFact(r: AdmissionRow): AdmissionFact {
  return {
    admissionNumber: r.admission_number ?? '',
    classOfAdmission: r.class_of_admission ?? '',
    admissionDate: r.admission_date ?? '',
    admitUntilDate: r.admit_until_date,
    mode: r.mode,
    citizenshipCountry: r.citizenship_country,
    passportNumber: r.passport_number,
    sevisId: r.sevis_id,
    visaFoilNumber: r.visa_foil_number,
  };
}

function sevisEvent(r: SevisRow): SevisEventFact {
  return {
    status: r.status ?? '',
    statusDate: r.status_date,
    terminationReason: r.termination_reason,
    programStartDate: r.program_start_date,
    programEndDate: r.program_end_date,
    optType: r.opt_type,
    optStartDate: r.opt_start_date,
    optEndDate: r.opt_end_date,
    visaType: r.visa_type,
  };
}

/** History rows arrive grouped by SEVIS ID, in history order (facts.repo.ts sorts them so). */
export function sevisRecords(rows: readonly SevisRow[]): SevisRecordFact[] {
  const out: SevisRecordFact[] = [];
  let current: { sevisId: string; events: SevisEventFact[] } | null = null;
  for (const r of rows) {
    const id = r.sevis_id ?? '';
    if (!current || current.sevisId !== id) {
      current = { sevisId: id, events: [] };
      out.push(current);
    }
    current.events.push(sevisEvent(r));
  }
  return out;
}

function claimFact(r: PersonRows['claims'][number]): ClaimFact {
  return {
    receiptNumber: r.receipt_number ?? '',
    formType: r.form_type ?? '',
    admissionNumber: r.admission_number,
    requestedClass: r.requested_class,
    receivedDate: r.received_date ?? '',
    status: r.status ?? '',
    decisionDate: r.decision_date,
    approvedUntilDate: r.approved_until_date,
  };
}

function departureFact(r: DepartureRow): DepartureFact {
  return {
    recordId: r.record_id,
    admissionNumber: r.admission_number,
    departureDate: r.departure_date,
    passportNumber: r.passport_number,
  };
}

function isWithdrawnPetition(c: PersonRows['claims'][number]): boolean {
  return (
    !!c.decision_date &&
    (c.status ?? '').toUpperCase() === 'WITHDRAWN' &&
    (c.form_type ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '') === 'I129'
  );
}

function employmentEnds(claims: PersonRows['claims']): EmploymentEnd[] {
  const out: EmploymentEnd[] = [];
  for (const c of claims) {
    if (isWithdrawnPetition(c)) out.push({ admissionNumber: c.admission_number, endDate: c.decision_date! });
  }
  return out;
}

export function toPersonFacts(p: PersonRows, t: Travel = splitTravel(p.travel)): PersonFacts {
  let birthDate: string | null = null;
  for (const a of t.admissions) {
    if (a.birth_date) {
      birthDate = a.birth_date;
      break;
    }
  }
  return {
    entityId: p.key,
    birthDate,
    admissions: t.admissions.map(admissionFact),
    departures: t.departures.map(departureFact),
    sevisRecords: p.sevis.length ? sevisRecords(p.sevis) : [],
    claims: p.claims.map(claimFact),
    // Always present (undefined when there are no claims): one object shape for every person.
    employmentEnds: p.claims.length ? employmentEnds(p.claims) : undefined,
  };
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(ENFORCEMENT_EVENT_TYPES);

/** The facts the risk score adds to the engine's own: EID events, revocations, lookouts, schools. */
export interface PersonRiskFacts {
  enforcementEvents: Partial<Record<EnforcementEventType, number>>;
  visaRevoked: boolean;
  lookouts: number;
  schoolCodes: string[];
  suspectSchoolLinks: number;
}

export function riskFacts(p: PersonRows, suspectSchools: ReadonlySet<string>): PersonRiskFacts {
  const enforcementEvents: Partial<Record<EnforcementEventType, number>> = {};
  for (const e of p.enforcement) {
    if (KNOWN_EVENTS.has(e.event_type)) enforcementEvents[e.event_type as EnforcementEventType] = e.n;
  }
  const schools = new Set<string>();
  for (const s of p.sevis) if (s.school_code) schools.add(s.school_code);
  let suspectSchoolLinks = 0;
  for (const code of schools) if (suspectSchools.has(code)) suspectSchoolLinks++;
  let lookouts = 0;
  for (const l of p.lookouts) lookouts += l.n;
  return {
    enforcementEvents,
    visaRevoked: p.revocations.some((r) => r.n > 0),
    lookouts,
    schoolCodes: [...schools].sort(),
    suspectSchoolLinks,
  };
}
