import { z } from 'zod';
import { EVIDENCE_KINDS, LEAD_PRIORITIES, LEAD_TYPES } from './leads.config';
import { LEAD_ACTIONS, LEAD_OUTCOMES, LEAD_STATES } from './workflow';

export const LeadSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  subjectType: z.enum(['person', 'organization']),
  subjectId: z.string(),
  subjectName: z.string(),
  type: z.enum(LEAD_TYPES),
  priority: z.enum(LEAD_PRIORITIES),
  state: z.enum(LEAD_STATES),
  title: z.string(),
  owner: z.string(),
  fieldOffice: z.string().nullable(),
  outcome: z.enum(LEAD_OUTCOMES).nullable(),
  dueDate: z.string(),
  overdue: z.boolean(),
  daysInState: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The lead's subject as the caller may see them (need to know: assignment, purpose, markings). */
export const SubjectSummarySchema = z.object({
  names: z.array(z.string()),
  birthDates: z.array(z.string()),
  citizenships: z.array(z.string()),
  sex: z.array(z.string()),
  identifiers: z.array(z.object({ kind: z.string(), label: z.string(), value: z.string() })),
  addresses: z.array(z.string()),
  records: z.array(z.object({ source: z.string(), count: z.number(), markings: z.array(z.string()) })),
  /** Records held on the subject that the caller may not see (marked, or naming them as a tipster). */
  withheldRecords: z.number(),
  masked: z.array(z.string()),
  access: z.object({ basis: z.string(), assignment: z.string().nullable(), restricted: z.array(z.string()) }),
});

export const LeadDetailSchema = z.object({
  lead: LeadSummarySchema.extend({ summary: z.string(), outcomeNote: z.string().nullable() }),
  transitions: z.array(z.object({ action: z.string(), from: z.string().nullable(), to: z.string(), by: z.string(), reason: z.string().nullable(), at: z.string() })),
  evidence: z.array(z.object({ id: z.string(), kind: z.string(), ref: z.string().nullable(), note: z.string(), addedBy: z.string(), addedAt: z.string() })),
  overlaps: z.array(z.object({ otherLeadId: z.string(), otherNumber: z.string(), otherOwner: z.string(), kind: z.string(), value: z.string(), foundAt: z.string() })),
  actions: z.array(z.enum(LEAD_ACTIONS)),
  subject: SubjectSummarySchema,
});

export const CreateLeadBody = z.object({
  subjectId: z.string().uuid(),
  type: z.enum(LEAD_TYPES),
  priority: z.enum(LEAD_PRIORITIES).default('MEDIUM'),
  title: z.string().trim().min(3).max(200),
  summary: z.string().max(5000).optional(),
  evidence: z.array(z.object({ kind: z.enum(EVIDENCE_KINDS), ref: z.string().max(200).nullable().optional(), note: z.string().trim().min(1).max(5000) })).max(50).optional(),
});

export const TransitionBody = z.object({
  action: z.enum(LEAD_ACTIONS),
  reason: z.string().max(2000).nullable().optional(),
  fieldOffice: z.string().trim().max(16).optional(),
  outcome: z.enum(LEAD_OUTCOMES).optional(),
  outcomeNote: z.string().max(5000).optional(),
  /** Refer only: the lead also goes outside DHS; recorded as a disclosure under routine use G. */
  outsideRecipient: z.object({ agency: z.string().trim().min(1).max(200), name: z.string().trim().min(1).max(200), address: z.string().trim().min(1).max(500) }).optional(),
});

/** `disclosureRef`: set when the referral went outside DHS and was recorded as a disclosure. */
export const TransitionResult = z.object({ state: z.string(), overlaps: z.number(), disclosureRef: z.string().optional() });

export const EvidenceBody = z.object({ kind: z.enum(EVIDENCE_KINDS), ref: z.string().max(200).nullable().optional(), note: z.string().trim().min(1).max(5000) });

export const LeadQuery = z.object({
  queue: z.enum(['mine', 'team', 'review', 'referred', 'overdue', 'all']).default('mine'),
  priority: z.enum(LEAD_PRIORITIES).optional(),
  type: z.enum(LEAD_TYPES).optional(),
  /** Only the leads on this subject (the profile's "Leads" panel). */
  subjectId: z.string().uuid().optional(),
  sort: z.enum(['due', 'priority', 'updated']).default('due'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
