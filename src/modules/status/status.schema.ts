import { z } from 'zod';
import { ASSESSMENT_CLASSES, BAR_TIERS, STATUS_FLAGS } from './engine/types';

// One contract, two users: route validation, the OpenAPI document and the web app's types.
// (Imports engine/types directly: the web bundle must not pull in the engine.)

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

export const RunSchema = z.object({
  id: z.string(),
  asOf: z.string(),
  configVersion: z.string(),
  runBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  persons: z.number().int(),
  admissions: z.number().int(),
  violators: z.number().int(),
  classCounts: z.record(z.string(), z.number().int()),
  elapsedMs: z.number().int().nullable(),
  current: z.boolean(),
  supersededBy: z.string().nullable(),
});
export type RunView = z.infer<typeof RunSchema>;

export const StartRunBody = z.object({ asOf: IsoDate });

export const RateRowSchema = z.object({
  key: z.string(),
  expectedDepartures: z.number().int(),
  outOfCountryOverstays: z.number().int(),
  suspectedInCountryOverstays: z.number().int(),
  totalOverstays: z.number().int(),
  totalOverstayRate: z.number().nullable(),
  suspectedInCountryRate: z.number().nullable(),
});
export type RateRowView = z.infer<typeof RateRowSchema>;

export const FiscalYearReportSchema = z.object({
  fiscalYear: z.number().int(),
  firstDay: z.string(),
  lastDay: z.string(),
  asOf: z.string().nullable(),
  overall: RateRowSchema,
  byClassOfAdmission: z.array(RateRowSchema),
  byCountry: z.array(RateRowSchema),
  classCounts: z.record(z.string(), z.number().int()),
});

export const ReportQuery = z.object({
  fy: z.coerce.number().int().min(1990).max(2100),
  /** Snapshot date; default the day after the fiscal year ends (1 October), as DHS does. */
  asOf: IsoDate.optional(),
});

export const ReportResponse = z.object({
  run: RunSchema,
  report: FiscalYearReportSchema,
  /** Fiscal years this run has expected departures in. */
  fiscalYears: z.array(z.number().int()),
});
export type ReportResponseView = z.infer<typeof ReportResponse>;

export const RiskFactorSchema = z.object({
  code: z.string(),
  points: z.number().int(),
  text: z.string(),
  /** True when the text withholds sensitive details (criminal history) the caller has no need to know. */
  withheld: z.boolean().optional(),
});

const csv = z
  .string()
  .max(500)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const ViolatorsQuery = z.object({
  asOf: IsoDate.optional(),
  /** One or more of LOW, MEDIUM, HIGH, CRITICAL, comma-separated. */
  level: csv.pipe(z.array(z.enum(RISK_LEVELS))).optional(),
  /** One or more assessment classes, comma-separated: persons with an admission in any of them. */
  violation: csv.pipe(z.array(z.enum(ASSESSMENT_CLASSES))).optional(),
  country: z.string().trim().toUpperCase().max(40).optional(),
  class: z.string().trim().max(10).optional(),
  school: z.string().trim().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ViolatorsFilter = z.output<typeof ViolatorsQuery>;

export const ViolatorSchema = z.object({
  rank: z.number().int(),
  personKey: z.string(),
  entityId: z.string().nullable(),
  name: z.string().nullable(),
  admissionNumber: z.string().nullable(),
  score: z.number().int(),
  level: z.enum(RISK_LEVELS),
  citizenshipCountry: z.string().nullable(),
  classesOfAdmission: z.array(z.string()),
  violations: z.array(z.enum(ASSESSMENT_CLASSES)),
  schoolCodes: z.array(z.string()),
  overstayDays: z.number().int(),
  barTier: z.enum(BAR_TIERS),
  factors: z.array(RiskFactorSchema),
});
export type ViolatorView = z.infer<typeof ViolatorSchema>;

export const ViolatorsResponse = z.object({
  run: RunSchema,
  total: z.number().int(),
  violators: z.array(ViolatorSchema),
});
export type ViolatorsResponseView = z.infer<typeof ViolatorsResponse>;

export const RuleSchema = z.object({ code: z.string(), text: z.string() });

export const AdmissionStatusSchema = z.object({
  admissionNumber: z.string(),
  admissionRecord: z.string().nullable(),
  classOfAdmission: z.string(),
  evaluatedClass: z.string(),
  citizenshipCountry: z.string().nullable(),
  admissionDate: z.string(),
  admitUntilDate: z.string().nullable(),
  aed: z.string().nullable(),
  statusEndDate: z.string().nullable(),
  departureDate: z.string().nullable(),
  departureRecord: z.string().nullable(),
  class: z.enum(ASSESSMENT_CLASSES),
  overstayDays: z.number().int(),
  unlawfulPresenceDays: z.number().int(),
  barTier: z.enum(BAR_TIERS),
  flags: z.array(z.enum(STATUS_FLAGS)),
  rules: z.array(RuleSchema),
  /** What the stored run says; null when the run has no row for this admission. */
  stored: z
    .object({ class: z.enum(ASSESSMENT_CLASSES), aed: z.string().nullable(), overstayDays: z.number().int() })
    .nullable(),
  /** The stored result differs from the records as they are now (records received since). */
  changedSinceRun: z.boolean(),
});
export type AdmissionStatusView = z.infer<typeof AdmissionStatusSchema>;

export const PersonStatusResponse = z.object({
  entityId: z.string(),
  asOf: z.string(),
  configVersion: z.string(),
  run: RunSchema.nullable(),
  admissions: z.array(AdmissionStatusSchema),
  risk: z
    .object({ score: z.number().int(), level: z.enum(RISK_LEVELS), factors: z.array(RiskFactorSchema) })
    .nullable(),
});
export type PersonStatusView = z.infer<typeof PersonStatusResponse>;

/** The export contract: these columns first, in this order; others may follow. */
export const EXPORT_CONTRACT_COLUMNS = [
  'admission_number',
  'entity_id',
  'class',
  'aed',
  'overstay_days',
  'unlawful_presence_days',
  'bar_tier',
  'flags',
] as const;
