import { z } from 'zod';
import { daysInMonth } from './days';

// Every number the policy marks "(config)" lives here, because law or agency practice may
// differ from the written policy. Each assessment records `version`, so a result can be
// traced to the settings that produced it.

const days = z.number().int().nonnegative();
const points = z.number().int().nonnegative();
const codeList = z.array(z.string().trim().min(1)).readonly();
const capped = z.object({ perEvent: points, max: points });

export const ENFORCEMENT_EVENT_TYPES = [
  'ENCOUNTER',
  'ARREST',
  'DETENTION',
  'RELEASE',
  'NTA_ISSUED',
  'REMOVAL',
  'CONVICTION',
] as const;
export type EnforcementEventType = (typeof ENFORCEMENT_EVENT_TYPES)[number];

const enforcementWeights = z.object({
  ENCOUNTER: points,
  ARREST: points,
  DETENTION: points,
  RELEASE: points,
  NTA_ISSUED: points,
  REMOVAL: points,
  CONVICTION: points,
});

export const riskWeightsSchema = z
  .object({
    /** Points by overstay length; the highest band whose `minDays` is reached applies. */
    overstayBands: z.array(z.object({ minDays: z.number().int().positive(), points })).min(1),
    barTier: z.object({ THREE_YEAR: points, TEN_YEAR: points }),
    sevisTerminationForCause: capped,
    enforcementEvents: enforcementWeights,
    enforcementMax: points,
    visaRevocation: points,
    lookouts: capped,
    suspectSchoolLinks: capped,
    /** Lowest score of each level; below MEDIUM is LOW. */
    levels: z.object({ MEDIUM: points, HIGH: points, CRITICAL: points }),
  })
  .refine((r) => r.levels.MEDIUM < r.levels.HIGH && r.levels.HIGH < r.levels.CRITICAL, {
    message: 'risk levels must rise: MEDIUM < HIGH < CRITICAL',
    path: ['levels'],
  });

export const statusConfigSchema = z
  .object({
    version: z.string().min(1),
    sourceDocument: z.string().min(1),
    /** Matched against the leading letters of the class (A1 → A, C1D → C, CW1 → CW). */
    outOfScopeClassPrefixes: codeList,
    visaWaiverClasses: codeList,
    workerClassPrefixes: codeList,
    indeterminateLand: z.object({ mode: z.string().min(1), citizenships: codeList }),
    /** Citizens who enter without a visa foil, so there is no visa for INA 222(g) to void. */
    visaExemptCitizenships: codeList,
    graceDays: z.object({
      f1: days,
      j1: days,
      worker: days,
      m1: days,
      f1EarlyWithdrawal: days,
      j1EarlyWithdrawal: days,
    }),
    visaWaiver: z.object({
      capDays: z.number().int().positive(),
      derivedAdmitUntilOffsetDays: days,
      satisfactoryDepartureMaxDays: days,
    }),
    /** M-1 admitted without an AUD: AUD is derived as SEVIS program end + this (DATA_ERROR). */
    m1DerivedAdmitUntilOffsetDays: days,
    h1bPendingExtensionWorkDays: days,
    /** Cap-gap ends on this month/day of the H-1B fiscal year (1 April). */
    capGapEnd: z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1) }),
    unlawfulPresence: z.object({
      minimumAgeYears: days,
      threeYearBarAboveDays: days,
      tenYearBarAtLeastDays: days,
    }),
    sevisTerminationReasons: z.object({
      violation: codeList,
      earlyWithdrawal: codeList,
      changeOfStatus: codeList,
      death: codeList,
    }),
    claimForms: z.object({ extensionOrChange: codeList, adjustment: codeList }),
    risk: riskWeightsSchema,
  })
  .refine((c) => c.capGapEnd.day <= daysInMonth(2001, c.capGapEnd.month), {
    message: 'capGapEnd must be a day that exists in every year',
    path: ['capGapEnd'],
  })
  .refine(
    (c) => c.unlawfulPresence.threeYearBarAboveDays < c.unlawfulPresence.tenYearBarAtLeastDays,
    {
      message: 'three-year bar threshold must be below the ten-year one',
      path: ['unlawfulPresence'],
    },
  );

export type StatusConfig = z.infer<typeof statusConfigSchema>;
export type RiskWeights = StatusConfig['risk'];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Validates a full configuration and freezes it (the engine caches lookups per object). */
export function parseStatusConfig(input: unknown): StatusConfig {
  return deepFreeze(statusConfigSchema.parse(input));
}

export const DEFAULT_STATUS_CONFIG: StatusConfig = parseStatusConfig({
  version: '2026-11-21.1',
  sourceDocument: 'shared/domain/status-rules.md',
  outOfScopeClassPrefixes: ['A', 'G', 'C', 'D'],
  visaWaiverClasses: ['WT', 'WB'],
  workerClassPrefixes: ['H', 'L', 'O', 'E', 'TN'],
  indeterminateLand: { mode: 'land', citizenships: ['CAN', 'MEX'] },
  visaExemptCitizenships: ['CAN', 'BMU'],
  graceDays: { f1: 60, j1: 30, worker: 60, m1: 0, f1EarlyWithdrawal: 15, j1EarlyWithdrawal: 30 },
  visaWaiver: { capDays: 90, derivedAdmitUntilOffsetDays: 89, satisfactoryDepartureMaxDays: 30 },
  m1DerivedAdmitUntilOffsetDays: 30,
  h1bPendingExtensionWorkDays: 240,
  capGapEnd: { month: 4, day: 1 },
  unlawfulPresence: { minimumAgeYears: 18, threeYearBarAboveDays: 180, tenYearBarAtLeastDays: 365 },
  sevisTerminationReasons: {
    violation: [
      'Unauthorized Withdrawal',
      'Unauthorized Employment',
      'Failure to Enroll',
      'No Show',
      'Otherwise Failing to Maintain Status',
    ],
    earlyWithdrawal: ['Authorized Early Withdrawal'],
    changeOfStatus: ['Change of Status Approved'],
    death: ['Death'],
  },
  claimForms: { extensionOrChange: ['I-539', 'I-129'], adjustment: ['I-485'] },
  risk: {
    overstayBands: [
      { minDays: 1, points: 5 },
      { minDays: 31, points: 10 },
      { minDays: 181, points: 20 },
      { minDays: 365, points: 30 },
    ],
    barTier: { THREE_YEAR: 10, TEN_YEAR: 20 },
    sevisTerminationForCause: { perEvent: 10, max: 20 },
    enforcementEvents: {
      ENCOUNTER: 2,
      ARREST: 10,
      DETENTION: 5,
      RELEASE: 0,
      NTA_ISSUED: 5,
      REMOVAL: 15,
      CONVICTION: 25,
    },
    enforcementMax: 40,
    visaRevocation: 15,
    lookouts: { perEvent: 15, max: 30 },
    suspectSchoolLinks: { perEvent: 10, max: 20 },
    levels: { MEDIUM: 20, HIGH: 40, CRITICAL: 70 },
  },
});
