import fs from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { runAssessment, type AssessProgress, type AssessRunResult } from './assess-run';
import { parseStatusConfig, type StatusConfig } from './engine';
import { exportAssessments, type ExportResult } from './export';

// The command line's side of `leadtrac assess` and `leadtrac export assessments`.

/** A configuration file (JSON, every setting; see docs/status.md), validated as a whole. */
export function readStatusConfig(file: string): StatusConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('BAD_REQUEST', `Cannot read the configuration ${file}: ${(e as Error).message}`);
  }
  try {
    return parseStatusConfig(raw);
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `The configuration ${file} is not valid: ${(e as Error).message}`);
  }
}

export function describeAssessRun(r: AssessRunResult): string[] {
  const secs = r.elapsedMs / 1000;
  const lines = [
    `assessed ${r.admissions.toLocaleString('en-US')} admissions of ${r.persons.toLocaleString('en-US')} persons as of ${r.asOf} in ${secs.toFixed(1)} s (${Math.round(r.admissions / Math.max(secs, 0.001)).toLocaleString('en-US')} admissions/s)`,
    `  run ${r.runId}, configuration ${r.configVersion}${r.supersededRunId ? `; replaces run ${r.supersededRunId} of the same date` : ''}`,
    `  suspected violators (persons, risk-ranked): ${r.violators.toLocaleString('en-US')}`,
    '  by class:',
  ];
  for (const [cls, n] of Object.entries(r.classCounts).sort((a, b) => b[1] - a[1])) {
    if (n > 0) lines.push(`    ${cls.padEnd(38)} ${n.toLocaleString('en-US').padStart(12)}`);
  }
  return lines;
}

/** Progress lines at most every `everyMs` (plain lines: they go to logs as often as to terminals). */
export function progressPrinter(write: (line: string) => void, everyMs = 2000): (p: AssessProgress) => void {
  let last = -Infinity;
  return (p) => {
    if (p.phase === 'assessing' && p.elapsedMs - last < everyMs) return;
    last = p.elapsedMs;
    const what = p.phase === 'assessing' ? 'assessing' : 'indexing and saving';
    write(`assess: ${what}: ${p.admissions.toLocaleString('en-US')} admissions, ${p.persons.toLocaleString('en-US')} persons, ${(p.elapsedMs / 1000).toFixed(1)} s`);
  };
}

export async function assessFromCli(
  database: Database,
  ctx: RequestContext,
  opts: { asOf: string; configFile?: string | undefined; separateReader: boolean },
): Promise<AssessRunResult> {
  const config = opts.configFile ? readStatusConfig(opts.configFile) : undefined;
  return runAssessment(database, ctx, {
    asOf: opts.asOf,
    ...(config ? { config } : {}),
    separateReader: opts.separateReader,
    onProgress: progressPrinter((l) => console.error(l)),
  });
}

async function writeTo(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** To a file (written whole or not at all) or standard output. */
export async function exportAssessmentsTo(
  database: Database,
  ctx: RequestContext,
  opts: { format: 'csv' | 'ndjson'; asOf?: string | undefined; out?: string | undefined },
): Promise<ExportResult> {
  if (!opts.out) return exportAssessments(database, ctx, { format: opts.format, asOf: opts.asOf, write: (c) => writeTo(process.stdout, c) });
  const tmp = `${opts.out}.partial`;
  const file = fs.createWriteStream(tmp);
  try {
    const r = await exportAssessments(database, ctx, { format: opts.format, asOf: opts.asOf, write: (c) => writeTo(file, c) });
    file.end();
    await once(file, 'finish');
    fs.renameSync(tmp, opts.out);
    return r;
  } catch (e) {
    file.destroy();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
