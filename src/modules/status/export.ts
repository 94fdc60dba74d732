import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { checkAsOf } from './as-of';
import { declareExportCursor, fetchExport, type ExportRow } from './status-read.repo';
import { STATUS_POLICY } from './status.policy';
import { EXPORT_CONTRACT_COLUMNS } from './status.schema';
import { requireRun } from './status.service';

// `leadtrac export assessments`: the contract columns first (other tools rely on them), then
// extra columns. CSV flags and rules are joined by '|'; NDJSON gives them as arrays.

export const EXPORT_EXTRA_COLUMNS = [
  'person_key',
  'as_of',
  'config_version',
  'class_of_admission',
  'citizenship_country',
  'admission_date',
  'departure_date',
  'rules',
] as const;

export const EXPORT_HEADER = [...EXPORT_CONTRACT_COLUMNS, ...EXPORT_EXTRA_COLUMNS].join(',');

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function values(r: ExportRow, asOf: string, configVersion: string): (string | number | null)[] {
  return [
    r.admission_number,
    r.entity_id,
    r.class,
    r.aed,
    r.overstay_days,
    r.unlawful_presence_days,
    r.bar_tier,
    r.flags,
    r.person_key,
    asOf,
    configVersion,
    r.class_of_admission,
    r.citizenship_country,
    r.admission_date,
    r.departure_date,
    r.rules,
  ];
}

export function csvLine(r: ExportRow, asOf: string, configVersion: string): string {
  return `${values(r, asOf, configVersion).map(csvField).join(',')}\n`;
}

const split = (s: string) => (s ? s.split('|') : []);

export function ndjsonLine(r: ExportRow, asOf: string, configVersion: string): string {
  return `${JSON.stringify({
    admission_number: r.admission_number,
    entity_id: r.entity_id,
    class: r.class,
    aed: r.aed,
    overstay_days: r.overstay_days,
    unlawful_presence_days: r.unlawful_presence_days,
    bar_tier: r.bar_tier,
    flags: split(r.flags),
    person_key: r.person_key,
    as_of: asOf,
    config_version: configVersion,
    class_of_admission: r.class_of_admission,
    citizenship_country: r.citizenship_country,
    admission_date: r.admission_date,
    departure_date: r.departure_date,
    rules: split(r.rules),
  })}\n`;
}

export interface ExportOptions {
  format: 'csv' | 'ndjson';
  /** Default: the most recent run. */
  asOf?: string | undefined;
  /** Receives the output in chunks; awaited (back-pressure). */
  write: (chunk: string) => Promise<void>;
  fetchRows?: number;
}

export interface ExportResult {
  runId: string;
  asOf: string;
  configVersion: string;
  rows: number;
}

/** Streams a run's assessments; the audit row (with the row count) commits with the read. */
export async function exportAssessments(
  database: Database,
  ctx: RequestContext,
  opts: ExportOptions,
): Promise<ExportResult> {
  authorize(ctx, STATUS_POLICY['status.export']);
  const asOf = opts.asOf ? checkAsOf(opts.asOf) : null;
  return database.transaction(async (tx) => {
    const run = await requireRun(tx, asOf);
    const line = opts.format === 'csv' ? csvLine : ndjsonLine;
    if (opts.format === 'csv') await opts.write(`${EXPORT_HEADER}\n`);
    await declareExportCursor(tx, run.id);
    let rows = 0;
    for (;;) {
      const batch = await fetchExport(tx, opts.fetchRows ?? 10_000);
      if (batch.length === 0) break;
      let text = '';
      for (const r of batch) text += line(r, run.as_of, run.config_version);
      await opts.write(text);
      rows += batch.length;
    }
    await audit(tx, ctx, {
      action: 'status.export',
      subjectType: 'status_run',
      subjectIds: [run.id],
      details: { asOf: run.as_of, format: opts.format, rows },
    });
    return { runId: run.id, asOf: run.as_of, configVersion: run.config_version, rows };
  });
}
