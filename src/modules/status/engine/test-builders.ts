import { assessPerson } from './assess-person';
import { DEFAULT_STATUS_CONFIG, type StatusConfig } from './status-config';
import type {
  AdmissionFact,
  Assessment,
  ClaimFact,
  DepartureFact,
  PersonFacts,
  SevisEventFact,
  SevisRecordFact,
} from './types';

// Small factories for tests: each test states only the fields it is about. Synthetic data.

let seq = 0;
const next = () => ++seq;

export function buildAdmission(overrides: Partial<AdmissionFact> = {}): AdmissionFact {
  return {
    admissionNumber: `9${String(next()).padStart(10, '0')}`,
    classOfAdmission: 'B2',
    admissionDate: '2025-01-10',
    admitUntilDate: '2025-07-09',
    mode: 'air',
    citizenshipCountry: 'BRA',
    passportNumber: 'P1234567',
    sevisId: null,
    ...overrides,
  };
}

export function buildDeparture(overrides: Partial<DepartureFact> = {}): DepartureFact {
  return {
    recordId: `DEP-${next()}`,
    admissionNumber: null,
    departureDate: '2025-03-01',
    passportNumber: 'P1234567',
    ...overrides,
  };
}

export function buildSevisEvent(overrides: Partial<SevisEventFact> = {}): SevisEventFact {
  return {
    status: 'ACTIVE',
    statusDate: '2024-08-20',
    terminationReason: null,
    programStartDate: '2024-08-25',
    programEndDate: '2025-05-15',
    optType: null,
    optStartDate: null,
    optEndDate: null,
    visaType: 'F1',
    ...overrides,
  };
}

export function buildSevisRecord(sevisId: string, events: SevisEventFact[]): SevisRecordFact {
  return { sevisId, events };
}

export function buildClaim(overrides: Partial<ClaimFact> = {}): ClaimFact {
  return {
    receiptNumber: `EAC${String(next()).padStart(10, '0')}`,
    formType: 'I-539',
    admissionNumber: null,
    requestedClass: null,
    receivedDate: '2025-06-01',
    status: 'PENDING',
    decisionDate: null,
    approvedUntilDate: null,
    ...overrides,
  };
}

export function buildPerson(overrides: Partial<PersonFacts> = {}): PersonFacts {
  return {
    entityId: `E-${next()}`,
    birthDate: '1990-04-02',
    admissions: [buildAdmission()],
    departures: [],
    sevisRecords: [],
    claims: [],
    ...overrides,
  };
}

const SEVIS = 'N0000000001';

/** A student: an F-1 (by default) admitted 2024-08-15 for D/S; program end 2025-05-15 → AED 2025-07-14. */
export function buildStudent(
  events: Partial<SevisEventFact>[] = [{}],
  adm: Partial<AdmissionFact> = {},
  extra: Partial<PersonFacts> = {},
): PersonFacts {
  const visaType = adm.classOfAdmission ?? 'F1';
  return buildPerson({
    admissions: [
      buildAdmission({
        admissionNumber: 'S1',
        classOfAdmission: 'F1',
        admissionDate: '2024-08-15',
        admitUntilDate: null,
        sevisId: SEVIS,
        ...adm,
      }),
    ],
    sevisRecords: [
      buildSevisRecord(
        SEVIS,
        events.map((e) => buildSevisEvent({ visaType, ...e })),
      ),
    ],
    ...extra,
  });
}

export const sevisTerminated = (
  statusDate: string,
  terminationReason: string | null,
): Partial<SevisEventFact>[] => [{}, { status: 'TERMINATED', statusDate, terminationReason }];

/** The single assessment of a one-admission person (fails loudly if there is not exactly one). */
export function assessOne(
  facts: PersonFacts,
  asOf: string,
  config: StatusConfig = DEFAULT_STATUS_CONFIG,
): Assessment {
  const out = assessPerson(facts, asOf, config);
  if (out.length !== 1) throw new Error(`expected one assessment, got ${out.length}`);
  return out[0]!;
}

export function ruleCodes(a: Assessment): string[] {
  return a.rules.map((r) => r.code);
}

/** All rules text, one line each: handy in `toContain` assertions. */
export function rulesText(a: Assessment): string {
  return a.rules.map((r) => `${r.code}: ${r.text}`).join('\n');
}
