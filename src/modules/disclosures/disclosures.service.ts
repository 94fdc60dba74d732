import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit, auditAlone } from '../audit';
import { authorize } from '../auth/policy';
import * as repo from './disclosures.repo';
import { DISCLOSURES_POLICY } from './disclosures.policy';
import type { CreateDisclosureInput, DisclosureView } from './disclosures.schema';
import { basisLabel, currentLegalBases } from './legal-bases';
import { buildPackage, disclosureNeedToKnow, isoOf, packageDigest, type DisclosurePackage } from './package-data';
import { renderPackageCsv, renderPackageJson, renderPackagePdf } from './package-pdf';
import { mayDiscloseUnder, resolveBasis, selectRecords } from './rules';

export type PackageFormat = 'pdf' | 'json' | 'csv';

export interface FileOut {
  body: Buffer | string;
  contentType: string;
  fileName: string;
}

/** The legal bases in force, each marked with whether this caller may disclose under it. */
export function legalBasesFor(ctx: RequestContext) {
  authorize(ctx, DISCLOSURES_POLICY['disclosures.bases']);
  const v = currentLegalBases();
  return {
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    sorn: { citation: v.sorn.citation, docket: v.sorn.docket, title: v.sorn.title, published: v.sorn.published },
    nprm: { citation: v.nprm.citation, docket: v.nprm.docket, published: v.nprm.published },
    consumerReportingAgencies: v.consumerReportingAgencies,
    bases: v.bases.map((b) => ({
      kind: b.kind,
      code: b.code,
      label: basisLabel(b.kind, b.code),
      title: b.title,
      citation: b.citation,
      text: b.text,
      accountable: b.accountable,
      releasableToIndividual: b.releasableToIndividual,
      refused: b.refused ?? null,
      requiresApproval: b.requiresApproval ?? null,
      allowedForCaller: mayDiscloseUnder(ctx.actor.roles, b),
    })),
  };
}

function present(d: repo.DisclosureRow, individuals: DisclosureView['individuals']): DisclosureView {
  return {
    id: d.id,
    ref: d.ref,
    subjectType: d.subject_type,
    subjectIds: [...d.subject_ids],
    recipient: { agency: d.recipient_agency, name: d.recipient_name, address: d.recipient_address },
    legalBasis: { kind: d.basis_kind, code: d.basis_code, label: basisLabel(d.basis_kind, d.basis_code), title: d.basis_title, citation: d.basis_citation, version: d.basis_version },
    approvalRef: d.approval_ref,
    accountable: d.accountable,
    purpose: d.purpose,
    nature: d.nature,
    disclosedAt: isoOf(d.disclosed_at),
    disclosedBy: d.disclosed_by_username,
    packageSha256: d.package_sha256,
    individuals,
  };
}

function individualsOf(p: DisclosurePackage): DisclosureView['individuals'] {
  return p.individuals.map((i) => ({ personId: i.personId, displayName: i.displayName, records: i.records.length }));
}

/**
 * Disclose records outside the agency: checks the basis and the caller's right to use it, writes
 * the disclosure, what went, and one accounting entry per individual (none for (b)(1)/(b)(2)),
 * and audits it, all in one transaction. The package is produced from what was written.
 */
export async function createDisclosure(database: Database, ctx: RequestContext, input: CreateDisclosureInput): Promise<DisclosureView> {
  authorize(ctx, DISCLOSURES_POLICY['disclosures.make']);
  const basis = await refusalsAudited(database, ctx, input, () =>
    resolveBasis(ctx.actor.roles, { ...input.legalBasis, recipient: input.recipient, approvalRef: input.approvalRef }),
  );
  const personIds = [...new Set(input.personIds)];
  if (input.subjectType === 'person' && input.subjectIds.some((s) => !personIds.includes(s))) {
    throw new AppError('VALIDATION_FAILED', 'A disclosure about persons lists each subject among personIds.');
  }
  return database.transaction(async (tx) => {
    const persons = await repo.findPersons(tx, personIds);
    const missing = personIds.filter((p) => !persons.some((x) => x.id === p));
    if (missing.length > 0) throw new AppError('NOT_FOUND', `No person with id ${missing.join(', ')}.`);
    const linked = await repo.linkedRecords(tx, personIds);
    const chosen = selectRecords(personIds, linked.map((l) => ({ personId: l.person_id, role: l.role, ref: l.id })), input.recordIds);
    const row: repo.DisclosureRow = {
      id: randomUUID(),
      ref: `DSC-${new Date().getUTCFullYear()}-${(await repo.nextDisclosureNumber(tx)).padStart(6, '0')}`,
      subject_type: input.subjectType,
      subject_ids: [...new Set(input.subjectIds)],
      recipient_agency: input.recipient.agency,
      recipient_name: input.recipient.name,
      recipient_address: input.recipient.address,
      basis_kind: basis.kind,
      basis_code: basis.code,
      basis_version: currentLegalBases().version,
      basis_title: basis.title,
      basis_citation: basis.citation,
      basis_text: basis.text,
      approval_ref: input.approvalRef ?? null,
      accountable: basis.accountable,
      releasable: basis.releasableToIndividual,
      purpose: input.purpose,
      nature: input.nature,
      disclosed_at: new Date(),
      disclosed_by: ctx.actor.via === 'system' ? null : ctx.actor.userId,
      disclosed_by_username: ctx.actor.username,
      request_id: ctx.requestId,
      package_sha256: '',
    };
    const names = new Map(persons.map((p) => [p.id, p.display_name]));
    const went = recordsThatGo(linked, chosen);
    const pkg = buildPackage(row, went.map((w) => packageRow(w, names)), await repo.disputesOf(tx, went.map((w) => ({ source: w.source, recordId: w.record_id })), row.disclosed_at as Date));
    row.package_sha256 = packageDigest(pkg);
    await repo.insertDisclosure(tx, row);
    await repo.insertDisclosedRecords(tx, row.id, [...chosen].flatMap(([personId, refs]) => refs.map((recordRef) => ({ personId, recordRef }))));
    const entries = row.accountable ? await repo.insertAccountingEntries(tx, row, chosen) : 0;
    await audit(tx, ctx, {
      action: 'disclosure.create',
      subjectType: 'person',
      subjectIds: personIds,
      details: { disclosureId: row.id, ref: row.ref, basis: basisLabel(basis.kind, basis.code), recipientAgency: row.recipient_agency, accountable: row.accountable, accountingEntries: entries, records: went.length, subjectType: row.subject_type, subjectIds: row.subject_ids },
    });
    return present(row, individualsOf(pkg));
  });
}

/** Each chosen (person, record) once, though a record may link a person in several roles. */
function recordsThatGo(linked: readonly repo.LinkedRecordRow[], chosen: ReadonlyMap<string, readonly string[]>): repo.LinkedRecordRow[] {
  const seen = new Set<string>();
  const out: repo.LinkedRecordRow[] = [];
  for (const l of linked) {
    const key = `${l.person_id}:${l.id}`;
    if (!chosen.get(l.person_id)?.includes(l.id) || seen.has(key)) continue;
    seen.add(key);
    out.push(l);
  }
  return out;
}

function packageRow(w: repo.LinkedRecordRow, names: ReadonlyMap<string, string>): repo.DisclosedRecordRow {
  return { person_id: w.person_id, display_name: names.get(w.person_id) ?? null, source_record_id: w.id, source: w.source, record_id: w.record_id, version: w.version, received_at: w.received_at, payload: w.payload };
}

/** A disclosure refused for want of a legal basis is itself worth a line in the audit log. */
async function refusalsAudited<T>(database: Database, ctx: RequestContext, input: CreateDisclosureInput, fn: () => T): Promise<T> {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'NO_LEGAL_BASIS') {
      await auditAlone(database, ctx, { action: 'disclosure.refused', outcome: 'denied', subjectType: 'person', subjectIds: input.personIds, details: { reason: e.message, basis: input.legalBasis, recipientAgency: input.recipient.agency } });
    }
    throw e;
  }
}

async function loadPackage(tx: Tx, id: string): Promise<{ row: repo.DisclosureRow; pkg: DisclosurePackage }> {
  const row = await repo.getDisclosureRow(tx, id);
  if (!row) throw new AppError('NOT_FOUND', `No disclosure ${id}.`);
  const records = await repo.disclosedRecords(tx, id);
  const keys = records.flatMap((r) => (r.source && r.record_id ? [{ source: r.source, recordId: r.record_id }] : []));
  const pkg = buildPackage(row, records, await repo.disputesOf(tx, keys, new Date(row.disclosed_at)));
  return { row, pkg };
}

export async function getDisclosure(database: Database, ctx: RequestContext, id: string): Promise<DisclosureView> {
  authorize(ctx, DISCLOSURES_POLICY['disclosures.read']);
  return database.transaction(async (tx) => {
    const { row, pkg } = await loadPackage(tx, id);
    const view = present(row, individualsOf(pkg));
    await audit(tx, ctx, { action: 'disclosure.read', subjectType: 'person', subjectIds: view.individuals.map((i) => i.personId), details: { disclosureId: id, ref: row.ref } });
    return view;
  });
}

export async function listDisclosures(database: Database, ctx: RequestContext, limit: number) {
  authorize(ctx, DISCLOSURES_POLICY['disclosures.read']);
  return database.transaction(async (tx) => {
    const rows = await repo.listDisclosureRows(tx, limit);
    await audit(tx, ctx, { action: 'disclosure.list', details: { returned: rows.length } });
    return rows.map((r) => {
      const { individuals: _i, subjectIds: _s, ...rest } = present(r, []);
      return { ...rest, individuals: Number(r.individuals) };
    });
  });
}

/** The package as PDF, JSON or CSV; every production is audited with the persons it names. */
export async function getDisclosurePackage(database: Database, ctx: RequestContext, id: string, format: PackageFormat): Promise<FileOut> {
  authorize(ctx, DISCLOSURES_POLICY['disclosures.read']);
  const { row, pkg } = await database.transaction(async (tx) => {
    const loaded = await loadPackage(tx, id);
    await audit(tx, { ...ctx, purpose: disclosureNeedToKnow(loaded.row.ref, ctx.purpose).auditPurpose }, {
      action: 'disclosure.package',
      subjectType: 'person',
      subjectIds: loaded.pkg.individuals.map((i) => i.personId),
      details: { disclosureId: id, ref: loaded.row.ref, format, matchesDigest: packageDigest(loaded.pkg) === loaded.row.package_sha256 },
    });
    return loaded;
  });
  const fileName = `${row.ref}.${format}`;
  if (format === 'pdf') return { body: await renderPackagePdf(pkg), contentType: 'application/pdf', fileName };
  if (format === 'json') return { body: renderPackageJson(pkg), contentType: 'application/json; charset=utf-8', fileName };
  return { body: renderPackageCsv(pkg), contentType: 'text/csv; charset=utf-8', fileName };
}
