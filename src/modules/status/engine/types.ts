// Inputs are plain rows, shaped so a caller can stream one person at a time out of SQL
// (cast dates to text: every date is a `YYYY-MM-DD` string or null).

export interface AdmissionFact {
  admissionNumber: string;
  /** As on the I-94: B1, B2, WT, F1, H1B, ... (punctuation such as "H-1B" is tolerated). */
  classOfAdmission: string;
  admissionDate: string;
  /** Null means duration of status (D/S). */
  admitUntilDate: string | null;
  /** air | sea | land */
  mode: string | null;
  /** ISO 3166-1 alpha-3. */
  citizenshipCountry: string | null;
  passportNumber: string | null;
  sevisId: string | null;
  /** When known; a non-empty foil makes the person a visa holder for INA 222(g). */
  visaFoilNumber?: string | null;
}

export interface DepartureFact {
  recordId: string;
  admissionNumber: string | null;
  departureDate: string;
  passportNumber: string | null;
}

/** One row of a SEVIS record's history. */
export interface SevisEventFact {
  /** INITIAL | ACTIVE | COMPLETED | TERMINATED | CANCELED | DEACTIVATED */
  status: string;
  statusDate: string | null;
  terminationReason: string | null;
  programStartDate: string | null;
  programEndDate: string | null;
  /** null | POST_COMPLETION | STEM */
  optType: string | null;
  optStartDate: string | null;
  optEndDate: string | null;
  visaType: string | null;
}

export interface SevisRecordFact {
  sevisId: string;
  events: readonly SevisEventFact[];
}

export interface ClaimFact {
  receiptNumber: string;
  /** I-539, I-129, I-485, I-765, ... */
  formType: string;
  admissionNumber: string | null;
  requestedClass: string | null;
  receivedDate: string;
  /** PENDING | APPROVED | DENIED | WITHDRAWN */
  status: string;
  decisionDate: string | null;
  approvedUntilDate: string | null;
  /** I-129 extension for the same employer (the 240-day work rule). */
  sameEmployer?: boolean;
  /** I-129 H-1B cap petition requesting change of status (cap-gap). */
  capPetition?: boolean;
}

export interface SatisfactoryDepartureGrant {
  admissionNumber: string;
  days: number;
  grantedDate?: string | null;
}

export interface UnlawfulPresenceFinding {
  /** Null: applies to the admission the person was in on the finding date. */
  admissionNumber: string | null;
  findingDate: string;
}

/** End of a worker's (H, L, O, E, TN) employment, e.g. from an employer's notice. */
export interface EmploymentEnd {
  admissionNumber: string | null;
  endDate: string;
}

export interface PersonFacts {
  entityId: string;
  birthDate: string | null;
  admissions: readonly AdmissionFact[];
  departures: readonly DepartureFact[];
  sevisRecords: readonly SevisRecordFact[];
  claims: readonly ClaimFact[];
  satisfactoryDepartureGrants?: readonly SatisfactoryDepartureGrant[];
  unlawfulPresenceFindings?: readonly UnlawfulPresenceFinding[];
  employmentEnds?: readonly EmploymentEnd[];
}

export const ASSESSMENT_CLASSES = [
  'OUT_OF_SCOPE',
  'INDETERMINATE_LAND',
  'IN_STATUS',
  'PENDING_BENEFIT',
  'COMPLIANT_DEPARTURE',
  'OUT_OF_COUNTRY_OVERSTAY',
  'SUSPECTED_IN_COUNTRY_OVERSTAY',
  'OVERSTAY_ACCRUAL_STOPPED_AOS',
  'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD',
] as const;
export type AssessmentClass = (typeof ASSESSMENT_CLASSES)[number];

export const BAR_TIERS = ['NONE', 'THREE_YEAR', 'TEN_YEAR'] as const;
export type BarTier = (typeof BAR_TIERS)[number];

/** In the (alphabetical) order they appear in `Assessment.flags`. */
export const STATUS_FLAGS = [
  'DATA_ERROR',
  'EMPLOYMENT_AUTH_LAPSED',
  'VISA_VOID_222G',
  'VWP_INELIGIBLE',
] as const;
export type StatusFlag = (typeof STATUS_FLAGS)[number];

export interface RuleFired {
  code: string;
  text: string;
}

export interface Assessment {
  admissionNumber: string;
  entityId: string;
  class: AssessmentClass;
  /** As recorded on the admission (normalised: upper case, no punctuation). */
  classOfAdmission: string;
  /** The class actually evaluated: differs after an approved change of status. */
  evaluatedClass: string;
  citizenshipCountry: string | null;
  admissionDate: string;
  /** The admit-until date used (after any approved extension); null for D/S. */
  admitUntilDate: string | null;
  aed: string | null;
  /** Day status ended inside the admitted period (M-1 terminated, worker's job ended). */
  statusEndDate: string | null;
  departureDate: string | null;
  departureRecordId: string | null;
  overstayDays: number;
  unlawfulPresenceDays: number;
  barTier: BarTier;
  /** Sorted, shared and frozen: do not mutate. */
  flags: readonly StatusFlag[];
  rules: RuleFired[];
  asOf: string;
  configVersion: string;
}
