import type { Tx } from '../../db/database';

// What the referral package reads besides the lead itself: the subject's records with their chain
// of custody (record → batch → file), the core facts said about the subject in each record, and
// the latest status assessment of the subject. Plain rows, no rules.

export interface CustodyRow {
  ref: string;
  source: string;
  record_id: string;
  version: number;
  line_no: number;
  received_at: Date | string;
  content_hash: string;
  payload: unknown;
  markings: string[] | null;
  role: string;
  method: string;
  batch_id: string;
  file_name: string;
  file_sha256: string;
  loaded_by: string;
  loaded_at: Date | string;
  legal_process_ref: string | null;
}

/** Every record linked to the entity (in any role), with the batch and file it came in. */
export async function custodyRecords(tx: Tx, entityId: string): Promise<CustodyRow[]> {
  return tx.query<CustodyRow>(
    `SELECT r.id::text AS ref, r.source, r.record_id, r.version, r.line_no, r.received_at, r.content_hash, r.payload, r.markings,
            l.role, l.method, b.id::text AS batch_id, b.file_name, b.file_sha256, b.loaded_by_username AS loaded_by,
            b.finished_at AS loaded_at, b.legal_process_ref
     FROM record_links l JOIN source_records r ON r.id = l.source_record_id JOIN source_batches b ON b.id = r.batch_id
     WHERE l.entity_id = $1::uuid ORDER BY r.source, r.record_id, r.version, l.role`,
    [entityId],
  );
}

export interface CoreFactRow {
  ref: string;
  kind: string;
  value: string;
}

/** Names, identifiers and addresses said about the entity in the role it has in each record. */
export async function coreFacts(tx: Tx, entityId: string): Promise<CoreFactRow[]> {
  return tx.query<CoreFactRow>(
    `SELECT f.source_record_id::text AS ref, 'name' AS kind, f.full_name AS value
       FROM names f JOIN record_links l ON l.source_record_id = f.source_record_id AND l.role = f.role WHERE l.entity_id = $1::uuid
     UNION ALL
     SELECT f.source_record_id::text, f.kind, f.value
       FROM identifiers f JOIN record_links l ON l.source_record_id = f.source_record_id AND l.role = f.role
       WHERE l.entity_id = $1::uuid AND f.kind <> 'legal_process'
     UNION ALL
     SELECT f.source_record_id::text, 'address', concat_ws(', ', nullif(f.line1, ''), nullif(f.line2, ''), nullif(f.city, ''), nullif(f.state, ''), nullif(f.postal_code, ''), nullif(f.country, ''))
       FROM addresses f JOIN record_links l ON l.source_record_id = f.source_record_id AND l.role = f.role WHERE l.entity_id = $1::uuid
     ORDER BY 2, 3, 1`,
    [entityId],
  );
}

export interface StatusRunRow {
  id: string;
  as_of: string;
  config_version: string;
  finished_at: Date | string;
  run_by_username: string;
}

export interface AssessmentRow {
  admission_number: string;
  admission_record_id: string;
  class: string;
  class_of_admission: string;
  evaluated_class: string;
  citizenship_country: string | null;
  admission_date: string | null;
  admit_until_date: string | null;
  aed: string | null;
  status_end_date: string | null;
  departure_date: string | null;
  departure_record_id: string | null;
  overstay_days: number;
  unlawful_presence_days: number;
  bar_tier: string;
  flags: string;
  rules: string;
}

export interface RiskRow {
  score: number;
  level: string;
  violations: string[];
  factors: unknown;
}

/** The latest finished, current status run that assessed this person, with its assessments and risk. */
export async function latestStatus(tx: Tx, entityId: string): Promise<{ run: StatusRunRow; assessments: AssessmentRow[]; risk: RiskRow | null } | null> {
  const runs = await tx.query<StatusRunRow>(
    `SELECT r.id::text AS id, r.as_of::text AS as_of, r.config_version, r.finished_at, r.run_by_username
     FROM status_runs r
     WHERE r.superseded_at IS NULL AND r.finished_at IS NOT NULL
       AND EXISTS (SELECT 1 FROM status_assessments a WHERE a.run_id = r.id AND a.entity_id = $1::uuid)
     ORDER BY r.as_of DESC, r.id DESC LIMIT 1`,
    [entityId],
  );
  const run = runs[0];
  if (!run) return null;
  const assessments = await tx.query<AssessmentRow>(
    `SELECT admission_number, admission_record_id::text AS admission_record_id, class, class_of_admission, evaluated_class,
            citizenship_country, admission_date::text AS admission_date, admit_until_date::text AS admit_until_date, aed::text AS aed,
            status_end_date::text AS status_end_date, departure_date::text AS departure_date, departure_record_id::text AS departure_record_id,
            overstay_days, unlawful_presence_days, bar_tier, flags, rules
     FROM status_assessments WHERE run_id = $1::bigint AND entity_id = $2::uuid ORDER BY admission_date, admission_number`,
    [run.id, entityId],
  );
  const risks = await tx.query<RiskRow>(
    `SELECT score, level, violations, factors FROM status_risks WHERE run_id = $1::bigint AND entity_id = $2::uuid ORDER BY score DESC LIMIT 1`,
    [run.id, entityId],
  );
  return { run, assessments, risk: risks[0] ?? null };
}
