import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { authorize } from '../auth/policy';
import { ALERT_DEFAULTS, SUBJECT_READ_ACTIONS } from './alerts.config';
import type { AuditAlert } from './alerts.schema';
import { bulkExports, dailyRefusals, dailySubjectReads, type DailyReadsRow, type ExportRow, type RefusalRow } from './alerts.repo';
import { AUDIT_POLICY } from './audit.policy';
import { audit } from './audit.service';

/**
 * Unusual access, found in the audit log (issue 6): a user reading far more subjects than their own
 * baseline, field agents refused outside their office, repeated refused reads of sensitive or
 * marked content, and bulk exports. Each alert says why in words and names the audit events behind it.
 */
export interface AlertOptions {
  from: string;
  to: string;
  factor: number;
  floor: number;
  refusals: number;
  exportRows: number;
}

const DAY = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export function alertWindow(from: string | undefined, to: string | undefined, now = new Date()): { from: string; to: string } {
  const end = to ?? dayOf(now);
  const start = from ?? dayOf(new Date(Date.parse(`${end}T00:00:00Z`) - (ALERT_DEFAULTS.windowDays - 1) * DAY));
  if (start > end) throw new AppError('VALIDATION_FAILED', `The alert window starts (${start}) after it ends (${end}).`);
  if (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`) > 366 * DAY) throw new AppError('VALIDATION_FAILED', 'Look at most a year of alerts at a time.');
  return { from: start, to: end };
}

export function volumeAlerts(rows: readonly DailyReadsRow[], o: Pick<AlertOptions, 'factor' | 'floor'>, baselineDays: number = ALERT_DEFAULTS.baselineDays): AuditAlert[] {
  return rows.flatMap((r) => {
    const baseline = r.baseline_total / baselineDays;
    const limit = Math.max(o.floor, o.factor * baseline);
    if (r.subjects <= limit) return [];
    const usual = baseline === 0 ? 'no reads in the 30 days before' : `a 30-day daily average of ${baseline.toFixed(1)}`;
    return [{
      kind: 'unusual_volume' as const,
      severity: r.subjects > 2 * limit ? ('high' as const) : ('medium' as const),
      actor: r.actor_username,
      day: r.day,
      count: r.subjects,
      reason: `Read ${r.subjects} distinct subjects on ${r.day}, against ${usual} (alert above ${o.factor}× the average and above ${o.floor}).`,
      filter: { actor: r.actor_username, action: '', from: r.day, to: r.day },
    }];
  });
}

export function refusalAlerts(rows: readonly RefusalRow[], o: Pick<AlertOptions, 'refusals'>): AuditAlert[] {
  const out: AuditAlert[] = [];
  for (const r of rows) {
    const filter = { actor: r.actor_username, action: '', from: r.day, to: r.day };
    if (r.field_agent) {
      out.push({
        kind: 'outside_office',
        severity: 'high',
        actor: r.actor_username,
        day: r.day,
        count: r.refusals,
        reason: `Field agent refused ${r.refusals} time(s) on ${r.day} reading outside what was referred to their office (${[...r.routes].sort().join(', ')}).`,
        filter: { ...filter, action: 'access.denied' },
      });
    }
    if (r.sensitive >= o.refusals) {
      out.push({
        kind: 'refused_sensitive',
        severity: 'medium',
        actor: r.actor_username,
        day: r.day,
        count: r.sensitive,
        reason: `Refused ${r.sensitive} reads of sensitive or marked content on ${r.day} (alert at ${o.refusals} or more).`,
        filter,
      });
    }
  }
  return out;
}

export function exportAlerts(rows: readonly ExportRow[], o: Pick<AlertOptions, 'exportRows'>): AuditAlert[] {
  return rows.map((r) => {
    const day = new Date(r.occurred_at).toISOString().slice(0, 10);
    const actor = r.actor_username ?? '(system)';
    return {
      kind: 'bulk_export' as const,
      severity: r.rows >= 10 * o.exportRows ? ('high' as const) : ('medium' as const),
      actor,
      day,
      count: r.rows,
      reason: `Exported ${r.rows.toLocaleString('en-US')} rows (${r.action}${r.format ? `, ${r.format}` : ''}) on ${day}, event ${r.seq} (alert at ${o.exportRows.toLocaleString('en-US')} rows or more).`,
      filter: { actor: r.actor_username ?? '', action: r.action, from: day, to: day },
    };
  });
}

const ORDER: Record<AuditAlert['severity'], number> = { high: 0, medium: 1 };

/** GET /api/audit/alerts: every alert in the window, most severe and most recent first; itself audited. */
export async function listAuditAlerts(database: Database, ctx: RequestContext, o: AlertOptions): Promise<AuditAlert[]> {
  authorize(ctx, AUDIT_POLICY['audit.alerts']);
  return database.transaction(async (tx) => {
    const alerts = [
      ...volumeAlerts(await dailySubjectReads(tx, SUBJECT_READ_ACTIONS, o.from, o.to, ALERT_DEFAULTS.baselineDays), o),
      ...refusalAlerts(await dailyRefusals(tx, o.from, o.to), o),
      ...exportAlerts(await bulkExports(tx, o.from, o.to, o.exportRows), o),
    ].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || b.day.localeCompare(a.day) || b.count - a.count || a.actor.localeCompare(b.actor));
    await audit(tx, ctx, { action: 'audit.alerts', details: { ...o, returned: alerts.length } });
    return alerts;
  });
}
