import type { EvidenceKind, LeadPriority, LeadType } from '../../../src/modules/leads/leads.config';
import {
  TRANSITIONS,
  type LeadAction,
  type LeadOutcome,
  type LeadState,
} from '../../../src/modules/leads/workflow';

export const STATE_LABELS: Record<LeadState, string> = {
  new: 'New',
  under_research: 'Under research',
  ready_for_review: 'Ready for review',
  approved_for_referral: 'Approved for referral',
  referred: 'Referred',
  accepted: 'Accepted',
  declined: 'Declined',
  outcome_recorded: 'Outcome recorded',
  closed: 'Closed',
};

export const STATE_COLORS: Record<LeadState, string> = {
  new: 'gray',
  under_research: 'blue',
  ready_for_review: 'violet',
  approved_for_referral: 'indigo',
  referred: 'orange',
  accepted: 'teal',
  declined: 'red',
  outcome_recorded: 'green',
  closed: 'dark',
};

export const PRIORITY_COLORS: Record<LeadPriority, string> = {
  CRITICAL: 'red',
  HIGH: 'orange',
  MEDIUM: 'yellow',
  LOW: 'gray',
};

export const TYPE_LABELS: Record<LeadType, string> = {
  STATUS_VIOLATION: 'Status violation',
  SUSPECT_SCHOOL: 'Suspect school',
  TIP: 'Tip',
  OTHER: 'Other',
};

export const OUTCOME_LABELS: Record<LeadOutcome, string> = {
  CONFIRMED_DEPARTURE: 'Confirmed departure',
  IN_STATUS_AFTER_ALL: 'In status after all',
  ARREST: 'Arrest',
  REMOVAL_PROCEEDINGS: 'Removal proceedings',
  NO_ACTION: 'No action',
};

export const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  assessment: 'Status assessment',
  record: 'Source record',
  note: 'Note',
  tip: 'Tip',
  risk: 'Risk factor',
  attachment: 'Attachment',
};

interface ActionText {
  /** The button. */
  label: string;
  /** What happens, said in the dialog. */
  explain: string;
  color: string;
}

export const ACTION_TEXT: Record<LeadAction, ActionText> = {
  start_research: { label: 'Start research', explain: 'The lead moves to research; you can add evidence as you go.', color: 'blue' },
  submit_for_review: { label: 'Submit for review', explain: 'A supervisor other than you reviews it before any referral.', color: 'violet' },
  return_for_research: { label: 'Return for research', explain: 'The lead goes back to its owner for more research. Say what is missing.', color: 'gray' },
  approve: { label: 'Approve for referral', explain: 'You confirm the finding is ready to go to a field office. You may not approve a lead you prepared.', color: 'indigo' },
  refer: { label: 'Refer to field office', explain: 'The field office sees the lead and its referral package. Overlapping leads are checked first.', color: 'orange' },
  accept: { label: 'Accept', explain: 'Your office takes the lead on and will record its outcome.', color: 'teal' },
  decline: { label: 'Decline', explain: 'The lead goes back to the unit. Say why your office declines it.', color: 'red' },
  record_outcome: { label: 'Record outcome', explain: 'The outcome is recorded on the lead and shown on the subject’s profile.', color: 'green' },
  close: { label: 'Close lead', explain: 'A closed lead leaves every queue. Say why it is closed.', color: 'dark' },
};

/** Whether the workflow refuses this action without a reason (the server's own rule). */
export function needsReason(action: LeadAction): boolean {
  return TRANSITIONS[action].needsReason === true;
}

export function stateLabel(state: string): string {
  return (STATE_LABELS as Record<string, string>)[state] ?? state.replace(/_/g, ' ');
}

export function actionLabel(action: string): string {
  if (action === 'create') return 'Created';
  return (ACTION_TEXT as Record<string, ActionText>)[action]?.label ?? action.replace(/_/g, ' ');
}

export function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** How long a lead has been in its state, for the lead page ("since today", "for 3 days"). */
export function sinceText(days: number): string {
  return days <= 0 ? 'since today' : `for ${daysText(days)}`;
}
