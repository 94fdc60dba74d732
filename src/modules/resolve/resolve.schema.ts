import { z } from 'zod';

/** The resolve API's contracts (server validation, OpenAPI and the web app's types). */
export const RecordViewSchema = z.object({
  /** "123" (subject of source record 123) or "123:dso": what explain and split take. */
  ref: z.string(),
  recordId: z.string(),
  role: z.string(),
  source: z.string(),
  sourceRecordId: z.string(),
  entityId: z.string().nullable(),
  givenName: z.string().nullable(),
  middleName: z.string().nullable(),
  familyName: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.string().nullable(),
  citizenship: z.string().nullable(),
  birthCountry: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** Last four digits only: matching compares the number, analysts need not see it. */
  ssnLast4: z.string().nullable(),
  employer: z.string().nullable(),
  identifiers: z.array(z.object({ kind: z.string(), value: z.string(), country: z.string().nullable() })),
});
export type RecordView = z.infer<typeof RecordViewSchema>;

export const ExplanationSchema = z.object({
  weight: z.number(),
  probability: z.number(),
  prior: z.number(),
  verdict: z.enum(['match', 'review', 'no match']),
  thresholds: z.object({ match: z.number(), review: z.number() }),
  contributions: z.array(z.object({ field: z.string(), level: z.string(), text: z.string(), weight: z.number() })),
  deterministic: z.array(z.string()),
  conflicts: z.array(z.string()),
  /** A rule that held the weight down whatever the fields add up to (the household rule), or null. */
  held: z.string().nullable(),
  /** The whole explanation in words, one line per field. */
  summary: z.string(),
});
export type ExplanationView = z.infer<typeof ExplanationSchema>;

export const ReviewItemSchema = z.object({
  id: z.string(),
  status: z.enum(['open', 'decided', 'closed']),
  reason: z.enum(['band', 'incoherent', 'conflict']),
  weight: z.number(),
  decisionId: z.string().nullable(),
  a: RecordViewSchema,
  b: RecordViewSchema,
  explanation: ExplanationSchema,
  /**
   * Open items between the same two persons, this one included (null unless open). A decision
   * on one of them settles them all: it confirms or rejects the persons, not only the records.
   */
  pairsBetween: z.number().int().nullable(),
});
export type ReviewItemView = z.infer<typeof ReviewItemSchema>;

export const ReviewListSchema = z.object({
  items: z.array(ReviewItemSchema),
  /** Items in the status (and reason) asked for, pair by pair. */
  total: z.number(),
  /** Whether entries follow this page. */
  more: z.boolean(),
});

export const ReviewQuerySchema = z.object({
  status: z.enum(['open', 'decided', 'closed']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).default(0),
  /** `persons`: the open queue folded to one entry (its strongest pair) per pair of persons; limit and offset count those. */
  by: z.enum(['pair', 'persons']).default('pair'),
  reason: z.enum(['band', 'incoherent', 'conflict']).optional(),
});

export const ReasonSchema = z.string().trim().min(3, 'say why (at least 3 characters)').max(2000);

export const ReviewDecisionBodySchema = z.object({ decision: z.enum(['confirm', 'reject']), reason: ReasonSchema });
export const MergeBodySchema = z.object({ entityIds: z.array(z.string().uuid()).min(2).max(50), reason: ReasonSchema });
export const SplitBodySchema = z.object({ records: z.array(z.string().regex(/^\d{1,15}(:[a-z]+)?$/)).min(1).max(500), reason: ReasonSchema });
export const UndoBodySchema = z.object({ reason: ReasonSchema });

export const DecisionSchema = z.object({
  id: z.string(),
  kind: z.enum(['confirm', 'reject', 'merge', 'split']),
  reason: z.string(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  reviewItemId: z.string().nullable(),
  /** Records kept together / kept apart, as refs ("123", "123:dso"). */
  together: z.array(z.array(z.string())),
  apart: z.array(z.tuple([z.array(z.string()), z.array(z.string())])),
  entitiesBefore: z.array(z.string()),
  entitiesAfter: z.array(z.string()),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
  undoReason: z.string().nullable(),
});
export type DecisionView = z.infer<typeof DecisionSchema>;

export const DecisionOutcomeSchema = z.object({
  decision: DecisionSchema,
  entities: z.array(z.string()),
  /** A split: the entity that now holds the records split out. */
  splitInto: z.string().optional(),
});
export const DecisionListSchema = z.object({ decisions: z.array(DecisionSchema), total: z.number() });
export const DecisionQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ExplainQuerySchema = z.object({
  a: z.string().regex(/^\d{1,15}(:[a-z]+)?$/, 'a source record id, optionally with :dso'),
  b: z.string().regex(/^\d{1,15}(:[a-z]+)?$/, 'a source record id, optionally with :dso'),
});
export const ExplainResultSchema = z.object({ a: RecordViewSchema, b: RecordViewSchema, explanation: ExplanationSchema });
