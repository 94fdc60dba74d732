import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { auditContext, needToKnowFor, type NeedToKnow } from '../access';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { checkAsOf, todayUtc } from './as-of';
import {
  assessPerson,
  DEFAULT_STATUS_CONFIG,
  parseStatusConfig,
  type Assessment,
  type RiskFactor,
  type StatusConfig,
} from './engine';
import { personRows } from './facts.repo';
import { splitTravel, toPersonFacts } from './person-facts';
import { discloseFactors, type FactorDisclosure } from './risk-disclosure';
import * as read from './status-read.repo';
import { STATUS_POLICY } from './status.policy';
import type * as repo from './status.repo';
import type { AdmissionStatusView, PersonStatusView } from './status.schema';
import { presentRun } from './status.service';
import { currentRun } from './status.repo';

// A person's status panel: each admission with its class, AED, days, flags and the rules that
// decided it, in words. The words are not stored by the bulk pass (only rule codes are); they are
// re-derived here from the person's records with the run's own AOD and configuration, and checked
// against what the run stored, so an analyst sees when records have arrived since the run.

function runConfig(run: repo.RunRow | null): StatusConfig {
  if (!run) return DEFAULT_STATUS_CONFIG;
  try {
    return parseStatusConfig(run.config);
  } catch {
    return DEFAULT_STATUS_CONFIG;
  }
}

function present(
  a: Assessment,
  admissionRecord: string | null,
  names: Map<string, string>,
  stored: read.StoredAssessmentRow | undefined,
  hasRun: boolean,
): AdmissionStatusView {
  const departureRecord = a.departureRecordId ? (names.get(a.departureRecordId) ?? a.departureRecordId) : null;
  const rules = a.rules.map((r) => ({
    code: r.code,
    // The bulk pass names departures by internal record number; say which source record it is.
    text: a.departureRecordId && departureRecord ? r.text.replace(`Departure ${a.departureRecordId} `, `Departure ${departureRecord} `) : r.text,
  }));
  const changed =
    hasRun && (!stored || stored.class !== a.class || stored.aed !== a.aed || stored.overstay_days !== a.overstayDays);
  return {
    admissionNumber: a.admissionNumber,
    admissionRecord,
    classOfAdmission: a.classOfAdmission,
    evaluatedClass: a.evaluatedClass,
    citizenshipCountry: a.citizenshipCountry,
    admissionDate: a.admissionDate,
    admitUntilDate: a.admitUntilDate,
    aed: a.aed,
    statusEndDate: a.statusEndDate,
    departureDate: a.departureDate,
    departureRecord,
    class: a.class,
    overstayDays: a.overstayDays,
    unlawfulPresenceDays: a.unlawfulPresenceDays,
    barTier: a.barTier,
    flags: [...a.flags],
    rules,
    stored: stored
      ? { class: stored.class as AdmissionStatusView['class'], aed: stored.aed, overstayDays: stored.overstay_days }
      : null,
    changedSinceRun: changed,
  };
}

function presentRisk(r: { score: number; level: string; factors: RiskFactor[] }, decision: NeedToKnow): { view: NonNullable<PersonStatusView['risk']>; disclosed: FactorDisclosure } {
  const disclosed = discloseFactors(r.factors, decision);
  return {
    view: { score: r.score, level: r.level as NonNullable<PersonStatusView['risk']>['level'], factors: disclosed.factors },
    disclosed,
  };
}

async function assessNow(tx: Tx, entityId: string, asOf: string, config: StatusConfig) {
  const rows = await personRows(tx, asOf, entityId);
  const travel = splitTravel(rows.travel);
  const assessments = travel.admissions.length ? assessPerson(toPersonFacts(rows, travel), asOf, config) : [];
  const recordIds = [
    ...travel.admissions.map((a) => a.record_id),
    ...assessments.map((a) => a.departureRecordId).filter((x): x is string => !!x),
  ];
  const names = await read.sourceRecordNames(tx, recordIds);
  const admissionRecordOf = new Map(travel.admissions.map((r) => [r.admission_number ?? '', names.get(r.record_id) ?? null]));
  return { assessments, names, admissionRecordOf };
}

/**
 * The status of one resolved person as of the current run of `asOf` (default: the latest run;
 * with no run at all, as of today, unstored). Audited as a read of the person.
 */
export async function personStatus(
  database: Database,
  ctx: RequestContext,
  entityId: string,
  opts: { asOf?: string | undefined; today?: string } = {},
): Promise<PersonStatusView> {
  authorize(ctx, STATUS_POLICY['status.read']);
  const wanted = opts.asOf ? checkAsOf(opts.asOf) : null;
  return database.transaction(async (tx) => {
    if (!(await read.entityExists(tx, entityId))) throw new AppError('NOT_FOUND', `No person ${entityId}.`);
    const run = await currentRun(tx, wanted);
    if (wanted && !run) throw new AppError('NOT_FOUND', `No status assessment has been run as of ${wanted}.`, { asOf: wanted });
    const asOf = run?.as_of ?? opts.today ?? todayUtc();
    const config = runConfig(run);
    const now = await assessNow(tx, entityId, asOf, config);
    const stored = run ? await read.storedAssessmentsOf(tx, run.id, entityId) : [];
    const storedBy = new Map(stored.map((s) => [s.admission_number, s]));
    const storedRisk = run ? await read.storedRiskOf(tx, run.id, entityId) : null;
    const decision = await needToKnowFor(tx, ctx, [entityId]);
    const risk = storedRisk ? presentRisk(storedRisk, decision) : null;
    const admissions = now.assessments.map((a) =>
      present(a, now.admissionRecordOf.get(a.admissionNumber) ?? null, now.names, storedBy.get(a.admissionNumber), run !== null),
    );
    await audit(tx, auditContext(ctx, decision), {
      action: 'status.person.read',
      subjectType: 'person',
      subjectIds: [entityId],
      details: {
        asOf,
        runId: run?.id ?? null,
        admissions: admissions.length,
        // As the profile's read records it: the basis, and which sensitive details were shown or withheld.
        basis: decision.assignment ?? decision.basis,
        revealed: risk?.disclosed.revealed ?? [],
        masked: risk?.disclosed.withheld ?? [],
      },
    });
    return {
      entityId,
      asOf,
      configVersion: config.version,
      run: run ? presentRun(run) : null,
      admissions,
      risk: risk?.view ?? null,
    };
  });
}
