import type { Tx } from '../../db/database';

/** PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes. */
type Field = string | number | boolean | null | undefined;

function field(v: Field): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = typeof v === 'number' ? String(v) : v;
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

export function intArray(items: readonly number[]): string {
  return `{${items.join(',')}}`;
}

export function textArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

const CHUNK = 10_000;

/** COPY rows into a table in bounded chunks (PGlite sends each as one blob). */
export async function copyRows(tx: Tx, table: string, columns: readonly string[], rows: Iterable<readonly Field[]>): Promise<number> {
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  let buf: string[] = [];
  let total = 0;
  for (const r of rows) {
    buf.push(r.map(field).join('\t') + '\n');
    total++;
    if (buf.length === CHUNK) {
      await tx.copyFrom(sql, [buf.join('')]);
      buf = [];
    }
  }
  if (buf.length > 0) await tx.copyFrom(sql, [buf.join('')]);
  return total;
}
