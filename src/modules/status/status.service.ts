import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { assignmentsFor, decideNeedToKnow } from '../access';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { checkAsOf } from './as-of';
import { defaultReportAsOf, type FiscalYearReport } from './engine';
import { reportFromTallies } from './report';
import { discloseFactors, type FactorDisclosure } from './risk-disclosure';
import * as read from './status-read.repo';
import { STATUS_POLICY } from './status.policy';
import * as repo from './status.repo';
import type { ReportResponseView, RunView, ViolatorsFilter, ViolatorsResponseView, ViolatorView } from './status.schema';

export function presentRun(r: repo.RunRow): RunView {
  return {
    id: r.id,
    asOf: r.as_of,
    configVersion: r.config_version,
    runBy: r.run_by_username,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    persons: r.persons,
    admissions: r.admissions,
    violators: r.violators,
    classCounts: r.class_counts,
    elapsedMs: r.elapsed_ms,
    current: r.superseded_at === null,
    supersededBy: r.superseded_by,
  };
}

/** The current run of the AOD (or the latest), or a clear error saying how to make one. */
export async function requireRun(tx: Tx, asOf: string | null): Promise<repo.RunRow> {
  const run = await repo.currentRun(tx, asOf);
  if (!run) {
    const what = asOf ? `as of ${asOf}` : 'yet';
    const how = asOf ?? 'YYYY-MM-DD';
    throw new AppError('NOT_FOUND', `No status assessment has been run ${what}. Run one (leadtrac assess --as-of ${how}, or Run assessment on the Status page).`, { asOf });
  }
  return run;
}

export async function listRuns(
  database: Database,
  ctx: RequestContext,
  opts: { limit: number; includeSuperseded: boolean },
): Promise<RunView[]> {
  authorize(ctx, STATUS_POLICY['status.read']);
  return database.transaction(async (tx) => {
    const rows = await repo.listRuns(tx, opts.limit, opts.includeSuperseded);
    await audit(tx, ctx, { action: 'status.runs.list', details: { ...opts, returned: rows.length } });
    return rows.map(presentRun);
  });
}

export interface ReportResult extends ReportResponseView {
  report: FiscalYearReport;
}

/** Section 7: the fiscal-year report of the run as of `asOf` (default 1 October after the year). */
export async function fiscalYearReportOf(
  database: Database,
  ctx: RequestContext,
  q: { fy: number; asOf?: string | undefined; format?: 'json' | 'csv' | 'pdf' },
): Promise<ReportResult> {
  authorize(ctx, STATUS_POLICY['status.read']);
  const asOf = checkAsOf(q.asOf ?? defaultReportAsOf(q.fy));
  return database.transaction(async (tx) => {
    const run = await requireRun(tx, asOf);
    const report = reportFromTallies(q.fy, run.as_of, await repo.talliesFor(tx, run.id, q.fy));
    const fiscalYears = await repo.fiscalYearsOf(tx, run.id);
    await audit(tx, ctx, {
      action: q.format && q.format !== 'json' ? 'status.report.export' : 'status.report.read',
      subjectType: 'status_run',
      subjectIds: [run.id],
      details: { fiscalYear: q.fy, asOf, format: q.format ?? 'json' },
    });
    return { run: presentRun(run), report, fiscalYears };
  });
}

/** Upper case, letters and digits only, as the engine writes classes of admission ("H-1B" → "H1B"). */
export function normalizeClass(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function presentViolator(r: read.ViolatorRow, rank: number, disclosed: FactorDisclosure): ViolatorView {
  return {
    rank,
    personKey: r.person_key,
    entityId: r.entity_id,
    name: r.name,
    admissionNumber: r.admission_number,
    score: r.score,
    level: r.level as ViolatorView['level'],
    citizenshipCountry: r.citizenship_country,
    classesOfAdmission: r.classes_of_admission,
    violations: r.violations as ViolatorView['violations'],
    schoolCodes: r.school_codes,
    overstayDays: r.overstay_days,
    barTier: r.bar_tier as ViolatorView['barTier'],
    factors: disclosed.factors,
  };
}

/** The ranked list leads are made from: suspected violators, highest risk first. */
export async function listViolators(
  database: Database,
  ctx: RequestContext,
  f: ViolatorsFilter,
): Promise<ViolatorsResponseView> {
  authorize(ctx, STATUS_POLICY['status.read']);
  const asOf = f.asOf ? checkAsOf(f.asOf) : null;
  return database.transaction(async (tx) => {
    const run = await requireRun(tx, asOf);
    const filter = {
      levels: f.level ?? null,
      violations: f.violation ?? null,
      country: f.country || null,
      classOfAdmission: f.class ? normalizeClass(f.class) : null,
      school: f.school || null,
    };
    const { total, rows } = await read.listViolators(tx, run.id, filter, f.limit, f.offset);
    // Need to know, per person: criminal history in a factor is spelled out only under a stated
    // purpose or to a caller assigned to a lead on that person; the score and rank never change.
    const assigned = await assignmentsFor(tx, ctx, rows.flatMap((r) => (r.entity_id ? [r.entity_id] : [])));
    const revealedFor: string[] = [];
    const withheldFor: string[] = [];
    const violators = rows.map((r, i) => {
      const decision = decideNeedToKnow({ actor: ctx.actor, purpose: ctx.purpose, assignment: r.entity_id ? (assigned.get(r.entity_id) ?? null) : null });
      const disclosed = discloseFactors(r.factors, decision);
      if (disclosed.revealed.length) revealedFor.push(r.entity_id ?? r.person_key);
      if (disclosed.withheld.length) withheldFor.push(r.entity_id ?? r.person_key);
      return presentViolator(r, f.offset + i + 1, disclosed);
    });
    await audit(tx, ctx, {
      action: 'status.violators.search',
      subjectType: 'person',
      subjectIds: violators.map((v) => v.entityId ?? v.personKey),
      details: {
        runId: run.id,
        asOf: run.as_of,
        query: { ...filter, limit: f.limit, offset: f.offset },
        total,
        returned: violators.length,
        // Whose criminal/enforcement history details this answer showed, and whose it withheld.
        criminalHistory: { revealedFor, withheldFor },
      },
    });
    return { run: presentRun(run), total, violators };
  });
}
