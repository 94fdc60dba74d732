import type { Role } from '../auth/roles';

/** A lead's life, in order (issue 7). */
export const LEAD_STATES = [
  'new',
  'under_research',
  'ready_for_review',
  'approved_for_referral',
  'referred',
  'accepted',
  'declined',
  'outcome_recorded',
  'closed',
] as const;
export type LeadState = (typeof LEAD_STATES)[number];

export const OPEN_STATES: readonly LeadState[] = LEAD_STATES.filter((s) => s !== 'closed');

export const LEAD_OUTCOMES = [
  'CONFIRMED_DEPARTURE',
  'IN_STATUS_AFTER_ALL',
  'ARREST',
  'REMOVAL_PROCEEDINGS',
  'NO_ACTION',
] as const;
export type LeadOutcome = (typeof LEAD_OUTCOMES)[number];

export const LEAD_ACTIONS = [
  'start_research',
  'submit_for_review',
  'return_for_research',
  'approve',
  'refer',
  'accept',
  'decline',
  'record_outcome',
  'close',
] as const;
export type LeadAction = (typeof LEAD_ACTIONS)[number];

/** Who is asking, relative to the lead. */
export interface LeadActor {
  userId: string;
  roles: readonly Role[];
  fieldOffice: string | null;
}

export interface LeadFacts {
  state: LeadState;
  ownerId: string;
  preparedBy: string | null;
  fieldOffice: string | null;
}

interface Rule {
  from: readonly LeadState[];
  to: LeadState;
  /** Why a reason must be given (refusals and returns need one). */
  needsReason?: boolean;
  who: (a: LeadActor, l: LeadFacts) => string | null;
}

const has = (a: LeadActor, ...roles: Role[]) => roles.some((r) => a.roles.includes(r));
const ownerOrSupervisor = (a: LeadActor, l: LeadFacts) =>
  a.userId === l.ownerId || has(a, 'supervisor') ? null : 'only the lead’s owner or a supervisor may do this';
const officeAgent = (a: LeadActor, l: LeadFacts) =>
  has(a, 'field_agent') && a.fieldOffice !== null && a.fieldOffice === l.fieldOffice
    ? null
    : `only a field agent of the ${l.fieldOffice ?? 'receiving'} field office may do this`;

/**
 * The transitions and who may make them. Separation of duties: approval for referral is a
 * supervisor's, and never the person who prepared the lead for review.
 */
export const TRANSITIONS: Readonly<Record<LeadAction, Rule>> = {
  start_research: { from: ['new'], to: 'under_research', who: ownerOrSupervisor },
  submit_for_review: { from: ['under_research'], to: 'ready_for_review', who: ownerOrSupervisor },
  return_for_research: {
    from: ['ready_for_review', 'approved_for_referral', 'declined'],
    to: 'under_research',
    needsReason: true,
    who: (a) => (has(a, 'supervisor') ? null : 'only a supervisor may return a lead for more research'),
  },
  approve: {
    from: ['ready_for_review'],
    to: 'approved_for_referral',
    who: (a, l) =>
      !has(a, 'supervisor')
        ? 'only a supervisor may approve a lead for referral'
        : a.userId === l.preparedBy || a.userId === l.ownerId
          ? 'the person who prepared a lead may not approve it (separation of duties)'
          : null,
  },
  refer: {
    from: ['approved_for_referral'],
    to: 'referred',
    who: (a) => (has(a, 'supervisor') ? null : 'only a supervisor may refer a lead to a field office'),
  },
  accept: { from: ['referred'], to: 'accepted', who: officeAgent },
  decline: { from: ['referred'], to: 'declined', needsReason: true, who: officeAgent },
  record_outcome: { from: ['accepted'], to: 'outcome_recorded', who: officeAgent },
  close: {
    from: ['new', 'under_research', 'outcome_recorded', 'declined'],
    to: 'closed',
    needsReason: true,
    who: ownerOrSupervisor,
  },
};

export type TransitionCheck = { ok: true; to: LeadState } | { ok: false; reason: string };

/** May this actor take this action on this lead now? Says why not, in words. */
export function checkTransition(action: LeadAction, actor: LeadActor, lead: LeadFacts, reason: string | null): TransitionCheck {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(lead.state)) {
    return { ok: false, reason: `a lead that is ${lead.state.replace(/_/g, ' ')} cannot be ${pastTense(action)}; allowed from: ${rule.from.map((s) => s.replace(/_/g, ' ')).join(', ')}` };
  }
  const refusal = rule.who(actor, lead);
  if (refusal) return { ok: false, reason: refusal };
  if (rule.needsReason && !reason?.trim()) return { ok: false, reason: `give a reason to ${action.replace(/_/g, ' ')}` };
  return { ok: true, to: rule.to };
}

function pastTense(action: LeadAction): string {
  const words: Record<LeadAction, string> = {
    start_research: 'put under research',
    submit_for_review: 'submitted for review',
    return_for_research: 'returned for research',
    approve: 'approved',
    refer: 'referred',
    accept: 'accepted',
    decline: 'declined',
    record_outcome: 'given an outcome',
    close: 'closed',
  };
  return words[action];
}

/** The actions this actor could take now (for the buttons on the lead page). */
export function availableActions(actor: LeadActor, lead: LeadFacts): LeadAction[] {
  return LEAD_ACTIONS.filter((a) => {
    const c = checkTransition(a, actor, lead, 'x');
    return c.ok;
  });
}
