/**
 * Every value on a profile carries the records that said it (CONVENTIONS: provenance per fact).
 * Values equal after normalization are one value with several sources; several different values
 * of an attribute a person has only one of (date of birth, sex) are a conflict, shown side by side.
 */
export interface SourceRef {
  /** source_records.id: opens the record (GET /api/records/:id). */
  readonly recordRef: string;
  readonly source: string;
  readonly recordId: string;
  readonly version: number;
  /** Date the batch was loaded, YYYY-MM-DD (UTC). */
  readonly batchDate: string;
}

export interface Sourced<T = string> {
  readonly value: T;
  readonly sources: SourceRef[];
  /** A data-quality flag was raised on this value in at least one of its records. */
  readonly flagged: boolean;
}

export interface FieldView<T = string> {
  readonly values: Sourced<T>[];
  readonly conflict: boolean;
}

export interface Observation<T = string> {
  readonly value: T | null | undefined;
  readonly ref: SourceRef;
  readonly flagged?: boolean;
  /** Values with the same key are the same value (default: trimmed, upper-cased text). */
  readonly key?: string;
}

function defaultKey(v: unknown): string {
  return String(v).trim().toUpperCase().replace(/\s+/g, ' ');
}

/** Group observations into distinct values, most-attested first, each with its sources. */
export function groupValues<T>(observations: readonly Observation<T>[]): Sourced<T>[] {
  const groups = new Map<string, { value: T; sources: SourceRef[]; flagged: boolean }>();
  for (const o of observations) {
    if (o.value === null || o.value === undefined || (typeof o.value === 'string' && o.value.trim() === '')) continue;
    const key = o.key ?? defaultKey(o.value);
    const g = groups.get(key) ?? { value: o.value, sources: [], flagged: false };
    if (!g.sources.some((s) => s.recordRef === o.ref.recordRef)) g.sources.push(o.ref);
    g.flagged ||= o.flagged === true;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.sources.length - a.sources.length || String(a.value).localeCompare(String(b.value)));
}

/** A single-valued attribute: its distinct values, and whether they disagree. */
export function singleValued<T>(observations: readonly Observation<T>[]): FieldView<T> {
  const values = groupValues(observations);
  return { values, conflict: values.length > 1 };
}

/** A many-valued attribute (names, citizenships, identifiers): several values are no conflict. */
export function manyValued<T>(observations: readonly Observation<T>[]): FieldView<T> {
  return { values: groupValues(observations), conflict: false };
}

/** 'YYYY-MM-DD' of a timestamp, in UTC whatever the server's zone. */
export function utcDate(t: Date | string): string {
  return (typeof t === 'string' ? new Date(t) : t).toISOString().slice(0, 10);
}
