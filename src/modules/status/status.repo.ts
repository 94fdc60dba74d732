import type { CopyChunk, Tx } from '../../db/database';
import type { StatusConfig } from './engine';
import { ASSESSMENT_COLUMNS, RISK_COLUMNS } from './run-output';
import type { Tally } from './tallies';

// Runs, their partitions and what is read back from them. Plain rows, no rules.

function partition(table: 'status_assessments' | 'status_risks', runId: string): string {
  if (!/^\d+$/.test(runId)) throw new Error(`bad run id ${runId}`);
  return `${table}_r${runId}`;
}

/** Runs are written one at a time: two passes at once would only compete for the same cores. */
export async function lockRuns(tx: Tx): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('leadtrac_status_run'))`);
}

export interface NewRun {
  asOf: string;
  config: StatusConfig;
  runBy: string;
  runByUsername: string;
  requestId: string;
  startedAt: Date;
}

/** Marks the current run of the AOD (if any) superseded; returns its id. */
export async function supersedeCurrent(tx: Tx, asOf: string): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE status_runs SET superseded_at = now() WHERE as_of = $1::date AND superseded_at IS NULL
     RETURNING id::text AS id`,
    [asOf],
  );
  return rows[0]?.id ?? null;
}

export async function insertRun(tx: Tx, r: NewRun): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO status_runs (as_of, config_version, config, run_by, run_by_username, request_id, started_at)
     VALUES ($1::date, $2, $3::jsonb, $4, $5, $6, $7) RETURNING id::text AS id`,
    [r.asOf, r.config.version, JSON.stringify(r.config), r.runBy, r.runByUsername, r.requestId, r.startedAt.toISOString()],
  );
  return rows[0]!.id;
}

/** Unindexed, unattached tables: COPY into them is cheapest; `attachRunPartitions` finishes them. */
export async function createRunPartitions(tx: Tx, runId: string): Promise<void> {
  for (const table of ['status_assessments', 'status_risks'] as const) {
    await tx.query(
      `CREATE TABLE ${partition(table, runId)} (LIKE ${table} INCLUDING DEFAULTS, CHECK (run_id = ${runId}))`,
    );
  }
}

/** `data`: binary COPY (run-output.ts writeAssessment). */
export async function copyAssessments(tx: Tx, runId: string, data: CopyChunk): Promise<void> {
  await tx.copyFrom(`COPY ${partition('status_assessments', runId)} (${ASSESSMENT_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT binary)`, [data]);
}

export async function copyRisks(tx: Tx, runId: string, text: CopyChunk): Promise<void> {
  await tx.copyFrom(`COPY ${partition('status_risks', runId)} (${RISK_COLUMNS.join(', ')}) FROM STDIN`, [text]);
}

/**
 * Index once, after the load, then attach. The partition gets exactly the indexes of its parent
 * (read from the catalogue), which ATTACH then adopts: an index the partition lacked, ATTACH
 * would build itself, without the memory set here (at 10 million admissions 17 s of the 27 the
 * run spent after the pass went to that). The CHECK constraint lets ATTACH skip its
 * validation scan.
 */
export async function attachRunPartitions(tx: Tx, runId: string): Promise<void> {
  await tx.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const table of ['status_assessments', 'status_risks'] as const) {
    const child = partition(table, runId);
    const parents = await tx.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename = $1 ORDER BY indexname`,
      [table],
    );
    for (const { name, def } of parents) {
      const on = / ON (ONLY )?(\w+\.)?(\w+) USING /.exec(def);
      if (!on || on[3] !== table) throw new Error(`unexpected definition of index ${name}: ${def}`);
      const head = def.slice(0, def.indexOf(` ${name} `));
      await tx.query(`${head} ${child}_${name.slice(table.length + 1)} ON ${child} USING ${def.slice(on.index + on[0].length)}`);
    }
    await tx.query(`ALTER TABLE ${table} ATTACH PARTITION ${child} FOR VALUES IN (${runId})`);
  }
}

/**
 * The run's counts per fiscal year of the AED (1 October to 30 September), class of admission,
 * country and assessment class, as the pass counted them from the assessments it stored.
 */
export async function insertTallies(tx: Tx, runId: string, tallies: readonly Tally[]): Promise<void> {
  if (tallies.length === 0) return;
  await tx.query(
    `INSERT INTO status_run_tallies (run_id, fiscal_year, class_of_admission, citizenship_country, class, admissions)
     SELECT $1::bigint, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[])`,
    [
      runId,
      tallies.map((t) => t.fiscalYear),
      tallies.map((t) => t.classOfAdmission),
      tallies.map((t) => t.citizenshipCountry),
      tallies.map((t) => t.class),
      tallies.map((t) => t.admissions),
    ],
  );
}

export interface RunCounts {
  persons: number;
  admissions: number;
  violators: number;
  classCounts: Record<string, number>;
  elapsedMs: number;
}

export async function finishRun(tx: Tx, runId: string, c: RunCounts): Promise<void> {
  await tx.query(
    `UPDATE status_runs SET finished_at = now(), persons = $2, admissions = $3, violators = $4,
       class_counts = $5::jsonb, elapsed_ms = $6 WHERE id = $1`,
    [runId, c.persons, c.admissions, c.violators, JSON.stringify(c.classCounts), Math.round(c.elapsedMs)],
  );
}

/** The results of a superseded run go; its run row stays, pointing at its replacement. */
export async function retireRun(tx: Tx, oldId: string, newId: string): Promise<void> {
  await tx.query(`DROP TABLE IF EXISTS ${partition('status_assessments', oldId)}`);
  await tx.query(`DROP TABLE IF EXISTS ${partition('status_risks', oldId)}`);
  await tx.query(`DELETE FROM status_run_tallies WHERE run_id = $1`, [oldId]);
  await tx.query(`UPDATE status_runs SET superseded_by = $2 WHERE id = $1`, [oldId, newId]);
}

export interface RunRow {
  id: string;
  as_of: string;
  config_version: string;
  config: StatusConfig;
  run_by_username: string;
  started_at: string;
  finished_at: string | null;
  persons: number;
  admissions: number;
  violators: number;
  class_counts: Record<string, number>;
  elapsed_ms: number | null;
  superseded_at: string | null;
  superseded_by: string | null;
}

const RUN_FIELDS = `id::text AS id, as_of::text AS as_of, config_version, config, run_by_username,
  started_at::text AS started_at, finished_at::text AS finished_at, persons, admissions, violators,
  class_counts, elapsed_ms, superseded_at::text AS superseded_at, superseded_by::text AS superseded_by`;

export async function listRuns(tx: Tx, limit: number, includeSuperseded: boolean): Promise<RunRow[]> {
  return tx.query<RunRow>(
    `SELECT ${RUN_FIELDS} FROM status_runs WHERE finished_at IS NOT NULL
       ${includeSuperseded ? '' : 'AND superseded_at IS NULL'}
     ORDER BY as_of DESC, id DESC LIMIT $1`,
    [limit],
  );
}

export async function runById(tx: Tx, id: string): Promise<RunRow | null> {
  const rows = await tx.query<RunRow>(`SELECT ${RUN_FIELDS} FROM status_runs WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** The current run of an AOD, or (no AOD) the most recently finished current run. */
export async function currentRun(tx: Tx, asOf: string | null): Promise<RunRow | null> {
  const rows = asOf
    ? await tx.query<RunRow>(
        `SELECT ${RUN_FIELDS} FROM status_runs WHERE as_of = $1::date AND superseded_at IS NULL AND finished_at IS NOT NULL`,
        [asOf],
      )
    : await tx.query<RunRow>(
        `SELECT ${RUN_FIELDS} FROM status_runs WHERE superseded_at IS NULL AND finished_at IS NOT NULL
         ORDER BY finished_at DESC, id DESC LIMIT 1`,
      );
  return rows[0] ?? null;
}

export async function talliesFor(tx: Tx, runId: string, fiscalYear: number): Promise<Tally[]> {
  const rows = await tx.query<{
    class_of_admission: string;
    citizenship_country: string;
    class: Tally['class'];
    admissions: number;
  }>(
    `SELECT class_of_admission, citizenship_country, class, admissions FROM status_run_tallies
     WHERE run_id = $1 AND fiscal_year = $2`,
    [runId, fiscalYear],
  );
  return rows.map((r) => ({
    fiscalYear,
    classOfAdmission: r.class_of_admission,
    citizenshipCountry: r.citizenship_country,
    class: r.class,
    admissions: r.admissions,
  }));
}

/** Fiscal years the run has expected departures in. */
export async function fiscalYearsOf(tx: Tx, runId: string): Promise<number[]> {
  const rows = await tx.query<{ fy: number }>(
    `SELECT DISTINCT fiscal_year AS fy FROM status_run_tallies WHERE run_id = $1 ORDER BY 1`,
    [runId],
  );
  return rows.map((r) => r.fy);
}
