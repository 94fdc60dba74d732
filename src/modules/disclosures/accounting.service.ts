import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import * as repo from './accounting.repo';
import { renderAccountingCsv, renderAccountingPdf } from './accounting-render';
import { DISCLOSURES_POLICY } from './disclosures.policy';
import type { AccountingEntryView, AccountingView, ReleaseDecisionInput, ReleaseDecisionView, ReleaseView } from './disclosures.schema';
import type { FileOut } from './disclosures.service';
import { ACCOUNTING_EXEMPTION_RULE } from './exemptions';
import { basisLabel } from './legal-bases';
import { isoOf } from './package-data';
import { checkDecision, releaseStatusOf } from './rules';

function presentDecision(d: repo.DecisionRow): ReleaseDecisionView {
  return {
    id: d.id,
    decision: d.decision,
    reason: d.reason,
    exemption: d.exemption,
    exemptionReason: d.exemption_reason,
    coveredEntryIds: [...d.covered_entry_ids],
    withheldEntryIds: [...d.withheld_entry_ids],
    decidedAt: isoOf(d.decided_at),
    decidedBy: d.decided_by_username,
  };
}

function presentEntry(e: repo.EntryRow, latest: repo.DecisionRow | undefined): AccountingEntryView {
  const records = typeof e.records === 'string' ? (JSON.parse(e.records) as Exclude<repo.EntryRow['records'], string>) : e.records;
  return {
    id: e.id,
    disclosureId: e.disclosure_id,
    disclosureRef: e.disclosure_ref,
    date: isoOf(e.disclosed_at).slice(0, 10),
    nature: e.nature,
    purpose: e.purpose,
    legalBasis: { kind: e.basis_kind, code: e.basis_code, label: basisLabel(e.basis_kind, e.basis_code), citation: e.basis_citation },
    recipient: { agency: e.recipient_agency, name: e.recipient_name, address: e.recipient_address },
    records: records.map((r) => ({ recordRef: r.ref, source: r.source, recordId: r.record_id, version: Number(r.version) })),
    retainUntil: e.retain_until,
    releasable: e.releasable,
    releaseStatus: releaseStatusOf(e, latest),
  };
}

/** The person's accounting as it stands; a person disposed of keeps their accounting (by id). */
async function loadAccounting(tx: Tx, personId: string): Promise<AccountingView> {
  // One connection per transaction: queries in turn, not in parallel.
  const name = await repo.personName(tx, personId);
  const entries = await repo.entriesOfPerson(tx, personId);
  const decisions = await repo.decisionsOfPerson(tx, personId);
  if (name === undefined && entries.length === 0) throw new AppError('NOT_FOUND', `No person with id ${personId}.`);
  const latest = decisions[0];
  return {
    person: { id: personId, displayName: name ?? '(person no longer held)' },
    entries: entries.map((e) => presentEntry(e, latest)),
    decisions: decisions.map(presentDecision),
  };
}

export async function getAccounting(database: Database, ctx: RequestContext, personId: string): Promise<AccountingView> {
  authorize(ctx, DISCLOSURES_POLICY['accounting.read']);
  return database.transaction(async (tx) => {
    const view = await loadAccounting(tx, personId);
    await audit(tx, ctx, { action: 'accounting.read', subjectType: 'person', subjectIds: [personId], details: { entries: view.entries.length } });
    return view;
  });
}

/**
 * Record a case-by-case decision on releasing the accounting to the individual (552a(c)(3) is
 * exempted under (j)(2)/(k)(2)). It covers the entries that exist now; later entries need a new one.
 */
export async function recordReleaseDecision(database: Database, ctx: RequestContext, personId: string, input: ReleaseDecisionInput): Promise<ReleaseDecisionView> {
  authorize(ctx, DISCLOSURES_POLICY['accounting.decide']);
  return database.transaction(async (tx) => {
    const view = await loadAccounting(tx, personId);
    const ids = view.entries.map((e) => e.id);
    checkDecision(input, ids);
    const row = await repo.insertDecision(tx, {
      person_id: personId,
      decision: input.decision,
      reason: input.reason,
      exemption: input.exemption ?? null,
      exemption_reason: input.exemption ? ACCOUNTING_EXEMPTION_RULE.reason.letter : null,
      covered_entry_ids: ids,
      withheld_entry_ids: [...new Set(input.withheldEntryIds ?? [])],
      decided_by: ctx.actor.via === 'system' ? null : ctx.actor.userId,
      decided_by_username: ctx.actor.username,
    });
    await audit(tx, ctx, {
      action: 'accounting.release_decision',
      subjectType: 'person',
      subjectIds: [personId],
      details: { decisionId: row.id, decision: row.decision, exemption: row.exemption, covered: ids.length, withheld: row.withheld_entry_ids.length },
    });
    return presentDecision(row);
  });
}

/** What may be released to the individual now: never (b)(7) entries; otherwise as the latest decision says. */
export function releasable(view: AccountingView): ReleaseView {
  const latest = view.decisions[0] ?? null;
  const count = (s: AccountingEntryView['releaseStatus']) => view.entries.filter((e) => e.releaseStatus === s).length;
  const entries = view.entries
    .filter((e) => e.releaseStatus === 'released')
    .map(({ releaseStatus: _s, releasable: _r, disclosureId: _d, records: _rec, ...rest }) => rest);
  const undecided = count('undecided');
  const message = !latest
    ? 'No release decision has been recorded: nothing may be released until a privacy officer decides.'
    : `Under the decision of ${latest.decidedAt.slice(0, 10)} (${latest.decision.replace(/_/g, ' ')}), ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} may be released.${undecided > 0 ? ` ${undecided} later entr${undecided === 1 ? 'y needs' : 'ies need'} a new decision.` : ''}`;
  return { person: view.person, decision: latest, entries, withheld: count('withheld'), neverReleased: count('never'), undecided, message };
}

export async function getReleasableAccounting(database: Database, ctx: RequestContext, personId: string): Promise<ReleaseView> {
  authorize(ctx, DISCLOSURES_POLICY['accounting.read']);
  return database.transaction(async (tx) => {
    const view = releasable(await loadAccounting(tx, personId));
    await audit(tx, ctx, { action: 'accounting.release_view', subjectType: 'person', subjectIds: [personId], details: { releasable: view.entries.length, withheld: view.withheld, neverReleased: view.neverReleased } });
    return view;
  });
}

/** The accounting as a file (CLI `export accounting`, downloads). */
export async function exportAccounting(database: Database, ctx: RequestContext, personId: string, format: 'csv' | 'pdf'): Promise<FileOut> {
  authorize(ctx, DISCLOSURES_POLICY['accounting.read']);
  const view = await database.transaction(async (tx) => {
    const v = await loadAccounting(tx, personId);
    await audit(tx, ctx, { action: 'accounting.export', subjectType: 'person', subjectIds: [personId], details: { format, entries: v.entries.length } });
    return v;
  });
  const fileName = `accounting-${personId}.${format}`;
  if (format === 'pdf') return { body: await renderAccountingPdf(view), contentType: 'application/pdf', fileName };
  return { body: renderAccountingCsv(view), contentType: 'text/csv; charset=utf-8', fileName };
}
