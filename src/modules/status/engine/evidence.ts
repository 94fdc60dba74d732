import { parseDay } from './days';
import type { AdmissionEvidence } from './evaluation';
import type { DepartureMatches } from './match-departures';
import type {
  AdmissionFact,
  ClaimFact,
  EmploymentEnd,
  PersonFacts,
  SatisfactoryDepartureGrant,
  UnlawfulPresenceFinding,
} from './types';

// Hands each claim, finding, grant and employment end of a person to one admission.
// Records dated after the AOD are dropped here, so nothing later can see them.

const NO_EVIDENCE: AdmissionEvidence = Object.freeze({
  claims: undefined,
  findings: undefined,
  grants: undefined,
  employmentEnds: undefined,
});

interface Stays {
  admissions: readonly AdmissionFact[];
  admDays: readonly number[];
  matches: DepartureMatches;
}

function departureDayOf(stays: Stays, i: number): number {
  const j = stays.matches.departureOf[i]!;
  return j === -1 ? Infinity : stays.matches.departureDays[j]!;
}

/**
 * The admission a record belongs to. A record naming an admission number belongs to that
 * admission or to none (an unknown number, or an admission after the AOD: guessing by date
 * would let a later record change an earlier answer). A record naming none belongs to the
 * latest admission that began on or before its date and had not ended by a departure before it.
 */
function ownerOf(stays: Stays, admissionNumber: string | null, day: number): number {
  const { admissions, admDays } = stays;
  if (admissionNumber) return admissions.findIndex((a) => a.admissionNumber === admissionNumber);
  let best = -1;
  for (let i = 0; i < admissions.length; i++) {
    const ad = admDays[i]!;
    if (!(ad <= day) || departureDayOf(stays, i) < day) continue;
    if (best === -1 || ad > admDays[best]!) best = i;
  }
  return best;
}

function evidenceFor(out: AdmissionEvidence[], i: number): AdmissionEvidence {
  let ev = out[i]!;
  if (ev === NO_EVIDENCE) {
    ev = { claims: undefined, findings: undefined, grants: undefined, employmentEnds: undefined };
    out[i] = ev;
  }
  return ev;
}

interface Source<T> {
  numberOf: (t: T) => string | null;
  dateOf: (t: T) => string | null | undefined;
  /** Grants: must name their admission, and may be undated. */
  namedOnly?: boolean;
  push: (ev: AdmissionEvidence, t: T) => void;
}

// Module-level so a call allocates no closures.
const CLAIMS: Source<ClaimFact> = {
  numberOf: (c) => c.admissionNumber,
  dateOf: (c) => c.receivedDate,
  push: (ev, c) => (ev.claims ??= []).push(c),
};
const FINDINGS: Source<UnlawfulPresenceFinding> = {
  numberOf: (f) => f.admissionNumber,
  dateOf: (f) => f.findingDate,
  push: (ev, f) => (ev.findings ??= []).push(f),
};
const GRANTS: Source<SatisfactoryDepartureGrant> = {
  numberOf: (g) => g.admissionNumber,
  dateOf: (g) => g.grantedDate,
  namedOnly: true,
  push: (ev, g) => (ev.grants ??= []).push(g),
};
const EMPLOYMENT_ENDS: Source<EmploymentEnd> = {
  numberOf: (e) => e.admissionNumber,
  dateOf: (e) => e.endDate,
  push: (ev, e) => (ev.employmentEnds ??= []).push(e),
};

function attachAll<T>(
  stays: Stays,
  out: AdmissionEvidence[],
  items: readonly T[] | undefined,
  src: Source<T>,
  asOfDay: number,
): void {
  if (!items) return;
  for (const item of items) {
    const raw = src.dateOf(item);
    const day = parseDay(raw);
    if (day > asOfDay || (Number.isNaN(day) && !(src.namedOnly && !raw))) continue;
    const number = src.numberOf(item);
    const i = src.namedOnly && !number ? -1 : ownerOf(stays, number, day);
    if (i !== -1) src.push(evidenceFor(out, i), item);
  }
}

function byReceipt(a: ClaimFact, b: ClaimFact): number {
  return parseDay(a.receivedDate) - parseDay(b.receivedDate);
}

export function attachEvidence(
  facts: PersonFacts,
  admissions: readonly AdmissionFact[],
  admDays: readonly number[],
  matches: DepartureMatches,
  asOfDay: number,
): AdmissionEvidence[] {
  const out = new Array<AdmissionEvidence>(admissions.length).fill(NO_EVIDENCE);
  const hasAny =
    facts.claims.length > 0 ||
    (facts.unlawfulPresenceFindings?.length ?? 0) > 0 ||
    (facts.satisfactoryDepartureGrants?.length ?? 0) > 0 ||
    (facts.employmentEnds?.length ?? 0) > 0;
  if (!hasAny || admissions.length === 0) return out;
  const stays: Stays = { admissions, admDays, matches };
  attachAll(stays, out, facts.claims, CLAIMS, asOfDay);
  attachAll(stays, out, facts.unlawfulPresenceFindings, FINDINGS, asOfDay);
  attachAll(stays, out, facts.satisfactoryDepartureGrants, GRANTS, asOfDay);
  attachAll(stays, out, facts.employmentEnds, EMPLOYMENT_ENDS, asOfDay);
  for (const ev of out) if (ev.claims && ev.claims.length > 1) ev.claims.sort(byReceipt);
  return out;
}
