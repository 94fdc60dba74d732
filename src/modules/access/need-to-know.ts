import type { Actor } from '../../shared/context';
import { holds } from '../auth/policy';
import type { Marking } from './markings';
import { NEED_TO_KNOW_POLICY } from './need-to-know.policy';

/**
 * Need to know (privacy-act.md, "Safeguards"), decided in one place for every route and export
 * that shows a person: the profile, a source record, search results, the lead page, the referral
 * package and the disclosure package all ask `decideNeedToKnow` and present what it allows.
 *
 * - A user assigned to an open lead on the subject (its owner, or a field agent of the office it
 *   was referred to) sees every sensitive category of that subject, marked ones included, without
 *   stating a purpose; the read is recorded under the basis `lead:<number>`.
 * - Anyone else sees the sensitive categories only under a stated purpose (recorded with the read).
 * - Marked content (CDR, INFORMANT) needs more than a purpose outside an assignment: the matching
 *   permission, or the privacy officer's role (Privacy Act processing: requests, accounting).
 */
export type Category = 'SSN' | 'FINANCIAL' | 'CRIMINAL' | 'TIP' | 'CDR' | 'INFORMANT';
export const SENSITIVE_CATEGORIES: readonly Category[] = ['SSN', 'FINANCIAL', 'CRIMINAL', 'TIP', 'CDR', 'INFORMANT'];

/** Where the data goes: a screen or API answer, a referral package to a field office, a disclosure package outside DHS. */
export type Channel = 'view' | 'referral' | 'disclosure';

/** The open lead that makes a user assigned to a subject. */
export interface Assignment {
  readonly leadNumber: string;
}

export type Basis = 'assignment' | 'purpose' | 'disclosure' | 'none';

export interface NeedToKnow {
  readonly basis: Basis;
  /** `lead:<number>` under an assignment, else null. */
  readonly assignment: string | null;
  readonly purposeStated: boolean;
  /** What the audit row of the read records as its purpose. */
  readonly auditPurpose: string | null;
  /** Categories that stating a purpose would not reveal (marked content without the permission). */
  readonly restricted: readonly Category[];
  reveals(category: Category): boolean;
  /** May the caller see the content of a record carrying these markings? */
  mayOpen(markings: readonly Marking[]): boolean;
}

export interface NeedToKnowInput {
  actor: Pick<Actor, 'roles'>;
  purpose: string | null;
  /** The caller's open lead on the subject, if any. */
  assignment: Assignment | null;
  channel?: Channel;
  /** For the disclosure channel: the disclosure's reference, recorded as the basis. */
  disclosureRef?: string;
}

const MARKING_PERMISSION = { CDR: NEED_TO_KNOW_POLICY['marked.cdr'], INFORMANT: NEED_TO_KNOW_POLICY['marked.informant'] } as const;

function markedAllowed(input: NeedToKnowInput, marking: Marking): boolean {
  return holds(input.actor.roles, MARKING_PERMISSION[marking]) || input.actor.roles.includes('privacy_officer');
}

function decide(input: NeedToKnowInput): { basis: Basis; reveal: (c: Category) => boolean; restricted: Category[] } {
  const channel = input.channel ?? 'view';
  const purpose = input.purpose !== null;
  if (channel === 'disclosure') {
    // The legal basis of the disclosure decided what went; informants' identities never leave.
    return { basis: 'disclosure', reveal: (c) => c !== 'INFORMANT', restricted: ['INFORMANT'] };
  }
  // Lawful-process material and sources never travel in a referral package, whoever produces it.
  const never: Category[] = channel === 'referral' ? ['CDR', 'INFORMANT'] : [];
  if (input.assignment) return { basis: 'assignment', reveal: (c) => !never.includes(c), restricted: never };
  const restricted: Category[] = (['CDR', 'INFORMANT'] as const).filter((m) => never.includes(m) || !markedAllowed(input, m));
  return {
    basis: purpose ? 'purpose' : 'none',
    reveal: (c) => purpose && !restricted.includes(c),
    restricted,
  };
}

/** The one need-to-know decision for one subject and one caller. */
export function decideNeedToKnow(input: NeedToKnowInput): NeedToKnow {
  const d = decide(input);
  const assignment = input.assignment ? `lead:${input.assignment.leadNumber}` : null;
  const auditPurpose =
    d.basis === 'disclosure'
      ? `disclosure:${input.disclosureRef ?? 'unknown'}${input.purpose ? ` (${input.purpose})` : ''}`
      : assignment !== null
        ? input.purpose ? `${assignment} (${input.purpose})` : assignment
        : input.purpose;
  return {
    basis: d.basis,
    assignment,
    purposeStated: input.purpose !== null,
    auditPurpose,
    restricted: d.restricted,
    reveals: d.reveal,
    mayOpen: (markings) => markings.every((m) => d.reveal(m)),
  };
}

/** What a response says about the decision, so the screen can explain what it shows. */
export function accessSummary(d: NeedToKnow): { basis: Basis; assignment: string | null; restricted: Category[] } {
  return { basis: d.basis, assignment: d.assignment, restricted: [...d.restricted] };
}
