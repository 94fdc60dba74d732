import type { Day } from './dates';
import type { StatusClass } from './types';

// A small, deliberately plain reading of domain/status-rules.md, used to write the expected
// class of every admission into ground-truth/status.csv. It is a cross-check on the status
// module and on the generator (which also records what each scenario meant to produce), so
// it works from the records as written, with true identities in place of entity resolution.

export interface OracleAdmission {
  admissionNumber: string;
  cls: string;
  ad: Day;
  aud: Day | null;
  mode: 'air' | 'sea' | 'land';
  citizenship: string;
  sevisId: string | null;
}
export interface OracleDeparture {
  day: Day;
  admissionNumber: string | null;
}
export interface OracleSevisRow {
  sevisId: string;
  status: string;
  statusDate: Day;
  terminationReason: string;
  programEnd: Day;
  optEnd: Day | null;
}
export interface OracleClaim {
  form: string;
  admissionNumber: string | null;
  requestedClass: string;
  received: Day;
  status: string;
  decision: Day | null;
  approvedUntil: Day | null;
}
export interface OraclePerson {
  admissions: OracleAdmission[];
  departures: OracleDeparture[];
  sevis: OracleSevisRow[];
  claims: OracleClaim[];
}
export interface OracleResult {
  cls: StatusClass;
  aed: Day | null;
  overstayDays: number;
  flags: string[];
}

export const ORACLE_CONFIG = {
  outOfScopePrefixes: ['A', 'G', 'C', 'D'],
  vwpDerivedDays: 89,
  f1GraceDays: 60,
  j1GraceDays: 30,
  earlyWithdrawalDays: 15,
  workerGraceDays: 60,
  h1bPendingWorkDays: 240,
};

const VIOLATION_REASONS = new Set([
  'Unauthorized Withdrawal',
  'Unauthorized Employment',
  'Failure to Enroll',
  'No Show',
  'Otherwise Failing to Maintain Status',
]);
const WORKER_PREFIXES = ['H', 'L', 'O', 'E', 'TN'];
const isVwp = (cls: string) => cls === 'WT' || cls === 'WB';
// A-1, G-4, C-1, D …: the letter followed by at most a digit (so that e.g. "CW1" is not caught).
const OUT_OF_SCOPE = new RegExp(`^(${ORACLE_CONFIG.outOfScopePrefixes.join('|')})\\d?$`);
const isOutOfScope = (cls: string) => OUT_OF_SCOPE.test(cls);
const isWorker = (cls: string) =>
  WORKER_PREFIXES.some((p) => cls.startsWith(p)) && cls !== 'H4' && cls !== 'L2';

/** Rule 2: admission_number first, then each departure closes the latest earlier open admission. */
export function matchDepartures(p: OraclePerson, aod: Day): Map<string, Day> {
  const closed = new Map<string, Day>();
  const deps = p.departures.filter((d) => d.day <= aod).sort((a, b) => a.day - b.day);
  const known = new Set(p.admissions.map((a) => a.admissionNumber));
  for (const d of deps) {
    if (d.admissionNumber && known.has(d.admissionNumber) && !closed.has(d.admissionNumber))
      closed.set(d.admissionNumber, d.day);
  }
  for (const d of deps) {
    if (d.admissionNumber && known.has(d.admissionNumber)) continue;
    const open = p.admissions
      .filter((a) => a.ad <= d.day && a.ad <= aod && !closed.has(a.admissionNumber))
      .sort((a, b) => b.ad - a.ad)[0];
    if (open) closed.set(open.admissionNumber, d.day);
  }
  return closed;
}

function latestSevis(
  p: OraclePerson,
  sevisId: string,
  aod: Day,
): { last: OracleSevisRow | null; optEnd: Day | null } {
  const rows = p.sevis.filter((r) => r.sevisId === sevisId && r.statusDate <= aod);
  let last: OracleSevisRow | null = null;
  let optEnd: Day | null = null;
  for (const r of rows) {
    if (!last || r.statusDate >= last.statusDate) last = r;
    if (r.optEnd !== null && (optEnd === null || r.optEnd > optEnd)) optEnd = r.optEnd;
  }
  return { last, optEnd };
}

interface Base {
  aed: Day;
  statusEnd: Day | null;
  outOfScope: boolean;
  dataError: boolean;
}

/** Section 3: the authorized end date before benefit applications are considered. */
function baseAed(a: OracleAdmission, p: OraclePerson, aod: Day): Base {
  const c = ORACLE_CONFIG;
  if (isVwp(a.cls)) {
    const cap = a.ad + c.vwpDerivedDays;
    return {
      aed: a.aud === null ? cap : Math.min(a.aud, cap),
      statusEnd: null,
      outOfScope: false,
      dataError: a.aud === null,
    };
  }
  const student = a.cls === 'F1' || a.cls === 'J1' || a.cls === 'M1';
  if (!student || !a.sevisId)
    return { aed: a.aud ?? aod, statusEnd: null, outOfScope: false, dataError: a.aud === null };
  const { last, optEnd } = latestSevis(p, a.sevisId, aod);
  if (!last)
    return { aed: a.aud ?? aod, statusEnd: null, outOfScope: false, dataError: a.aud === null };
  const reason = last.terminationReason;
  if (last.status === 'TERMINATED' && reason === 'Death')
    return { aed: last.statusDate, statusEnd: null, outOfScope: true, dataError: false };
  // A record cancelled or terminated before registration, with an entry on file, counts as a termination.
  const violated =
    (last.status === 'TERMINATED' && VIOLATION_REASONS.has(reason)) || last.status === 'CANCELED';
  if (violated)
    return {
      aed: last.statusDate,
      statusEnd: a.cls === 'M1' ? last.statusDate : null,
      outOfScope: false,
      dataError: false,
    };
  if (last.status === 'TERMINATED' && reason === 'Authorized Early Withdrawal') {
    return {
      aed: a.cls === 'F1' ? last.statusDate + c.earlyWithdrawalDays : last.statusDate,
      statusEnd: null,
      outOfScope: false,
      dataError: false,
    };
  }
  if (a.cls === 'M1')
    return {
      aed: a.aud ?? last.programEnd,
      statusEnd: null,
      outOfScope: false,
      dataError: a.aud === null,
    };
  const end = Math.max(last.programEnd, optEnd ?? last.programEnd);
  return {
    aed: end + (a.cls === 'F1' ? c.f1GraceDays : c.j1GraceDays),
    statusEnd: null,
    outOfScope: false,
    dataError: false,
  };
}

function flagsFor(cls: string, fixedDate: boolean, overstay: number, dataError: boolean): string[] {
  const flags: string[] = [];
  if (dataError) flags.push('DATA_ERROR');
  if (overstay >= 1 && isVwp(cls)) flags.push('VWP_INELIGIBLE');
  if (overstay >= 1 && !isVwp(cls) && fixedDate) flags.push('VISA_VOID_222G');
  return flags;
}

/** What is known about an admission while its benefit applications are applied. */
interface State {
  cls: string;
  aed: Day;
  aud: Day | null;
  statusEnd: Day | null;
  fixedDate: boolean;
  dataError: boolean;
}

function pendingH1bLapsed(c: OracleClaim, s: State, aod: Day): boolean {
  return (
    c.form === 'I-129' &&
    c.requestedClass === s.cls &&
    s.cls === 'H1B' &&
    s.aud !== null &&
    aod > s.aud + ORACLE_CONFIG.h1bPendingWorkDays
  );
}

/** Section 4 for one application: updates the state, or returns the class it decides. */
function applyClaim(c: OracleClaim, s: State, aod: Day, departed: boolean): OracleResult | null {
  const decided = c.decision !== null && c.decision <= aod ? c.status : 'PENDING';
  const timely = c.received <= s.aed;
  if (
    c.form === 'I-129' &&
    decided === 'WITHDRAWN' &&
    isWorker(s.cls) &&
    c.decision !== null &&
    s.aud !== null
  ) {
    s.statusEnd = Math.min(c.decision + ORACLE_CONFIG.workerGraceDays, s.aud);
    return null;
  }
  if (c.form !== 'I-485' && c.form !== 'I-539' && c.form !== 'I-129') return null;
  if (c.form !== 'I-485' && isVwp(s.cls)) return null; // Visa Waiver entrants cannot extend or change status.
  if (decided === 'PENDING' && !departed) {
    if (c.form === 'I-485' && !timely) {
      const days = c.received - s.aed;
      return {
        cls: 'OVERSTAY_ACCRUAL_STOPPED_AOS',
        aed: s.aed,
        overstayDays: days,
        flags: flagsFor(s.cls, s.fixedDate, days, s.dataError),
      };
    }
    if (!timely) return null;
    const flags: string[] = [];
    if (s.dataError) flags.push('DATA_ERROR');
    if (pendingH1bLapsed(c, s, aod)) flags.push('EMPLOYMENT_AUTH_LAPSED');
    return { cls: 'PENDING_BENEFIT', aed: s.aed, overstayDays: 0, flags };
  }
  if (decided === 'APPROVED' && c.approvedUntil !== null) {
    s.cls = c.requestedClass || s.cls;
    s.aed = c.approvedUntil;
    s.aud = c.approvedUntil;
    s.fixedDate = true;
  } else if (decided === 'DENIED' && timely && c.decision !== null) {
    s.aed = c.decision;
  }
  return null;
}

/** Classify one admission (sections 1, 3, 4 and 5). */
export function assessAdmission(
  a: OracleAdmission,
  p: OraclePerson,
  aod: Day,
  departures: Map<string, Day>,
): OracleResult {
  if (isOutOfScope(a.cls)) return { cls: 'OUT_OF_SCOPE', aed: null, overstayDays: 0, flags: [] };
  const dd = departures.get(a.admissionNumber) ?? null;
  if (dd === null && a.mode === 'land' && (a.citizenship === 'CAN' || a.citizenship === 'MEX')) {
    return { cls: 'INDETERMINATE_LAND', aed: null, overstayDays: 0, flags: [] };
  }
  const base = baseAed(a, p, aod);
  if (base.outOfScope) return { cls: 'OUT_OF_SCOPE', aed: null, overstayDays: 0, flags: [] };
  const state: State = {
    cls: a.cls,
    aed: base.aed,
    aud: a.aud,
    statusEnd: base.statusEnd,
    fixedDate: a.aud !== null,
    dataError: base.dataError,
  };
  const claims = p.claims
    .filter((c) => c.admissionNumber === a.admissionNumber && c.received <= aod)
    .sort((x, y) => x.received - y.received);
  for (const c of claims) {
    const decided = applyClaim(c, state, aod, dd !== null);
    if (decided) return decided;
  }
  return classify(state, dd, aod);
}

/** Section 5, plus the within-admit-period violation of section 3. */
function classify(s: State, dd: Day | null, aod: Day): OracleResult {
  const { cls, aed, aud, statusEnd, fixedDate, dataError } = s;
  if (dd !== null) {
    const over = Math.max(0, dd - aed);
    const c = over === 0 ? 'COMPLIANT_DEPARTURE' : 'OUT_OF_COUNTRY_OVERSTAY';
    return { cls: c, aed, overstayDays: over, flags: flagsFor(cls, fixedDate, over, dataError) };
  }
  if (statusEnd !== null && aud !== null && aod > statusEnd && aod <= aud) {
    return {
      cls: 'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD',
      aed,
      overstayDays: 0,
      flags: flagsFor(cls, fixedDate, 0, dataError),
    };
  }
  if (aod <= aed)
    return {
      cls: 'IN_STATUS',
      aed,
      overstayDays: 0,
      flags: flagsFor(cls, fixedDate, 0, dataError),
    };
  const over = aod - aed;
  return {
    cls: 'SUSPECTED_IN_COUNTRY_OVERSTAY',
    aed,
    overstayDays: over,
    flags: flagsFor(cls, fixedDate, over, dataError),
  };
}

/** Assess every admission of one person as of `aod`. */
export function assessPerson(p: OraclePerson, aod: Day): Map<string, OracleResult> {
  const departures = matchDepartures(p, aod);
  const out = new Map<string, OracleResult>();
  for (const a of p.admissions)
    if (a.ad <= aod) out.set(a.admissionNumber, assessAdmission(a, p, aod, departures));
  return out;
}
