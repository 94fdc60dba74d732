import { parseDay } from './days';
import { normalizeCode, type CompiledConfig } from './compiled-config';
import type { ClaimFact } from './types';

export type ClaimForm = 'EXTENSION_OR_CHANGE' | 'ADJUSTMENT' | 'OTHER';

export function claimForm(cc: CompiledConfig, claim: ClaimFact): ClaimForm {
  const form = normalizeCode(claim.formType);
  if (cc.adjustmentForms.has(form)) return 'ADJUSTMENT';
  if (cc.extensionForms.has(form)) return 'EXTENSION_OR_CHANGE';
  return 'OTHER';
}

export type ClaimStatus = 'PENDING' | 'APPROVED' | 'DENIED' | 'WITHDRAWN' | 'UNKNOWN';

export interface ClaimState {
  status: ClaimStatus;
  /** NaN when the record gives no (readable) decision date. */
  decisionDay: number;
}

/** The claim as it stood on the AOD: a decision dated later is not known yet. */
export function claimStateAt(claim: ClaimFact, asOfDay: number): ClaimState {
  const recorded = normalizeCode(claim.status);
  const decisionDay = parseDay(claim.decisionDate);
  if (recorded === 'PENDING') return { status: 'PENDING', decisionDay: NaN };
  if (recorded !== 'APPROVED' && recorded !== 'DENIED' && recorded !== 'WITHDRAWN') {
    return { status: 'UNKNOWN', decisionDay };
  }
  // A decision dated after the AOD is not known yet: the claim was still pending then.
  if (decisionDay > asOfDay) return { status: 'PENDING', decisionDay: NaN };
  return { status: recorded, decisionDay };
}

/** An H-1B cap petition asking for a change of status (the cap-gap rule). */
export function isCapGapPetition(cc: CompiledConfig, claim: ClaimFact): boolean {
  return (
    claim.capPetition === true &&
    claimForm(cc, claim) === 'EXTENSION_OR_CHANGE' &&
    claim.requestedClass !== null &&
    normalizeCode(claim.requestedClass) === 'H1B'
  );
}
