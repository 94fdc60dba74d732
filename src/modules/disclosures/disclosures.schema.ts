import { z } from 'zod';

/** Contracts of the disclosure routes: the server validates and serializes through them; the web app reads their types. */

const text = (max: number) => z.string().trim().min(1).max(max);

export const LegalBasisSchema = z.object({
  kind: z.enum(['routine_use', 'exception']),
  code: z.string(),
  label: z.string(),
  title: z.string(),
  citation: z.string(),
  text: z.string(),
  accountable: z.boolean(),
  releasableToIndividual: z.boolean(),
  refused: z.string().nullable(),
  requiresApproval: z.string().nullable(),
  /** Whether the caller may disclose under it (supervisors: routine uses G and I only). */
  allowedForCaller: z.boolean(),
});

export const LegalBasesResponse = z.object({
  version: z.string(),
  effectiveFrom: z.string(),
  sorn: z.object({ citation: z.string(), docket: z.string(), title: z.string(), published: z.string() }),
  nprm: z.object({ citation: z.string(), docket: z.string(), published: z.string() }),
  consumerReportingAgencies: z.string(),
  bases: z.array(LegalBasisSchema),
});

export const RecipientSchema = z.object({ agency: text(200), name: text(200), address: text(500) });

export const CreateDisclosureBody = z.object({
  subjectType: z.enum(['person', 'lead', 'report']),
  subjectIds: z.array(text(100)).min(1).max(100),
  personIds: z.array(z.string().uuid()).min(1).max(100),
  /** Source record ids; default: every record in which a listed person is the subject. */
  recordIds: z.array(z.string().regex(/^\d{1,18}$/, 'A record id is a number.')).max(5000).optional(),
  recipient: RecipientSchema,
  legalBasis: z.object({ kind: z.enum(['routine_use', 'exception']), code: z.string().trim().min(1).max(8) }),
  /** Routine use N: the Chief Privacy Officer's approval, cited. */
  approvalRef: text(200).optional(),
  purpose: text(1000),
  nature: text(1000),
});
export type CreateDisclosureInput = z.infer<typeof CreateDisclosureBody>;

export const BasisViewSchema = z.object({ kind: z.enum(['routine_use', 'exception']), code: z.string(), label: z.string(), title: z.string(), citation: z.string(), version: z.string() });

export const DisclosureSchema = z.object({
  id: z.string(),
  ref: z.string(),
  subjectType: z.enum(['person', 'lead', 'report']),
  subjectIds: z.array(z.string()),
  recipient: z.object({ agency: z.string(), name: z.string(), address: z.string() }),
  legalBasis: BasisViewSchema,
  approvalRef: z.string().nullable(),
  accountable: z.boolean(),
  purpose: z.string(),
  nature: z.string(),
  disclosedAt: z.string(),
  disclosedBy: z.string(),
  packageSha256: z.string(),
  individuals: z.array(z.object({ personId: z.string(), displayName: z.string(), records: z.number() })),
});
export type DisclosureView = z.infer<typeof DisclosureSchema>;

export const DisclosureSummarySchema = DisclosureSchema.omit({ individuals: true, subjectIds: true }).extend({ individuals: z.number() });

export const AccountingRecordSchema = z.object({ recordRef: z.string(), source: z.string(), recordId: z.string(), version: z.number() });

export const AccountingEntrySchema = z.object({
  id: z.string(),
  disclosureId: z.string(),
  disclosureRef: z.string(),
  date: z.string(),
  nature: z.string(),
  purpose: z.string(),
  legalBasis: z.object({ kind: z.string(), code: z.string(), label: z.string(), citation: z.string() }),
  recipient: z.object({ agency: z.string(), name: z.string(), address: z.string() }),
  records: z.array(AccountingRecordSchema),
  retainUntil: z.string(),
  /** False for (b)(7) disclosures: never released to the individual. */
  releasable: z.boolean(),
  /** Under the latest release decision: 'released', 'withheld', 'never' ((b)(7)) or 'undecided'. */
  releaseStatus: z.enum(['released', 'withheld', 'never', 'undecided']),
});
export type AccountingEntryView = z.infer<typeof AccountingEntrySchema>;

export const ReleaseDecisionSchema = z.object({
  id: z.string(),
  decision: z.enum(['release', 'release_in_part', 'withhold']),
  reason: z.string(),
  exemption: z.string().nullable(),
  exemptionReason: z.string().nullable(),
  coveredEntryIds: z.array(z.string()),
  withheldEntryIds: z.array(z.string()),
  decidedAt: z.string(),
  decidedBy: z.string(),
});
export type ReleaseDecisionView = z.infer<typeof ReleaseDecisionSchema>;

export const PersonRefSchema = z.object({ id: z.string(), displayName: z.string() });

export const AccountingResponse = z.object({
  person: PersonRefSchema,
  entries: z.array(AccountingEntrySchema),
  decisions: z.array(ReleaseDecisionSchema),
});
export type AccountingView = z.infer<typeof AccountingResponse>;

export const ReleaseDecisionBody = z.object({
  decision: z.enum(['release', 'release_in_part', 'withhold']),
  reason: text(2000),
  exemption: z.enum(['(j)(2)', '(k)(2)']).optional(),
  /** release_in_part: the entries withheld (besides (b)(7) entries, which are never released). */
  withheldEntryIds: z.array(z.string().regex(/^\d{1,18}$/)).max(5000).optional(),
});
export type ReleaseDecisionInput = z.infer<typeof ReleaseDecisionBody>;

export const ReleaseResponse = z.object({
  person: PersonRefSchema,
  decision: ReleaseDecisionSchema.nullable(),
  entries: z.array(AccountingEntrySchema.omit({ releaseStatus: true, releasable: true, disclosureId: true, records: true })),
  withheld: z.number(),
  neverReleased: z.number(),
  undecided: z.number(),
  message: z.string(),
});
export type ReleaseView = z.infer<typeof ReleaseResponse>;

export const CorrectionBody = z.object({ event: z.enum(['corrected', 'disputed']), note: text(2000) });
export const WaiverBody = CorrectionBody.extend({ reason: text(2000) });

export const NoticeSchema = z.object({
  id: z.string(),
  ref: z.string(),
  disclosureId: z.string(),
  disclosureRef: z.string(),
  disclosedAt: z.string(),
  recipient: z.object({ agency: z.string(), name: z.string(), address: z.string() }),
  createdAt: z.string(),
});

export const CorrectionSchema = z.object({
  id: z.string(),
  recordRef: z.string(),
  source: z.string(),
  recordId: z.string(),
  event: z.enum(['corrected', 'disputed']),
  note: z.string(),
  outcome: z.enum(['notified', 'no_recipients', 'waived']),
  waiverReason: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  notices: z.array(NoticeSchema),
});
export type CorrectionView = z.infer<typeof CorrectionSchema>;

export const AccessEventSchema = z.object({
  seq: z.string(),
  occurredAt: z.string(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  purpose: z.string().nullable(),
  via: z.enum(['person', 'record']),
  subjectType: z.string().nullable(),
});

export const AccessLogResponse = z.object({
  person: PersonRefSchema,
  users: z.array(z.object({ username: z.string(), accesses: z.number(), first: z.string(), last: z.string(), actions: z.array(z.string()) })),
  events: z.array(AccessEventSchema),
  truncated: z.boolean(),
});
export type AccessLogView = z.infer<typeof AccessLogResponse>;
