import type { LeadRow } from './leads.repo';

const DAY = 86_400_000;

/** Whitelisted fields of a lead, with its ageing. */
export function presentLeadSummary(l: LeadRow, today = new Date().toISOString().slice(0, 10)) {
  // A `date` may arrive as a string or a Date depending on the driver; compare calendar days.
  const dueDate = typeof l.due_date === 'string' ? l.due_date.slice(0, 10) : new Date(l.due_date).toISOString().slice(0, 10);
  return {
    id: l.id,
    number: l.number,
    subjectType: l.subject_type,
    subjectId: l.subject_id,
    subjectName: l.subject_name,
    type: l.lead_type,
    priority: l.priority,
    state: l.state,
    title: l.title,
    owner: l.owner_username,
    fieldOffice: l.field_office,
    outcome: l.outcome,
    dueDate,
    overdue: l.state !== 'closed' && dueDate < today,
    daysInState: Math.floor((Date.now() - new Date(l.state_since).getTime()) / DAY),
    createdAt: new Date(l.created_at).toISOString(),
    updatedAt: new Date(l.updated_at).toISOString(),
  };
}
