/** Days from creation to a lead's due date, by priority (configuration, not law). */
export const LEAD_DUE_DAYS = { CRITICAL: 7, HIGH: 14, MEDIUM: 30, LOW: 60 } as const;
export type LeadPriority = keyof typeof LEAD_DUE_DAYS;
export const LEAD_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const LEAD_TYPES = ['STATUS_VIOLATION', 'SUSPECT_SCHOOL', 'TIP', 'OTHER'] as const;
export type LeadType = (typeof LEAD_TYPES)[number];
export const EVIDENCE_KINDS = ['assessment', 'record', 'note', 'tip', 'risk', 'attachment'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
