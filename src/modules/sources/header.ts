import { LEGAL_PROCESS_COLUMN } from './validate';
import { SourceFormatError, type SourceDefinition, type ValidateOptions } from './source-types';

/**
 * File-level checks made before any row is read, so that a file in the wrong format, or a cdr
 * file with no lawful process behind it, is refused whole with a message the sender can act on.
 */

function expectedColumns(def: SourceDefinition): string {
  return def.columns.map((c) => (c.required ? `${c.name}*` : c.name)).join(', ');
}

function hasFileLegalProcess(opts: ValidateOptions | undefined): boolean {
  return (opts?.legalProcessRef?.trim().length ?? 0) > 0;
}

/**
 * cdr: a file with no legal_process_ref column can only be loaded under a file-level reference.
 * (Rows lacking a reference are caught by the validator: see `validateRow`'s `refuseFile`.)
 */
export function checkFileLevelRequirements(
  def: SourceDefinition,
  header: readonly string[],
  opts?: ValidateOptions,
): void {
  if (def.requiresLegalProcess !== true) return;
  if (header.includes(LEGAL_PROCESS_COLUMN) || hasFileLegalProcess(opts)) return;
  throw new SourceFormatError(
    `The ${def.name} file has no ${LEGAL_PROCESS_COLUMN} column and no file-level legal process reference was given. ` +
      'Call detail records may only be loaded with the subpoena, court order or warrant they were obtained under: ' +
      `add a ${LEGAL_PROCESS_COLUMN} to every row, or supply the reference for the whole file. Nothing was loaded.`,
    [LEGAL_PROCESS_COLUMN],
    'LEGAL_PROCESS_REQUIRED',
  );
}

/** Throws a SourceFormatError naming the missing required columns and listing the expected ones. */
export function checkHeader(
  def: SourceDefinition,
  header: readonly string[],
  opts?: ValidateOptions,
): void {
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '__proto__') {
      throw new SourceFormatError(`The ${def.name} file has an invalid column name "__proto__".`);
    }
    if (seen.has(name)) {
      throw new SourceFormatError(
        `The ${def.name} file names column "${name}" twice; each column may appear once. Expected columns: ${expectedColumns(def)} (* = required).`,
      );
    }
    seen.add(name);
  }
  checkFileLevelRequirements(def, header, opts);
  const missing = def.columns
    .filter((c) => c.required && !seen.has(c.name))
    // A file-level legal process reference stands in for the column.
    .filter((c) => !(def.requiresLegalProcess === true && c.name === LEGAL_PROCESS_COLUMN))
    .map((c) => c.name);
  if (missing.length > 0) {
    const found = header.length > 0 ? header.join(', ') : '(none)';
    throw new SourceFormatError(
      `The ${def.name} file is missing required column(s): ${missing.join(', ')}. ` +
        `Expected columns: ${expectedColumns(def)} (* = required; other columns are allowed and kept). ` +
        `Found: ${found}. Is this the right file for source "${def.name}"?`,
      missing,
    );
  }
}

/** Header names as read: trimmed; an empty name becomes `_column_N` so its values are kept. */
export function cleanHeader(fields: readonly string[]): string[] {
  return fields.map((f, i) => {
    const t = f.trim();
    return t.length > 0 ? t : `_column_${i + 1}`;
  });
}
