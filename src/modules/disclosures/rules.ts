import { holds } from '../auth/policy';
import type { Role } from '../auth/roles';
import { AppError } from '../../shared/errors';
import { DISCLOSURES_POLICY, FULL_DISCLOSURE_ROLES, SUPERVISOR_ROUTINE_USES } from './disclosures.policy';
import { basisLabel, findLegalBasis, looksLikeConsumerReportingAgency, type LegalBasis, type LegalBasisKind } from './legal-bases';

/** The decisions of this module that need no database: which basis, which records, what may be released. */

/** May these roles disclose under this basis? Privacy officers: any; supervisors: routine uses G and I. */
export function mayDiscloseUnder(roles: readonly Role[], basis: Pick<LegalBasis, 'kind' | 'code' | 'refused'>): boolean {
  if (basis.refused) return false;
  if (roles.some((r) => FULL_DISCLOSURE_ROLES.includes(r))) return true;
  return holds(roles, DISCLOSURES_POLICY['disclosures.make']) && basis.kind === 'routine_use' && SUPERVISOR_ROUTINE_USES.includes(basis.code);
}

export interface BasisRequest {
  kind: LegalBasisKind;
  code: string;
  recipient: { agency: string; name: string };
  approvalRef?: string | undefined;
}

/** The basis in force for this request, or the reason there is none (NO_LEGAL_BASIS) or the caller may not use it (FORBIDDEN). */
export function resolveBasis(roles: readonly Role[], req: BasisRequest): LegalBasis {
  const basis = findLegalBasis(req.kind, req.code);
  if (!basis) throw new AppError('VALIDATION_FAILED', `There is no ${req.kind === 'routine_use' ? 'routine use' : '552a(b) exception'} "${req.code}" in the legal bases in force.`);
  if (basis.refused) throw new AppError('NO_LEGAL_BASIS', basis.refused);
  if (looksLikeConsumerReportingAgency(req.recipient)) {
    throw new AppError('NO_LEGAL_BASIS', 'Records in LeadTrac are never disclosed to consumer reporting agencies: the SORN gives no basis for it ("Disclosure to consumer reporting agencies: None.").');
  }
  if (!mayDiscloseUnder(roles, basis)) {
    throw new AppError('FORBIDDEN', `You may not disclose under ${basisLabel(basis.kind, basis.code)}: supervisors may disclose only under routine uses ${SUPERVISOR_ROUTINE_USES.join(' and ')}; ask a privacy officer.`, { permission: 'disclosures.make', basis: basis.code });
  }
  if (basis.requiresApproval && !req.approvalRef) {
    throw new AppError('VALIDATION_FAILED', `${basisLabel(basis.kind, basis.code)} needs the approval of ${basis.requiresApproval}: cite it in approvalRef.`);
  }
  return basis;
}

export interface LinkedRecord {
  personId: string;
  role: string;
  ref: string;
}

/**
 * Which records of which person go. Named records must each be linked to one of the persons;
 * with none named, each person's records as subject go (not records where they appear as a
 * tipster, caller or other party, which would reveal more than their own file).
 */
export function selectRecords(personIds: readonly string[], linked: readonly LinkedRecord[], recordIds?: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>(personIds.map((p) => [p, []]));
  const add = (p: string, ref: string) => {
    const list = out.get(p)!;
    if (!list.includes(ref)) list.push(ref);
  };
  if (recordIds) {
    const unknown = recordIds.filter((ref) => !linked.some((l) => l.ref === ref));
    if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', `Records ${unknown.join(', ')} are not records of the persons named.`);
    for (const l of linked) if (recordIds.includes(l.ref)) add(l.personId, l.ref);
  } else {
    for (const l of linked) if (l.role === 'subject') add(l.personId, l.ref);
  }
  const empty = [...out].filter(([, refs]) => refs.length === 0).map(([p]) => p);
  if (empty.length > 0) throw new AppError('BAD_REQUEST', `No records of person(s) ${empty.join(', ')} would go with this disclosure; name their records or leave them out.`);
  return out;
}

export type ReleaseStatus = 'released' | 'withheld' | 'never' | 'undecided';

export interface DecisionLike {
  decision: 'release' | 'release_in_part' | 'withhold';
  covered_entry_ids: readonly string[];
  withheld_entry_ids: readonly string[];
}

/** (b)(7) entries are never released; others follow the latest decision that covers them. */
export function releaseStatusOf(entry: { id: string; releasable: boolean }, latest: DecisionLike | undefined): ReleaseStatus {
  if (!entry.releasable) return 'never';
  if (!latest || !latest.covered_entry_ids.includes(entry.id)) return 'undecided';
  if (latest.decision === 'withhold') return 'withheld';
  if (latest.decision === 'release_in_part' && latest.withheld_entry_ids.includes(entry.id)) return 'withheld';
  return 'released';
}

export interface DecisionRequest {
  decision: 'release' | 'release_in_part' | 'withhold';
  exemption?: string | undefined;
  withheldEntryIds?: readonly string[] | undefined;
}

/** A decision must cite an exemption to withhold anything, and withhold in part only entries of this person. */
export function checkDecision(req: DecisionRequest, entryIds: readonly string[]): void {
  if (req.decision !== 'release' && !req.exemption) {
    throw new AppError('VALIDATION_FAILED', 'Withholding the accounting, in whole or in part, must cite the exemption: (j)(2) or (k)(2).');
  }
  if (req.decision === 'release' && (req.exemption || (req.withheldEntryIds?.length ?? 0) > 0)) {
    throw new AppError('VALIDATION_FAILED', 'A decision to release cites no exemption and withholds no entry; use release_in_part.');
  }
  if (req.decision === 'release_in_part') {
    const ids = req.withheldEntryIds ?? [];
    if (ids.length === 0) throw new AppError('VALIDATION_FAILED', 'Release in part names the entries withheld (withheldEntryIds).');
    const foreign = ids.filter((id) => !entryIds.includes(id));
    if (foreign.length > 0) throw new AppError('VALIDATION_FAILED', `Entries ${foreign.join(', ')} are not in this person's accounting.`);
  }
  if (req.decision === 'withhold' && (req.withheldEntryIds?.length ?? 0) > 0) {
    throw new AppError('VALIDATION_FAILED', 'Withholding withholds every entry; name entries only to release in part.');
  }
}
