import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely table types, kept in step with `migrations/` (the migrations are the truth; these are
 * what repositories may read and write).
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  field_office: string | null;
  is_service_account: Generated<boolean>;
  disabled_at: Timestamp | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  password_changed_at: DefaultTimestamp;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
  granted_at: DefaultTimestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  client_ip: string | null;
  user_agent: string | null;
  revoked_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  seq: ColumnType<string, string | number, never>;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_username: string | null;
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  purpose: string | null;
  request_id: string;
  client_ip: string | null;
  subject_type: string | null;
  subject_ids: string[];
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface SourceBatchesTable {
  id: Generated<string>;
  source: string;
  file_name: string;
  file_size: ColumnType<string, number | string, never>;
  file_sha256: string;
  format: 'csv' | 'ndjson';
  loaded_by: string | null;
  loaded_by_username: string;
  legal_process_ref: string | null;
  started_at: Timestamp;
  finished_at: DefaultTimestamp;
  rows_read: number;
  rows_accepted: number;
  rows_flagged: number;
  rows_rejected: number;
  rows_skipped: number;
}

export interface SourceRejectsTable {
  batch_id: string;
  line_no: number;
  reason: string;
  raw_text: string;
}

export interface SourceRecordsTable {
  id: ColumnType<string, never, never>;
  source: string;
  record_id: string;
  version: Generated<number>;
  batch_id: string;
  line_no: number;
  received_at: Timestamp;
  content_hash: string;
  payload: Json<Record<string, string>>;
  flags: Json<unknown[]>;
  markings: Generated<string[]>;
  retention_state: Generated<'active' | 'archived' | 'on_hold'>;
}

export interface EntitiesTable {
  id: Generated<string>;
  kind: 'person' | 'organization';
  org_type: 'school' | 'employer' | 'agency' | 'exchange_program' | 'other' | null;
  display_name: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** Set by entity resolution when none of the entity's records is left in it (0020). */
  retired_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  merged_into: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RecordLinksTable {
  source_record_id: string;
  role: string;
  entity_id: string;
  method: 'identifier' | 'probabilistic' | 'manual' | 'singleton';
  match_weight: number | null;
  linked_at: DefaultTimestamp;
}

interface FactColumns {
  id: ColumnType<string, never, never>;
  source_record_id: string;
  role: Generated<string>;
}

export interface IdentifiersTable extends FactColumns {
  kind: string;
  value: string;
  normalized: string;
  issuing_country: string | null;
  valid: boolean;
}

export interface NamesTable extends FactColumns {
  given_name: string | null;
  middle_name: string | null;
  family_name: string | null;
  full_name: string;
  search_key: string;
}

export interface AddressesTable extends FactColumns {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
  normalized: string;
}

export interface RelationshipsTable {
  id: ColumnType<string, never, never>;
  source_record_id: string;
  from_role: string;
  to_role: string;
  kind: string;
  start_date: string | null;
  end_date: string | null;
}

/** Entity resolution (0020): analyst decisions, the review queue and the trained models. */
export interface ResolutionDecisionsTable {
  id: ColumnType<string, never, never>;
  kind: 'confirm' | 'reject' | 'merge' | 'split';
  reason: string;
  decided_by: string | null;
  decided_by_username: string;
  decided_at: DefaultTimestamp;
  review_item_id: string | null;
  must: Json<string[][]>;
  cannot: Json<[string[], string[]][]>;
  entities_before: Json<string[]>;
  entities_after: Json<string[]>;
  undone_at: Timestamp | null;
  undone_by: string | null;
  undone_by_username: string | null;
  undo_reason: string | null;
}

export interface ReviewQueueTable {
  id: ColumnType<string, never, never>;
  mention_a: string;
  mention_b: string;
  weight: number;
  reason: 'band' | 'incoherent' | 'conflict';
  status: Generated<'open' | 'decided' | 'closed'>;
  decision_id: string | null;
  /** Pairs of records in review between the item's two entities (the item is the strongest). */
  pairs: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface MatchModelsTable {
  version: ColumnType<number, never, never>;
  format: number;
  model: Json<unknown>;
  records: number;
  trained_at: DefaultTimestamp;
  trained_by: string;
  active: Generated<boolean>;
}

export interface DB {
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  source_batches: SourceBatchesTable;
  source_rejects: SourceRejectsTable;
  source_records: SourceRecordsTable;
  entities: EntitiesTable;
  record_links: RecordLinksTable;
  identifiers: IdentifiersTable;
  names: NamesTable;
  addresses: AddressesTable;
  relationships: RelationshipsTable;
  resolution_decisions: ResolutionDecisionsTable;
  review_queue: ReviewQueueTable;
  match_models: MatchModelsTable;
}
