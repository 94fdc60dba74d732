import { getSource, isSourceName } from '../sources';

/**
 * Record-level markings, derived when a record is read from its source and its fields (no ingest
 * change; records loaded before markings existed are marked the same way):
 * - `CDR`: every call detail record (lawful-process material);
 * - `INFORMANT`: a tip that names its tipster (any tipster identity column holds a value).
 */
export const MARKINGS = ['CDR', 'INFORMANT'] as const;
export type Marking = (typeof MARKINGS)[number];

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The columns of a source that identify an informant (from the source definitions: data, not code). */
export function informantColumns(source: string): string[] {
  if (!isSourceName(source)) return [];
  return getSource(source).columns.filter((c) => c.sensitivity === 'INFORMANT').map((c) => c.name);
}

export function recordMarkings(source: string, payload: Readonly<Record<string, unknown>> | null | undefined): Marking[] {
  if (!isSourceName(source)) return [];
  const def = getSource(source);
  const out: Marking[] = [];
  if (def.recordSensitivity === 'CDR') out.push('CDR');
  const p = payload ?? {};
  if (informantColumns(source).some((c) => !isBlank(p[c]))) out.push('INFORMANT');
  return out;
}
