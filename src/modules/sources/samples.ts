import type { SourceDefinition } from './source-types';

/**
 * Synthetic rows built from the definitions' example values: used by the docs' samples, tests
 * and benchmarks. They describe no real person.
 */
export function sampleRow(
  def: SourceDefinition,
  overrides: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const row: Record<string, string> = {};
  for (const c of def.columns) row[c.name] = c.example;
  return { ...row, ...overrides };
}

/** One CSV field, quoted only when it has to be (RFC 4180). */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(',');
}

/** A CSV file's text (header and rows, LF line ends) for the given columns. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  const lines = [csvLine(columns), ...rows.map((r) => csvLine(columns.map((c) => r[c] ?? '')))];
  return `${lines.join('\n')}\n`;
}
