import {
  CANONICAL_CHECKS,
  IDENTIFIER_SHAPES,
  cleanName,
  isValidDate,
  normalizeCountry,
  normalizeIdentifier,
  normalizeTimestamp,
} from './normalize';
import type {
  ColumnSpec,
  ColumnType,
  FlagCode,
  IdentifierKind,
  RowFlag,
  RowValue,
} from './source-types';

/**
 * Per-column checks, prepared once per source definition: each turns the value as received into
 * its typed, normalized form, or returns null and records a flag when the value is malformed. The
 * value as received is never changed (it stays in the row's raw payload).
 *
 * One function with a switch rather than one closure per column: the call site stays
 * monomorphic, so V8 can inline it; this is worth a third of the validator's time.
 */
export interface PreparedColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly required: boolean;
  readonly enumExact: ReadonlyMap<string, string> | null;
  readonly enumByKey: ReadonlyMap<string, string> | null;
  readonly pattern: RegExp | null;
  readonly identifierKind: IdentifierKind | null;
  /** Identifier values that are already normalized pass this without further work. */
  readonly canonical: ((s: string) => boolean) | null;
  readonly expected: string;
}

/**
 * The canonical spelling of an enum value is found case-insensitively, ignoring - _ / and spaces
 * (so the combined visa written "B1/B2" on a foil is B1B2, "F-1" is F1).
 */
export function enumKey(s: string): string {
  return s.toUpperCase().replace(/[\s_/-]+/g, '');
}

function expectedWording(col: ColumnSpec): string {
  switch (col.type) {
    case 'enum': {
      const all = col.enumValues ?? [];
      return `one of: ${all.length > 12 ? `${all.slice(0, 12).join(', ')} ...` : all.join(', ')}`;
    }
    case 'identifier':
      return col.identifierKind === undefined ? '' : IDENTIFIER_SHAPES[col.identifierKind];
    case 'integer':
      return 'a whole number';
    case 'decimal':
      return 'a number (digits, optional decimal point)';
    case 'sex':
      return 'M, F, X or U';
    case 'flag':
      return 'Y or N';
    default:
      return '';
  }
}

export function prepareColumn(col: ColumnSpec): PreparedColumn {
  if (col.type === 'identifier' && col.identifierKind === undefined) {
    throw new Error(`column ${col.name}: identifier without identifierKind`);
  }
  const values = col.type === 'enum' ? (col.enumValues ?? []) : null;
  return {
    name: col.name,
    type: col.type,
    required: col.required,
    enumExact: values === null ? null : new Map(values.map((v) => [v, v])),
    enumByKey: values === null ? null : new Map(values.map((v) => [enumKey(v), v])),
    pattern: col.type === 'text' && col.pattern !== undefined ? new RegExp(col.pattern) : null,
    identifierKind: col.identifierKind ?? null,
    canonical:
      col.identifierKind === undefined ? null : (CANONICAL_CHECKS[col.identifierKind] ?? null),
    expected: expectedWording(col),
  };
}

const SEX_VALUES: ReadonlyMap<string, string> = new Map([
  ['M', 'M'],
  ['F', 'F'],
  ['X', 'X'],
  ['U', 'U'],
  ['MALE', 'M'],
  ['FEMALE', 'F'],
  ['UNKNOWN', 'U'],
]);

const FLAG_VALUES: ReadonlyMap<string, string> = new Map([
  ['Y', 'Y'],
  ['N', 'N'],
  ['YES', 'Y'],
  ['NO', 'N'],
  ['TRUE', 'Y'],
  ['FALSE', 'N'],
  ['1', 'Y'],
  ['0', 'N'],
]);

const INTEGER_RE = /^[+-]?\d+$/;
const DECIMAL_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

function flag(flags: RowFlag[], c: PreparedColumn, code: FlagCode, what: string, v: string): null {
  flags.push({ field: c.name, code, message: `${c.name} "${v}" ${what}`, value: v });
  return null;
}

function checkNumber(c: PreparedColumn, v: string, flags: RowFlag[]): RowValue {
  const integer = c.type === 'integer';
  const t = v.trim();
  const n = Number(t);
  if ((integer ? INTEGER_RE : DECIMAL_RE).test(t) && Number.isFinite(n)) {
    if (!integer || Number.isSafeInteger(n)) return n;
  }
  return flag(flags, c, 'INVALID_NUMBER', `is not ${c.expected}`, v);
}

function checkIdentifier(c: PreparedColumn, v: string, flags: RowFlag[]): RowValue {
  if (c.canonical !== null && c.canonical(v)) return v;
  const id = normalizeIdentifier(c.identifierKind as IdentifierKind, v);
  if (id.valid) return id.normalized;
  return flag(flags, c, 'INVALID_IDENTIFIER', `should be ${c.expected}`, v);
}

function checkText(c: PreparedColumn, v: string, flags: RowFlag[]): RowValue {
  const t = v.trim();
  if (c.pattern === null || c.pattern.test(t)) return t;
  return flag(flags, c, 'INVALID_FORMAT', 'does not have the expected form', v);
}

/** The typed value of a non-blank field, or null with a flag when it is malformed. */
export function checkValue(c: PreparedColumn, v: string, flags: RowFlag[]): RowValue {
  switch (c.type) {
    case 'text':
      return checkText(c, v, flags);
    case 'name':
      return cleanName(v);
    case 'date': {
      const t = v.length === 10 ? v : v.trim();
      if (isValidDate(t)) return t;
      return flag(flags, c, 'INVALID_DATE', 'is not a real calendar date written YYYY-MM-DD', v);
    }
    case 'timestamp':
      return (
        normalizeTimestamp(v.trim()) ??
        flag(flags, c, 'INVALID_TIMESTAMP', 'is not an ISO 8601 date-time', v)
      );
    case 'country':
      return (
        normalizeCountry(v) ??
        flag(flags, c, 'UNKNOWN_COUNTRY', 'is not an ISO 3166-1 alpha-3 country code', v)
      );
    case 'enum':
      return (
        c.enumExact?.get(v) ??
        c.enumByKey?.get(enumKey(v)) ??
        flag(flags, c, 'INVALID_ENUM', `is not ${c.expected}`, v)
      );
    case 'integer':
    case 'decimal':
      return checkNumber(c, v, flags);
    case 'identifier':
      return checkIdentifier(c, v, flags);
    case 'sex':
      return (
        SEX_VALUES.get(v) ??
        SEX_VALUES.get(v.trim().toUpperCase()) ??
        flag(flags, c, 'INVALID_SEX', `is not ${c.expected}`, v)
      );
    case 'flag':
      return (
        FLAG_VALUES.get(v) ??
        FLAG_VALUES.get(v.trim().toUpperCase()) ??
        flag(flags, c, 'INVALID_FLAG', `is not ${c.expected}`, v)
      );
    default: {
      const unreachable: never = c.type;
      throw new Error(`unknown column type ${String(unreachable)}`);
    }
  }
}
