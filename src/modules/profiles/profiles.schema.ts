import { z } from 'zod';

/** Response contracts of the profile views (the server serializes through them; the web app reads their types). */
export const SourceRefSchema = z.object({
  recordRef: z.string(),
  source: z.string(),
  recordId: z.string(),
  version: z.number(),
  batchDate: z.string(),
});

export const SourcedSchema = z.object({ value: z.string(), sources: z.array(SourceRefSchema), flagged: z.boolean() });
export const FieldSchema = z.object({ values: z.array(SourcedSchema), conflict: z.boolean() });

export const DetailSchema = z.object({ label: z.string(), value: z.string().nullable(), withheld: z.boolean() });
export const EventItemSchema = z.object({
  date: z.string().nullable(),
  title: z.string(),
  details: z.array(DetailSchema),
  source: SourceRefSchema,
});
export type EventItem = z.infer<typeof EventItemSchema>;

export const IdentifierItemSchema = z.object({
  kind: z.string(),
  label: z.string(),
  value: z.string(),
  valid: z.boolean(),
  sources: z.array(SourceRefSchema),
});

export const RelatedEntitySchema = z.object({
  entityId: z.string(),
  displayName: z.string(),
  kind: z.enum(['person', 'organization']),
  orgType: z.string().nullable(),
  relation: z.string(),
  sources: z.array(SourceRefSchema),
});
export type RelatedEntity = z.infer<typeof RelatedEntitySchema>;

export const LinkedRecordSchema = SourceRefSchema.extend({ role: z.string(), markings: z.array(z.string()), flags: z.number() });

/** The need-to-know decision behind a view (src/modules/access/need-to-know.ts). */
export const AccessBasisSchema = z.object({
  /** assignment: an open lead on the subject; purpose: a stated purpose; none: neither. */
  basis: z.enum(['assignment', 'purpose', 'disclosure', 'none']),
  /** `lead:<number>` when an assignment grants need to know. */
  assignment: z.string().nullable(),
  /** Categories a stated purpose would not reveal (marked CDR / INFORMANT without the permission). */
  restricted: z.array(z.string()),
});

const DisclosureSchema = {
  purposeStated: z.boolean(),
  /** Sensitive categories present here and masked (no assignment, no purpose, or a record marking). */
  masked: z.array(z.string()),
  access: AccessBasisSchema,
};

export const PersonProfileSchema = z.object({
  person: z.object({ id: z.string(), displayName: z.string() }),
  ...DisclosureSchema,
  names: FieldSchema,
  birthDates: FieldSchema,
  birthCountries: FieldSchema,
  citizenships: FieldSchema,
  sex: FieldSchema,
  identifiers: z.array(IdentifierItemSchema),
  addresses: z.array(SourcedSchema),
  phones: z.array(SourcedSchema),
  emails: z.array(SourcedSchema),
  employers: z.array(SourcedSchema),
  photos: z.array(SourcedSchema),
  travel: z.array(EventItemSchema),
  visas: z.array(EventItemSchema),
  sevis: z.array(EventItemSchema),
  benefits: z.array(EventItemSchema),
  enforcement: z.array(EventItemSchema),
  encounters: z.array(EventItemSchema),
  tips: z.object({ count: z.number(), items: z.array(EventItemSchema) }),
  calls: z.object({ count: z.number(), withheld: z.boolean(), items: z.array(EventItemSchema) }),
  associates: z.array(RelatedEntitySchema),
  organizations: z.array(RelatedEntitySchema),
  records: z.array(LinkedRecordSchema),
  /** Records not listed because they fall in a masked category (a tipster's tips, call records). */
  withheldRecords: z.number(),
});
export type PersonProfile = z.infer<typeof PersonProfileSchema>;

export const PayloadFieldSchema = z.object({
  column: z.string(),
  description: z.string().nullable(),
  value: z.string().nullable(),
  sensitivity: z.string().nullable(),
  withheld: z.boolean(),
});

export const RecordViewSchema = z.object({
  record: z.object({
    recordRef: z.string(),
    source: z.string(),
    system: z.string(),
    title: z.string(),
    recordId: z.string(),
    version: z.number(),
    receivedAt: z.string(),
    retentionState: z.string(),
    contentHash: z.string(),
    markings: z.array(z.string()),
    exemptions: z.array(z.string()),
    batch: z.object({ id: z.string(), fileName: z.string(), loadedBy: z.string(), loadedOn: z.string(), legalProcessRef: z.string().nullable() }),
  }),
  ...DisclosureSchema,
  payload: z.array(PayloadFieldSchema),
  flags: z.array(z.object({ field: z.string(), code: z.string(), message: z.string(), value: z.string().nullable() })),
  versions: z.array(z.object({ recordRef: z.string(), version: z.number(), receivedAt: z.string(), batchId: z.string(), fileName: z.string(), changed: z.array(z.string()), current: z.boolean() })),
  entities: z.array(z.object({ entityId: z.string(), displayName: z.string(), kind: z.string(), role: z.string() })),
});
export type RecordView = z.infer<typeof RecordViewSchema>;

export const OrganizationProfileSchema = z.object({
  organization: z.object({ id: z.string(), displayName: z.string(), orgType: z.string().nullable() }),
  ...DisclosureSchema,
  names: z.array(SourcedSchema),
  identifiers: z.array(IdentifierItemSchema),
  addresses: z.array(SourcedSchema),
  students: z.object({
    total: z.number(),
    byStatus: z.array(z.object({ status: z.string(), count: z.number() })),
    items: z.array(z.object({
      entityId: z.string().nullable(),
      displayName: z.string(),
      sevisId: z.string().nullable(),
      status: z.string().nullable(),
      statusDate: z.string().nullable(),
      visaType: z.string().nullable(),
      program: z.string().nullable(),
      source: SourceRefSchema,
    })),
  }),
  officials: z.array(z.object({ entityId: z.string().nullable(), name: z.string(), dsoId: z.string().nullable(), records: z.number(), lastSeen: z.string().nullable() })),
  relatedPersons: z.array(RelatedEntitySchema),
  records: z.array(LinkedRecordSchema),
  withheldRecords: z.number(),
});
export type OrganizationProfile = z.infer<typeof OrganizationProfileSchema>;
