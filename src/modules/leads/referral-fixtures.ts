import type { LeadRow } from './leads.repo';
import type { CustodyRow } from './referral.repo';

// Factories for the referral package's unit tests. Synthetic people only.
let nextRef = 100;
export function custodyRow(over: Partial<CustodyRow> & Pick<CustodyRow, 'source' | 'record_id'>): CustodyRow {
  nextRef++;
  return {
    ref: String(nextRef),
    version: 1,
    line_no: 2,
    received_at: '2026-11-01T10:00:00Z',
    content_hash: `hash${nextRef}`,
    payload: {},
    markings: [],
    role: 'subject',
    method: 'identifier',
    batch_id: `batch-${over.source}`,
    file_name: `${over.source}.csv`,
    file_sha256: 'ab'.repeat(32),
    loaded_by: 'records',
    loaded_at: '2026-11-01T10:00:05Z',
    legal_process_ref: null,
    ...over,
  };
}

export function leadRow(over: Partial<LeadRow> = {}): LeadRow {
  return {
    id: '7f1c2a8e-0000-4000-8000-000000000001',
    number: 'LT-2026-000042',
    subject_type: 'person',
    subject_id: '7f1c2a8e-0000-4000-8000-0000000000aa',
    subject_name: 'Nadia Testova',
    lead_type: 'STATUS_VIOLATION',
    priority: 'HIGH',
    state: 'approved_for_referral',
    title: 'Suspected in-country overstay',
    summary: 'No departure recorded.',
    owner_id: 'u1',
    owner_username: 'analyst',
    prepared_by: 'u1',
    approved_by: 'u2',
    field_office: null,
    outcome: null,
    outcome_note: null,
    due_date: '2026-12-05',
    state_since: new Date('2026-11-20T00:00:00Z'),
    created_at: new Date('2026-11-19T00:00:00Z'),
    updated_at: new Date('2026-11-20T00:00:00Z'),
    ...over,
  };
}
