import type { Day } from './dates';
import type { Metro } from './geo';
import type { PersonName } from './names/name-factory';
import type { Sex } from './names/faker-pools';

export type { Sex };

/** Status classes of domain/status-rules.md (exact names). */
export const STATUS_CLASSES = [
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
export type StatusClass = (typeof STATUS_CLASSES)[number];

export type Mode = 'air' | 'sea' | 'land';

export interface Address {
  readonly line1: string;
  readonly line2: string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
  readonly metro: Metro;
}

export interface Employer {
  readonly name: string;
  readonly address: Address;
  readonly phone: string;
}

export interface Passport {
  readonly number: string;
  readonly country: string;
  readonly issued: Day;
  /** Issued under older romanization rules (the name spelled as PersonName.oldPassport). */
  readonly oldSpelling: boolean;
}

export type PersonRole = 'visitor' | 'associate' | 'dso' | 'tipster';

export interface Person {
  readonly id: string;
  readonly role: PersonRole;
  readonly name: PersonName;
  readonly sex: Sex;
  birthDate: Day;
  readonly birthCountry: string;
  readonly citizenship: string;
  readonly passports: Passport[];
  fin: string | null;
  aNumber: string | null;
  ssn: string | null;
  phone: string | null;
  email: string | null;
  /** U.S. address while living in the United States. */
  address: Address | null;
  employer: Employer | null;
}

export interface Departure {
  readonly day: Day;
  readonly withAdmissionNumber: boolean;
  readonly port: string;
  readonly mode: Mode;
  readonly removal: boolean;
}

export interface Admission {
  readonly admissionNumber: string;
  cls: string;
  readonly ad: Day;
  aud: Day | null;
  readonly port: string;
  readonly mode: Mode;
  readonly passportIndex: number;
  sevisId: string | null;
  visaFoil: string | null;
  departure: Departure | null;
  scenario: string;
  /** The class the scenario meant to produce; the oracle must agree. */
  intended: StatusClass;
}

export type SevisStatus =
  'INITIAL' | 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | 'CANCELED' | 'DEACTIVATED';

export interface SevisRow {
  readonly status: SevisStatus;
  readonly statusDate: Day;
  readonly terminationReason: string;
  readonly optType: '' | 'POST_COMPLETION' | 'STEM';
  readonly optStart: Day | null;
  readonly optEnd: Day | null;
}

export interface School {
  readonly trueId: string;
  readonly codes: readonly string[];
  readonly name: string;
  readonly kind: 'university' | 'college' | 'language' | 'flight' | 'vocational';
  readonly address: Address;
  readonly fraudulent: boolean;
  readonly why: string;
  readonly dsos: Dso[];
  /** Addresses fraudulent schools put their students at. */
  readonly sharedAddresses: Address[];
}

export interface Dso {
  readonly person: Person;
  readonly dsoId: string;
}

export interface SevisRecord {
  readonly sevisId: string;
  readonly visaType: 'F1' | 'J1' | 'M1';
  readonly school: School;
  readonly schoolCode: string;
  readonly dso: Dso;
  readonly educationLevel: string;
  readonly major: string;
  readonly programStart: Day;
  readonly programEnd: Day;
  readonly usAddress: Address;
  readonly rows: SevisRow[];
}

export type ClaimStatus = 'PENDING' | 'APPROVED' | 'DENIED' | 'WITHDRAWN';

export interface Claim {
  readonly receipt: string;
  readonly form: 'I-539' | 'I-129' | 'I-485' | 'I-765';
  readonly admissionNumber: string | null;
  readonly requestedClass: string;
  readonly received: Day;
  readonly status: ClaimStatus;
  readonly decision: Day | null;
  readonly approvedUntil: Day | null;
}

export interface Visa {
  readonly foil: string;
  readonly visaClass: string;
  readonly issued: Day;
  readonly expires: Day;
  readonly post: string;
  readonly entries: string;
  status: 'ISSUED' | 'REFUSED' | 'REVOKED';
  revoked: Day | null;
  revocationReason: string;
  readonly passportIndex: number;
}

export type EnforcementType =
  'ENCOUNTER' | 'ARREST' | 'DETENTION' | 'RELEASE' | 'NTA_ISSUED' | 'REMOVAL' | 'CONVICTION';

export interface EnforcementEvent {
  readonly type: EnforcementType;
  readonly day: Day;
  readonly location: string;
  readonly chargeCode: string;
  readonly chargeDescription: string;
  readonly disposition: string;
}

/** Everything the world knows about one person, before it is written out as records. */
export interface Life {
  readonly person: Person;
  admissions: Admission[];
  sevis: SevisRecord[];
  claims: Claim[];
  visas: Visa[];
  enforcement: EnforcementEvent[];
  /** When the person began living in the U.S. (commercial data starts then), or null. */
  usSince: Day | null;
  /** Whether the person works (commercial data shows an employer). */
  working: boolean;
  /** Planted traits for ground truth (shared address, ring member, fraud school …). */
  tags: Set<string>;
}
