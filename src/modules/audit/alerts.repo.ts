import type { Tx } from '../../db/database';

// Plain rows for the unusual-access alerts; the thresholds are applied by alerts.service.ts.

export interface DailyReadsRow {
  actor_id: string;
  actor_username: string;
  day: string;
  subjects: number;
  /** Sum of the distinct subjects read per day over the baseline days before `day`. */
  baseline_total: number;
}

/**
 * Distinct subjects each user read per UTC day in [from, to], with the same count summed over the
 * `baselineDays` before each day. The subjects of a row: a record read names the entities of the
 * record (details.entities); a lead action names the lead first, then its subject.
 */
export async function dailySubjectReads(tx: Tx, actions: readonly string[], from: string, to: string, baselineDays: number): Promise<DailyReadsRow[]> {
  return tx.query<DailyReadsRow>(
    `WITH reads AS (
       SELECT a.actor_id, a.actor_username, (a.occurred_at AT TIME ZONE 'UTC')::date AS day, s.subject
       FROM audit_log a
       CROSS JOIN LATERAL unnest(CASE
           WHEN a.action = 'record.read' THEN ARRAY(SELECT jsonb_array_elements_text(coalesce(a.details->'entities', '[]'::jsonb)))
           WHEN a.action LIKE 'lead.%' THEN a.subject_ids[2:]
           ELSE a.subject_ids END) AS s(subject)
       WHERE a.outcome = 'success' AND a.actor_id IS NOT NULL AND a.action = ANY($1::text[])
         AND a.occurred_at >= (($2::date - $4::int)::timestamp AT TIME ZONE 'UTC') AND a.occurred_at < (($3::date + 1)::timestamp AT TIME ZONE 'UTC')
     ),
     daily AS (
       SELECT actor_id, max(actor_username) AS actor_username, day, count(DISTINCT subject)::int AS subjects
       FROM reads GROUP BY actor_id, day
     )
     SELECT d.actor_id::text AS actor_id, d.actor_username, d.day::text AS day, d.subjects,
            coalesce((SELECT sum(b.subjects) FROM daily b
                      WHERE b.actor_id = d.actor_id AND b.day >= d.day - $4::int AND b.day < d.day), 0)::int AS baseline_total
     FROM daily d WHERE d.day >= $2::date AND d.day <= $3::date
     ORDER BY d.day DESC, d.subjects DESC`,
    [[...actions], from, to, baselineDays],
  );
}

export interface RefusalRow {
  actor_username: string;
  day: string;
  refusals: number;
  routes: string[];
  field_agent: boolean;
  sensitive: number;
}

/**
 * Refused requests (access.denied) and refused reads (a `*.read` recorded as denied: a marked
 * record whose content was withheld) per user and UTC day: how many, on which routes, whether the
 * user was a field agent (as recorded with the refusal, else as the account is now), and how many
 * were refusals of sensitive or marked content (purpose required, or a record marking).
 */
export async function dailyRefusals(tx: Tx, from: string, to: string): Promise<RefusalRow[]> {
  return tx.query<RefusalRow>(
    `SELECT a.actor_username, (a.occurred_at AT TIME ZONE 'UTC')::date::text AS day, count(*)::int AS refusals,
            array_agg(DISTINCT coalesce(a.details->>'route', a.action)) AS routes,
            bool_or(CASE WHEN a.details ? 'roles' THEN a.details->'roles' @> '["field_agent"]'::jsonb
                         ELSE EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = a.actor_id AND r.role = 'field_agent') END) AS field_agent,
            count(*) FILTER (WHERE a.details->>'code' = 'PURPOSE_REQUIRED' OR a.details ? 'withheldMarkings' OR (a.action = 'access.denied' AND a.details ? 'markings'))::int AS sensitive
     FROM audit_log a
     WHERE a.outcome = 'denied' AND (a.action = 'access.denied' OR a.action LIKE '%.read') AND a.actor_id IS NOT NULL
       AND a.occurred_at >= ($1::date::timestamp AT TIME ZONE 'UTC') AND a.occurred_at < (($2::date + 1)::timestamp AT TIME ZONE 'UTC')
     GROUP BY a.actor_username, (a.occurred_at AT TIME ZONE 'UTC')::date
     ORDER BY day DESC, refusals DESC`,
    [from, to],
  );
}

export interface ExportRow {
  seq: string;
  actor_username: string | null;
  action: string;
  occurred_at: Date | string;
  rows: number;
  format: string | null;
}

/** Exports (actions `*.export`) of at least `minRows` rows in [from, to]. */
export async function bulkExports(tx: Tx, from: string, to: string, minRows: number): Promise<ExportRow[]> {
  return tx.query<ExportRow>(
    `SELECT seq::text AS seq, actor_username, action, occurred_at, rows, format FROM (
       SELECT seq, actor_username, action, occurred_at, details->>'format' AS format,
              coalesce(CASE WHEN details->>'rows' ~ '^[0-9]+$' THEN (details->>'rows')::bigint END,
                       CASE WHEN details->>'entries' ~ '^[0-9]+$' THEN (details->>'entries')::bigint END, 0)::int AS rows
       FROM audit_log
       WHERE action LIKE '%.export' AND outcome = 'success' AND occurred_at >= ($1::date::timestamp AT TIME ZONE 'UTC') AND occurred_at < (($2::date + 1)::timestamp AT TIME ZONE 'UTC')
     ) e WHERE rows >= $3::int ORDER BY seq DESC`,
    [from, to, minRows],
  );
}
