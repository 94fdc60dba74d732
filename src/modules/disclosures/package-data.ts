import { createHash } from 'node:crypto';
import { decideNeedToKnow, type NeedToKnow } from '../access';
import { columnCategory, Disclosure } from '../profiles';
import { getSource, isSourceName } from '../sources/registry';
import { basisLabel, currentLegalBases } from './legal-bases';
import { CLASSIFICATION } from './pdf-frame';
import type { DisclosedRecordRow, DisclosureRow, DisputeRow } from './disclosures.repo';

/**
 * The disclosure package as data: what the PDF, JSON and CSV all render. Built only from what the
 * database holds for the disclosure (its row, the record versions that went, disputes noted
 * before it), so the same package comes out every time it is produced.
 */
export interface PackageField {
  name: string;
  value: string;
}

export interface PackageRecord {
  recordRef: string;
  source: string;
  recordId: string;
  version: number;
  receivedAt: string;
  fields: PackageField[];
  /** Statements of dispute noted on the record before the disclosure, sent with it. */
  disputes: { note: string; notedAt: string }[];
}

export interface PackageIndividual {
  personId: string;
  displayName: string;
  records: PackageRecord[];
}

export interface DisclosurePackage {
  classification: string;
  system: { name: string; sorn: string };
  disclosure: {
    id: string;
    ref: string;
    disclosedAt: string;
    disclosedBy: string;
    subjectType: string;
    subjectIds: string[];
    recipient: { agency: string; name: string; address: string };
    legalBasis: { kind: string; code: string; label: string; title: string; citation: string; version: string; text: string; approvalRef: string | null };
    purpose: string;
    nature: string;
    accountable: boolean;
    accountingNote: string;
  };
  individuals: PackageIndividual[];
  /** Values withheld from the package (informant identities), counted. */
  withheldValues: number;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function isoOf(v: Date | string): string {
  return new Date(v).toISOString();
}

/**
 * What a disclosure package may carry is the need-to-know decision for the disclosure channel: the
 * legal basis decided what goes, and informants' identities never leave the agency.
 */
export function disclosureNeedToKnow(ref: string, purpose: string | null = null): NeedToKnow {
  return decideNeedToKnow({ actor: { roles: [] }, purpose, assignment: null, channel: 'disclosure', disclosureRef: ref });
}

/** Column order of the source definition, then any other keys in name order; empty values left out. */
function orderedFields(d: Disclosure, source: string, payload: Record<string, unknown>): { fields: PackageField[]; withheld: number } {
  const known = isSourceName(source) ? getSource(source).columns.map((c) => c.name) : [];
  const rest = Object.keys(payload).filter((k) => !known.includes(k)).sort();
  let withheld = 0;
  const fields: PackageField[] = [];
  for (const name of [...known, ...rest]) {
    const raw = payload[name];
    if (raw === undefined || raw === null || raw === '') continue;
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
    const category = isSourceName(source) ? columnCategory(source, name) : null;
    const value = category ? (d.show(category, text) ?? '') : text;
    if (value !== text) withheld++;
    fields.push({ name, value });
  }
  return { fields, withheld };
}

function accountingNote(d: DisclosureRow, individuals: number): string {
  if (!d.accountable) return `No accounting of disclosures is required under 5 U.S.C. 552a(c)(1) for a ${basisLabel(d.basis_kind, d.basis_code)} disclosure; this disclosure is recorded in the audit log.`;
  const never = d.releasable ? '' : ' Entries under 552a(b)(7) are never released to the individual.';
  return `Recorded in the accounting of disclosures of ${individuals} individual(s), kept for five years or the life of the record, whichever is longer.${never}`;
}

export function buildPackage(d: DisclosureRow, rows: readonly DisclosedRecordRow[], disputes: readonly DisputeRow[]): DisclosurePackage {
  const shown = new Disclosure(disclosureNeedToKnow(d.ref));
  const byPerson = new Map<string, PackageIndividual>();
  let withheldValues = 0;
  for (const r of rows) {
    let person = byPerson.get(r.person_id);
    if (!person) {
      person = { personId: r.person_id, displayName: r.display_name ?? '(person no longer held)', records: [] };
      byPerson.set(r.person_id, person);
    }
    if (r.source === null || r.record_id === null) {
      person.records.push({ recordRef: r.source_record_id, source: '(disposed)', recordId: '', version: 0, receivedAt: '', fields: [], disputes: [] });
      continue;
    }
    const { fields, withheld } = orderedFields(shown, r.source, (r.payload ?? {}) as Record<string, unknown>);
    withheldValues += withheld;
    person.records.push({
      recordRef: r.source_record_id,
      source: r.source,
      recordId: r.record_id,
      version: Number(r.version),
      receivedAt: r.received_at ? isoOf(r.received_at).slice(0, 10) : '',
      fields,
      disputes: disputes.filter((x) => x.source === r.source && x.record_id === r.record_id).map((x) => ({ note: x.note, notedAt: isoOf(x.recorded_at).slice(0, 10) })),
    });
  }
  // Code-point order, not the database's collation: the same package on PostgreSQL and PGlite.
  const individuals = [...byPerson.values()].sort((a, b) => cmp(a.displayName, b.displayName) || cmp(a.personId, b.personId));
  for (const i of individuals) i.records.sort((a, b) => cmp(a.source, b.source) || cmp(a.recordId, b.recordId) || a.version - b.version || cmp(a.recordRef, b.recordRef));
  const sorn = currentLegalBases().sorn;
  return {
    classification: CLASSIFICATION,
    system: { name: sorn.title, sorn: sorn.citation },
    disclosure: {
      id: d.id,
      ref: d.ref,
      disclosedAt: isoOf(d.disclosed_at),
      disclosedBy: d.disclosed_by_username,
      subjectType: d.subject_type,
      subjectIds: [...d.subject_ids],
      recipient: { agency: d.recipient_agency, name: d.recipient_name, address: d.recipient_address },
      legalBasis: { kind: d.basis_kind, code: d.basis_code, label: basisLabel(d.basis_kind, d.basis_code), title: d.basis_title, citation: d.basis_citation, version: d.basis_version, text: d.basis_text, approvalRef: d.approval_ref },
      purpose: d.purpose,
      nature: d.nature,
      accountable: d.accountable,
      accountingNote: accountingNote(d, individuals.length),
    },
    individuals,
    withheldValues,
  };
}

/** The fingerprint stored with the disclosure: a package produced later can be checked against it. */
export function packageDigest(p: DisclosurePackage): string {
  return createHash('sha256').update(JSON.stringify(p)).digest('hex');
}
