import { z } from 'zod';

/** One alert of unusual access, with the audit-trail filters that show the events behind it. */
export const AuditAlertSchema = z.object({
  kind: z.enum(['unusual_volume', 'outside_office', 'refused_sensitive', 'bulk_export']),
  severity: z.enum(['high', 'medium']),
  actor: z.string(),
  day: z.string(),
  count: z.number(),
  reason: z.string(),
  /** Dates YYYY-MM-DD. */
  filter: z.object({ actor: z.string(), action: z.string(), from: z.string(), to: z.string() }),
});
export type AuditAlert = z.infer<typeof AuditAlertSchema>;
export type AlertKind = AuditAlert['kind'];

/** GET /api/audit/alerts. */
export const AuditAlertsSchema = z.object({
  from: z.string(),
  to: z.string(),
  thresholds: z.object({ factor: z.number(), floor: z.number(), refusals: z.number(), exportRows: z.number() }),
  alerts: z.array(AuditAlertSchema),
});
export type AuditAlerts = z.infer<typeof AuditAlertsSchema>;
