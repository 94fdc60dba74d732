import { formatDay } from './days';
import type { ClassInfo, CompiledConfig } from './compiled-config';
import type { SevisSummary } from './sevis';
import type {
  AdmissionFact,
  ClaimFact,
  DepartureFact,
  EmploymentEnd,
  PersonFacts,
  RuleFired,
  SatisfactoryDepartureGrant,
  StatusFlag,
  UnlawfulPresenceFinding,
} from './types';

/** Codes of the rules an assessment can record; the text carries the dates and numbers. */
export const RULE = {
  OUT_OF_SCOPE_CLASS: 'SCOPE_OUT_OF_SCOPE_CLASS',
  INDETERMINATE_LAND: 'SCOPE_INDETERMINATE_LAND',
  MATCH_ADMISSION_NUMBER: 'MATCH_BY_ADMISSION_NUMBER',
  MATCH_PERSON: 'MATCH_BY_PERSON',
  NO_DEPARTURE: 'MATCH_NO_DEPARTURE',
  LATER_ADMISSION: 'MATCH_LATER_ADMISSION_WITHOUT_DEPARTURE',
  AED_FIXED: 'AED_FIXED_DATE',
  AED_MISSING: 'AED_NOT_COMPUTABLE',
  AED_CLAMPED: 'AED_BEFORE_ADMISSION',
  AED_VWP: 'AED_VISA_WAIVER',
  AED_VWP_CAPPED: 'AED_VISA_WAIVER_CAPPED',
  AED_VWP_DERIVED: 'AED_VISA_WAIVER_DERIVED',
  SATISFACTORY_DEPARTURE: 'AED_SATISFACTORY_DEPARTURE',
  AED_F1: 'AED_F1_DURATION_OF_STATUS',
  AED_J1: 'AED_J1_DURATION_OF_STATUS',
  AED_M1_DERIVED: 'AED_M1_DERIVED',
  CAP_GAP: 'AED_CAP_GAP',
  SEVIS_PICK: 'SEVIS_RECORD_USED',
  SEVIS_VIOLATION: 'SEVIS_TERMINATION_VIOLATION',
  SEVIS_EARLY_WITHDRAWAL: 'SEVIS_TERMINATION_EARLY_WITHDRAWAL',
  SEVIS_CHANGE_OF_STATUS: 'SEVIS_TERMINATION_CHANGE_OF_STATUS',
  SEVIS_DEATH: 'SEVIS_TERMINATION_DEATH',
  STATUS_END: 'STATUS_ENDED_BEFORE_AUD',
  CLAIM_NO_EFFECT_VWP: 'CLAIM_VISA_WAIVER_NO_EFFECT',
  CLAIM_APPROVED_EXTENSION: 'CLAIM_APPROVED_EXTENSION',
  CLAIM_APPROVED_CHANGE: 'CLAIM_APPROVED_CHANGE_OF_STATUS',
  CLAIM_APPROVED_ADJUSTMENT: 'CLAIM_APPROVED_ADJUSTMENT',
  CLAIM_TIMELY_PENDING: 'CLAIM_TIMELY_PENDING',
  CLAIM_TIMELY_DENIED: 'CLAIM_TIMELY_DENIED',
  CLAIM_UNTIMELY: 'CLAIM_UNTIMELY_NO_EFFECT',
  CLAIM_AOS_AFTER_AED: 'CLAIM_AOS_AFTER_AED_PENDING',
  CLAIM_UNREADABLE: 'CLAIM_UNREADABLE',
  CLAIM_PENDING_AT_DEPARTURE: 'CLAIM_PENDING_AT_DEPARTURE',
  H1B_240_DAY: 'H1B_240_DAY_RULE',
  CLASSIFIED: 'CLASSIFICATION',
  UNLAWFUL_PRESENCE: 'UNLAWFUL_PRESENCE',
  UNDER_18: 'UNLAWFUL_PRESENCE_UNDER_18',
  BAR: 'BAR_TIER',
  FLAG_222G: 'FLAG_VISA_VOID_222G',
  FLAG_VWP: 'FLAG_VWP_INELIGIBLE',
  DATA: 'DATA_QUALITY',
} as const;

export const FLAG_DATA_ERROR = 1;
export const FLAG_EMPLOYMENT_AUTH_LAPSED = 2;
export const FLAG_VISA_VOID_222G = 4;
export const FLAG_VWP_INELIGIBLE = 8;

// One frozen, sorted array per combination, shared by every assessment: no allocation.
const FLAG_ARRAYS: readonly (readonly StatusFlag[])[] = Array.from({ length: 16 }, (_, mask) => {
  const out: StatusFlag[] = [];
  if (mask & FLAG_DATA_ERROR) out.push('DATA_ERROR');
  if (mask & FLAG_EMPLOYMENT_AUTH_LAPSED) out.push('EMPLOYMENT_AUTH_LAPSED');
  if (mask & FLAG_VISA_VOID_222G) out.push('VISA_VOID_222G');
  if (mask & FLAG_VWP_INELIGIBLE) out.push('VWP_INELIGIBLE');
  return Object.freeze(out);
});

export function flagArray(mask: number): readonly StatusFlag[] {
  return FLAG_ARRAYS[mask & 15]!;
}

/** Per-person state shared by the admissions of one `assessPerson` call. */
export interface PersonContext {
  cc: CompiledConfig;
  facts: PersonFacts;
  asOf: string;
  asOfDay: number;
  /** Day the person turns the minimum age (18); NaN when the birth date is unknown. */
  adultFromDay: number;
}

/** Evidence attached to one admission (records dated after the AOD already removed). */
export interface AdmissionEvidence {
  claims: ClaimFact[] | undefined;
  findings: UnlawfulPresenceFinding[] | undefined;
  grants: SatisfactoryDepartureGrant[] | undefined;
  employmentEnds: EmploymentEnd[] | undefined;
}

/** Mutable working state while one admission is evaluated. */
export interface Evaluation {
  adm: AdmissionFact;
  admDay: number;
  original: ClassInfo;
  info: ClassInfo;
  /** Current admit-until (after approved extensions); NaN when D/S or unreadable. */
  audDay: number;
  /** Current admission has no admit-until date at all (D/S). */
  ds: boolean;
  aedDay: number;
  statusEndDay: number;
  departure: DepartureFact | null;
  departureDay: number;
  evidence: AdmissionEvidence;
  sevis: SevisSummary | null;
  sevisLoaded: boolean;
  outOfScope: boolean;
  adjusted: boolean;
  awaitingChangeOfStatus: boolean;
  pendingTimelyDay: number;
  aosReceiptDay: number;
  h1bPendingExtension: boolean;
  /** Earliest later admission of the person when this one has no departure (NaN: none). */
  laterAdmissionDay: number;
  flags: number;
  rules: RuleFired[];
}

export function addRule(ev: Evaluation, code: string, text: string): void {
  ev.rules.push({ code, text });
}

export function dataError(ev: Evaluation, text: string): void {
  ev.flags |= FLAG_DATA_ERROR;
  ev.rules.push({ code: RULE.DATA, text });
}

/** A day for the rules text; "unknown" when missing. */
export function d(day: number): string {
  return Number.isFinite(day) ? formatDay(day) : 'unknown';
}

/** Pluralised day count for the rules text. */
export function n(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
