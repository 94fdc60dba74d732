import { sql, type Kysely } from 'kysely';
import type { Tx } from '../../db/database';
import type { DB } from '../../db/schema';
import type { EvidenceKind, LeadPriority, LeadType } from './leads.config';
import type { LeadOutcome, LeadState } from './workflow';

export interface LeadRow {
  id: string;
  number: string;
  subject_type: 'person' | 'organization';
  subject_id: string;
  subject_name: string;
  lead_type: LeadType;
  priority: LeadPriority;
  state: LeadState;
  title: string;
  summary: string;
  owner_id: string;
  owner_username: string;
  prepared_by: string | null;
  approved_by: string | null;
  field_office: string | null;
  outcome: LeadOutcome | null;
  outcome_note: string | null;
  due_date: string;
  state_since: Date;
  created_at: Date;
  updated_at: Date;
}

const LEAD_SELECT = `SELECT l.*, u.username AS owner_username FROM leads l JOIN users u ON u.id = l.owner_id`;

export async function findLead(tx: Tx, id: string, forUpdate = false): Promise<LeadRow | undefined> {
  const rows = await tx.query<LeadRow>(`${LEAD_SELECT} WHERE l.id = $1${forUpdate ? ' FOR UPDATE OF l' : ''}`, [id]);
  return rows[0];
}

export async function findOpenLeadForSubject(tx: Tx, subjectType: string, subjectId: string): Promise<LeadRow | undefined> {
  const rows = await tx.query<LeadRow>(`${LEAD_SELECT} WHERE l.subject_type = $1 AND l.subject_id = $2 AND l.state <> 'closed' FOR UPDATE OF l`, [subjectType, subjectId]);
  return rows[0];
}

export async function subjectName(db: Kysely<DB>, subjectId: string): Promise<{ kind: string; name: string } | undefined> {
  const r = await db.selectFrom('entities').select(['kind', 'display_name']).where('id', '=', subjectId).executeTakeFirst();
  return r && { kind: r.kind, name: r.display_name };
}

export async function insertLead(
  tx: Tx,
  l: { subjectType: string; subjectId: string; subjectName: string; type: LeadType; priority: LeadPriority; title: string; summary: string; ownerId: string; dueDate: string },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO leads (number, subject_type, subject_id, subject_name, lead_type, priority, state, title, summary, owner_id, due_date)
     VALUES ('LT-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('lead_number_seq')::text, 6, '0'), $1, $2, $3, $4, $5, 'new', $6, $7, $8, $9)
     RETURNING id`,
    [l.subjectType, l.subjectId, l.subjectName, l.type, l.priority, l.title, l.summary, l.ownerId, l.dueDate],
  );
  return rows[0]!.id;
}

export async function updateLeadState(
  tx: Tx,
  id: string,
  set: { state: LeadState; preparedBy?: string; approvedBy?: string; fieldOffice?: string; outcome?: string; outcomeNote?: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE leads SET state = $2, state_since = now(), updated_at = now(),
       prepared_by = coalesce($3, prepared_by), approved_by = coalesce($4, approved_by),
       field_office = coalesce($5, field_office), outcome = coalesce($6, outcome), outcome_note = coalesce($7, outcome_note)
     WHERE id = $1`,
    [id, set.state, set.preparedBy ?? null, set.approvedBy ?? null, set.fieldOffice ?? null, set.outcome ?? null, set.outcomeNote ?? null],
  );
}

export async function setOwner(tx: Tx, ids: readonly string[], ownerId: string): Promise<number> {
  const rows = await tx.query<{ id: string }>(`UPDATE leads SET owner_id = $2, updated_at = now() WHERE id = ANY($1::uuid[]) AND state <> 'closed' RETURNING id`, [ids, ownerId]);
  return rows.length;
}

export async function insertTransition(
  tx: Tx,
  t: { leadId: string; action: string; from: LeadState | null; to: LeadState; actorId: string | null; actorUsername: string; reason: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO lead_transitions (lead_id, action, from_state, to_state, actor_id, actor_username, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [t.leadId, t.action, t.from, t.to, t.actorId, t.actorUsername, t.reason],
  );
}

export async function insertEvidence(tx: Tx, leadId: string, e: { kind: EvidenceKind; ref: string | null; note: string }, addedBy: string): Promise<void> {
  await tx.query(`INSERT INTO lead_evidence (lead_id, kind, ref, note, added_by) VALUES ($1, $2, $3, $4, $5)`, [leadId, e.kind, e.ref, e.note, addedBy]);
}

export async function leadHistory(tx: Tx, id: string) {
  const transitions = await tx.query<{ action: string; from_state: string | null; to_state: string; actor_username: string; reason: string | null; at: Date }>(
    `SELECT action, from_state, to_state, actor_username, reason, at FROM lead_transitions WHERE lead_id = $1 ORDER BY id`,
    [id],
  );
  const evidence = await tx.query<{ id: string; kind: string; ref: string | null; note: string; added_by: string; added_at: Date }>(
    `SELECT id::text, kind, ref, note, added_by, added_at FROM lead_evidence WHERE lead_id = $1 ORDER BY id`,
    [id],
  );
  const overlaps = await tx.query<{ other_lead_id: string; other_number: string; other_owner: string; overlap_kind: string; overlap_value: string; found_at: Date }>(
    `SELECT o.other_id AS other_lead_id, l.number AS other_number, u.username AS other_owner, o.overlap_kind, o.overlap_value, o.found_at
     FROM (SELECT other_lead_id AS other_id, overlap_kind, overlap_value, found_at FROM lead_overlaps WHERE lead_id = $1
           UNION SELECT lead_id, overlap_kind, overlap_value, found_at FROM lead_overlaps WHERE other_lead_id = $1) o
     JOIN leads l ON l.id = o.other_id JOIN users u ON u.id = l.owner_id ORDER BY o.found_at, l.number`,
    [id],
  );
  return { transitions, evidence, overlaps };
}

export interface LeadListFilter {
  ownerId?: string;
  states?: readonly LeadState[];
  fieldOffice?: string;
  overdueOn?: string;
  priority?: LeadPriority;
  leadType?: LeadType;
  notPreparedBy?: string;
  subjectId?: string;
  sort: 'due' | 'priority' | 'updated';
  limit: number;
}

export async function listLeads(tx: Tx, f: LeadListFilter): Promise<LeadRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.ownerId) where.push(`l.owner_id = ${p(f.ownerId)}`);
  if (f.states) where.push(`l.state = ANY(${p(f.states)}::text[])`);
  if (f.fieldOffice) where.push(`l.field_office = ${p(f.fieldOffice)}`);
  if (f.overdueOn) where.push(`l.due_date < ${p(f.overdueOn)}::date AND l.state <> 'closed'`);
  if (f.priority) where.push(`l.priority = ${p(f.priority)}`);
  if (f.leadType) where.push(`l.lead_type = ${p(f.leadType)}`);
  if (f.subjectId) where.push(`l.subject_id = ${p(f.subjectId)}::uuid`);
  if (f.notPreparedBy) where.push(`(l.prepared_by IS NULL OR l.prepared_by <> ${p(f.notPreparedBy)}) AND l.owner_id <> ${p(f.notPreparedBy)}`);
  const order =
    f.sort === 'priority'
      ? `array_position(ARRAY['CRITICAL','HIGH','MEDIUM','LOW'], l.priority), l.due_date`
      : f.sort === 'updated'
        ? `l.updated_at DESC`
        : `l.due_date, l.number`;
  return tx.query<LeadRow>(`${LEAD_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${p(f.limit)}`, params);
}

/**
 * Other open leads that touch this lead's subject: the same person through another party role,
 * a shared phone, e-mail or address, or a school (a lead on the school, or on a fellow student).
 */
export async function findOverlaps(tx: Tx, lead: LeadRow): Promise<{ otherLeadId: string; kind: string; value: string }[]> {
  return tx.query<{ otherLeadId: string; kind: string; value: string }>(
    `WITH mine AS (
       SELECT source_record_id, role FROM record_links WHERE entity_id = $1
     ), keys AS (
       SELECT i.kind, i.normalized AS val FROM identifiers i JOIN mine m USING (source_record_id)
       -- A school code belongs to the record's school party, and is shared by every student of it.
       WHERE (i.kind IN ('phone','email') AND i.role IN ('subject', m.role)) OR i.kind = 'school_code'
       UNION
       SELECT 'address', a.normalized FROM addresses a JOIN mine m USING (source_record_id) WHERE a.role = m.role AND a.normalized <> ''
     ), touched AS (
       SELECT rl.entity_id, k.kind, k.val FROM keys k
         JOIN identifiers i ON k.kind <> 'address' AND i.kind = k.kind AND i.normalized = k.val
         JOIN record_links rl ON rl.source_record_id = i.source_record_id
       UNION
       SELECT rl.entity_id, k.kind, k.val FROM keys k
         JOIN addresses a ON k.kind = 'address' AND a.normalized = k.val
         JOIN record_links rl ON rl.source_record_id = a.source_record_id AND rl.role = a.role
     )
     SELECT DISTINCT l.id AS "otherLeadId", t.kind, t.val AS value
     FROM touched t JOIN leads l ON l.subject_id = t.entity_id
     WHERE l.state <> 'closed' AND l.id <> $2 AND t.entity_id <> $1
     ORDER BY 1, 2, 3`,
    [lead.subject_id, lead.id],
  );
}

export async function saveOverlaps(tx: Tx, leadId: string, found: readonly { otherLeadId: string; kind: string; value: string }[]): Promise<number> {
  let added = 0;
  for (const o of found) {
    const r = await tx.query(
      `INSERT INTO lead_overlaps (lead_id, other_lead_id, overlap_kind, overlap_value) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
      [leadId, o.otherLeadId, o.kind, o.value],
    );
    added += r.length;
  }
  return added;
}

/** True when the user owns, or was referred (by office), an open lead on this subject. */
export async function hasLeadOnSubject(db: Kysely<DB>, userId: string, fieldOffice: string | null, subjectId: string): Promise<boolean> {
  const r = await sql<{ ok: number }>`SELECT 1 AS ok FROM leads WHERE subject_id = ${subjectId} AND state <> 'closed'
    AND (owner_id = ${userId} OR (${fieldOffice}::text IS NOT NULL AND field_office = ${fieldOffice} AND state IN ('referred','accepted','declined','outcome_recorded')))
    LIMIT 1`.execute(db);
  return r.rows.length > 0;
}

/** Analysts and supervisors who can own leads (for a supervisor's bulk assignment). */
export async function listAssignees(db: Kysely<DB>): Promise<{ id: string; username: string; displayName: string }[]> {
  const r = await sql<{ id: string; username: string; displayName: string }>`SELECT DISTINCT u.id, u.username, u.display_name AS "displayName"
    FROM users u JOIN user_roles r ON r.user_id = u.id
    WHERE r.role IN ('analyst', 'supervisor') AND u.disabled_at IS NULL AND NOT u.is_service_account ORDER BY u.username`.execute(db);
  return r.rows;
}

/** Field offices that have an active field agent. */
export async function listFieldOffices(db: Kysely<DB>): Promise<string[]> {
  const r = await sql<{ office: string }>`SELECT DISTINCT upper(u.field_office) AS office
    FROM users u JOIN user_roles r ON r.user_id = u.id
    WHERE r.role = 'field_agent' AND u.field_office IS NOT NULL AND u.field_office <> '' AND u.disabled_at IS NULL ORDER BY 1`.execute(db);
  return r.rows.map((x) => x.office);
}
