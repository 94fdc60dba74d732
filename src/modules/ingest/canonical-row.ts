import { hash } from 'node:crypto';
import { canonicalJson } from '../audit/audit-chain';

/**
 * The content hash of a source row: SHA-256 (hex) of the row's canonical JSON (keys sorted, as
 * `canonicalJson` writes it). It decides "same record, unchanged", so it must not change meaning:
 * records loaded before this code keep matching. Only how the text is built is faster: the sorted
 * key order of a file's rows is worked out once per key set, not once per row.
 */
export interface CanonicalRow {
  /** The canonical JSON text; also what is stored as the payload (jsonb ignores key order). */
  json: string;
  sha256: string;
}

type Reorder = (o: Record<string, string>) => Record<string, string>;

interface KeyPlan {
  /** The rows' own key order, to recognise rows of the same shape without sorting. */
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
  /** `"key":` (JSON-quoted), in canonical order, each with the separator before it. */
  readonly prefixes: readonly string[];
  /** A copy of the row with its keys in canonical order, or null when JS would not keep that order. */
  readonly reorder: Reorder | null;
}

/** Keys like "0" or "12" come first in any JS object whatever order they were set in. */
const ARRAY_INDEX = /^(0|[1-9]\d{0,8})$/;

function makePlan(keys: readonly string[]): KeyPlan {
  const sorted = [...keys].sort();
  const prefixes = sorted.map((k, i) => `${i === 0 ? '{' : ','}${JSON.stringify(k)}:`);
  const compilable = sorted.every((k) => k !== '__proto__' && !ARRAY_INDEX.test(k));
  // The generated code holds only key names, each written as a JSON string literal (as in
  // sources/record-shape.ts): no file content can become code.
  const body = `return {${sorted.map((k) => `${JSON.stringify(k)}: o[${JSON.stringify(k)}]`).join(', ')}};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see above
  const reorder = compilable ? (new Function('o', body) as Reorder) : null;
  return { keys, sorted, prefixes, reorder };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Builds canonical JSON for rows of string values; remembers the last key set it saw. */
export class CanonicalRowWriter {
  private plan: KeyPlan | null = null;

  json(raw: Record<string, string>): string {
    const keys = Object.keys(raw);
    let plan = this.plan;
    if (plan === null || !sameKeys(plan.keys, keys)) {
      // A value that is not a string (never from the readers) takes the general path.
      for (const k of keys) if (typeof raw[k] !== 'string') return canonicalJson(raw);
      plan = this.plan = makePlan(keys);
    }
    if (plan.reorder !== null) return JSON.stringify(plan.reorder(raw));
    const { sorted, prefixes } = plan;
    if (sorted.length === 0) return '{}';
    let out = '';
    for (let i = 0; i < sorted.length; i++) out += (prefixes[i] as string) + JSON.stringify(raw[sorted[i] as string]);
    return out + '}';
  }

  row(raw: Record<string, string>): CanonicalRow {
    const json = this.json(raw);
    return { json, sha256: hash('sha256', json, 'hex') };
  }
}
