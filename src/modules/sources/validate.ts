import { checkValue, prepareColumn, type PreparedColumn } from './column-checks';
import { normalizeIdentifier } from './normalize';
import { objectMapper } from './record-shape';
import type {
  DateOrderRule,
  RowFlag,
  RowValue,
  Sensitivity,
  SourceDefinition,
  ValidateOptions,
  ValidateResult,
} from './source-types';

/**
 * Row validation (DESIGN "Bad input"): a row without a record id cannot be stored and is
 * rejected; every other problem is a flag on an accepted row, whose values as received stay in
 * its raw payload, so nothing received is lost.
 */

export const LEGAL_PROCESS_COLUMN = 'legal_process_ref';

type Cell = (flags: RowFlag[], i: number, v: string | undefined) => RowValue;

interface CompiledSource {
  /** Reads every column of a raw row and types it with `cell`, in one object literal. */
  readonly map: (
    raw: Record<string, string>,
    f: Cell,
    flags: RowFlag[],
  ) => Record<string, RowValue>;
  readonly cell: Cell;
  readonly requiresLegalProcess: boolean;
  readonly dateOrder: readonly DateOrderRule[];
}

const compiled = new WeakMap<SourceDefinition, CompiledSource>();

/** Empty, or only white space: the sender gave no value. */
function isBlank(v: string | undefined): v is undefined | '' {
  if (v === undefined || v.length === 0) return true;
  const c = v.charCodeAt(0);
  // Only a value starting with white space can be blank; avoids trimming every field.
  return (c === 32 || c === 9 || c === 160) && v.trim().length === 0;
}

function makeCell(def: SourceDefinition): Cell {
  const columns: readonly PreparedColumn[] = def.columns.map(prepareColumn);
  // The legal process column is settled per file, not flagged per row (see applyLegalProcess).
  const flagMissing = def.columns.map(
    (c) => c.required && !(def.requiresLegalProcess === true && c.name === LEGAL_PROCESS_COLUMN),
  );
  return (flags, i, v) => {
    const col = columns[i] as PreparedColumn;
    if (!isBlank(v)) {
      // record_id is checked before the row is mapped; here it is only trimmed.
      return col.name === 'record_id' ? v.trim() : checkValue(col, v, flags);
    }
    if (flagMissing[i] === true) {
      flags.push({
        field: col.name,
        code: 'MISSING_REQUIRED',
        message: `required value ${col.name} is missing`,
        value: v ?? '',
      });
    }
    return null;
  };
}

function compile(def: SourceDefinition): CompiledSource {
  let c = compiled.get(def);
  if (c !== undefined) return c;
  const names = new Set(def.columns.map((col) => col.name));
  if (!names.has('record_id')) throw new Error(`source ${def.name} has no record_id column`);
  for (const r of def.dateOrder ?? []) {
    if (!names.has(r.earlier) || !names.has(r.later)) {
      throw new Error(`source ${def.name}: date-order rule names an unknown column`);
    }
  }
  c = {
    map: objectMapper<string, RowValue, RowFlag[]>(def.columns.map((col) => col.name)),
    cell: makeCell(def),
    requiresLegalProcess: def.requiresLegalProcess === true,
    dateOrder: def.dateOrder ?? [],
  };
  compiled.set(def, c);
  return c;
}

function checkDateOrder(
  rules: readonly DateOrderRule[],
  values: Record<string, RowValue>,
  raw: Record<string, string>,
  flags: RowFlag[],
): void {
  for (const rule of rules) {
    const a = values[rule.earlier];
    const b = values[rule.later];
    // YYYY-MM-DD strings order like the dates they name.
    if (typeof a === 'string' && typeof b === 'string' && a > b) {
      flags.push({
        field: rule.later,
        code: 'DATE_ORDER',
        message: `${rule.later} ${b} is before ${rule.earlier} ${a}`,
        value: raw[rule.later] ?? '',
      });
    }
  }
}

const FILE_REFUSED_REASON =
  'no legal_process_ref on this row and no file-level legal process reference was supplied: the whole file must be refused';

/** Fills in a missing legal process reference from the file level, or says the file is refused. */
function applyLegalProcess(
  values: Record<string, RowValue>,
  opts: ValidateOptions | undefined,
): ValidateResult | null {
  const fileRef = opts?.legalProcessRef?.trim();
  if (fileRef === undefined || fileRef.length === 0) {
    return { ok: false, reason: FILE_REFUSED_REASON, refuseFile: true };
  }
  values[LEGAL_PROCESS_COLUMN] = normalizeIdentifier('legal_process', fileRef).normalized;
  return null;
}

/**
 * Checks one row read from a source file. Values are typed and normalized, null when missing or
 * malformed; each malformed or missing-but-required value yields a flag carrying the value as
 * received. Columns not in the definition are ignored here (they stay in the raw payload).
 */
export function validateRow(
  def: SourceDefinition,
  raw: Record<string, string>,
  opts?: ValidateOptions,
): ValidateResult {
  const src = compile(def);
  if (isBlank(raw.record_id)) return { ok: false, reason: 'missing record_id' };
  const flags: RowFlag[] = [];
  const values = src.map(raw, src.cell, flags);
  if (src.requiresLegalProcess && isBlank(raw[LEGAL_PROCESS_COLUMN])) {
    const refused = applyLegalProcess(values, opts);
    if (refused !== null) return refused;
  }
  if (src.dateOrder.length > 0) checkDateOrder(src.dateOrder, values, raw, flags);
  return { ok: true, values, flags };
}

/**
 * The record-level markings a row needs (need-to-know): the sensitivity of every column that
 * holds a value in it, plus the marking every record of the source carries.
 */
export function recordMarkings(def: SourceDefinition, raw: Record<string, string>): Sensitivity[] {
  const out = new Set<Sensitivity>(
    def.recordSensitivity === undefined ? [] : [def.recordSensitivity],
  );
  for (const col of def.columns) {
    if (col.sensitivity !== undefined && !isBlank(raw[col.name])) out.add(col.sensitivity);
  }
  return [...out];
}
