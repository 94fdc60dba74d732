import type { Tx } from '../../db/database';
import type { RiskFactor } from './engine';

// Reads of a run's results: the ranked violators, one person's rows, the export stream.

export interface ViolatorFilterSql {
  levels: readonly string[] | null;
  violations: readonly string[] | null;
  country: string | null;
  classOfAdmission: string | null;
  school: string | null;
}

function where(f: ViolatorFilterSql, first: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${first + params.length - 1}`;
  };
  if (f.levels && f.levels.length) parts.push(`r.level = ANY(${p(f.levels)}::text[])`);
  if (f.violations && f.violations.length) parts.push(`r.violations && ${p(f.violations)}::text[]`);
  if (f.country) parts.push(`r.citizenship_country = ${p(f.country)}`);
  if (f.classOfAdmission) parts.push(`${p(f.classOfAdmission)} = ANY(r.classes_of_admission)`);
  if (f.school) parts.push(`${p(f.school)} = ANY(r.school_codes)`);
  return { sql: parts.map((x) => ` AND ${x}`).join(''), params };
}

export interface ViolatorRow {
  person_key: string;
  entity_id: string | null;
  name: string | null;
  admission_number: string | null;
  score: number;
  level: string;
  citizenship_country: string | null;
  classes_of_admission: string[];
  violations: string[];
  school_codes: string[];
  overstay_days: number;
  bar_tier: string;
  factors: RiskFactor[];
}

/** Highest score first; ties in person-key order so pages are stable. */
export async function listViolators(
  tx: Tx,
  runId: string,
  f: ViolatorFilterSql,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: ViolatorRow[] }> {
  const w = where(f, 2);
  const count = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM status_risks r WHERE r.run_id = $1${w.sql}`,
    [runId, ...w.params],
  );
  const n = w.params.length;
  const rows = await tx.query<ViolatorRow>(
    `SELECT r.person_key, r.entity_id::text AS entity_id,
       coalesce(e.display_name, nullif(trim(concat_ws(' ', a.given_name, a.family_name)), '')) AS name,
       a.admission_number, r.score, r.level, r.citizenship_country, r.classes_of_admission, r.violations,
       r.school_codes, r.overstay_days, r.bar_tier, r.factors
     FROM status_risks r
     LEFT JOIN entities e ON e.id = r.entity_id
     LEFT JOIN admissions a ON a.source_record_id = r.admission_record_id
     WHERE r.run_id = $1${w.sql}
     ORDER BY r.score DESC, r.person_key
     LIMIT $${n + 2} OFFSET $${n + 3}`,
    [runId, ...w.params, limit, offset],
  );
  return { total: count[0]!.n, rows };
}

export interface StoredAssessmentRow {
  admission_number: string;
  class: string;
  aed: string | null;
  overstay_days: number;
}

export async function storedAssessmentsOf(tx: Tx, runId: string, entityId: string): Promise<StoredAssessmentRow[]> {
  return tx.query<StoredAssessmentRow>(
    `SELECT admission_number, class, aed::text AS aed, overstay_days FROM status_assessments
     WHERE run_id = $1 AND entity_id = $2::uuid`,
    [runId, entityId],
  );
}

export async function storedRiskOf(
  tx: Tx,
  runId: string,
  entityId: string,
): Promise<{ score: number; level: string; factors: RiskFactor[] } | null> {
  const rows = await tx.query<{ score: number; level: string; factors: RiskFactor[] }>(
    `SELECT score, level, factors FROM status_risks WHERE run_id = $1 AND entity_id = $2::uuid`,
    [runId, entityId],
  );
  return rows[0] ?? null;
}

export async function entityExists(tx: Tx, entityId: string): Promise<boolean> {
  const rows = await tx.query(`SELECT 1 FROM entities WHERE id = $1::uuid AND kind = 'person'`, [entityId]);
  return rows.length > 0;
}

/** Source system and record id of source records, for the rules text and the panel. */
export async function sourceRecordNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; source: string; record_id: string }>(
    `SELECT id::text AS id, source, record_id FROM source_records WHERE id = ANY($1::bigint[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, `${r.source} ${r.record_id}`]));
}

export interface ExportRow {
  admission_number: string;
  entity_id: string | null;
  class: string;
  aed: string | null;
  overstay_days: number;
  unlawful_presence_days: number;
  bar_tier: string;
  flags: string;
  person_key: string;
  class_of_admission: string;
  citizenship_country: string | null;
  admission_date: string | null;
  departure_date: string | null;
  rules: string;
}

/** A cursor over a run's assessments in a stable order (person, then admission). */
export async function declareExportCursor(tx: Tx, runId: string): Promise<void> {
  await tx.query(
    `DECLARE status_export NO SCROLL CURSOR FOR
     SELECT admission_number, entity_id::text AS entity_id, class, aed::text AS aed, overstay_days,
       unlawful_presence_days, bar_tier, flags, person_key, class_of_admission, citizenship_country,
       admission_date::text AS admission_date, departure_date::text AS departure_date, rules
     FROM status_assessments WHERE run_id = $1
     ORDER BY person_key COLLATE "C", admission_number COLLATE "C", admission_record_id`,
    [runId],
  );
}

export async function fetchExport(tx: Tx, rows: number): Promise<ExportRow[]> {
  return tx.query<ExportRow>(`FETCH FORWARD ${Math.floor(rows)} FROM status_export`);
}
