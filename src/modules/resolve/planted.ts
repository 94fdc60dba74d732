import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/database';
import { SOURCE_COLUMNS, type SourceName } from '../demo';
import { ingestFile } from '../ingest';
import { uniqueName } from '../../test/test-db';
import { loader } from './test-support';

/**
 * Planted records for resolution tests: synthetic people with surnames no generated world
 * uses (letters only, so name normalization keeps them whole), written in a source's own
 * columns and loaded through the real ingest.
 */
export function uniqueSurname(prefix = 'Zy'): string {
  const letters = uniqueName('').replace(/[0-9]/g, (d) => 'bcdfghjklm'[Number(d)]!);
  return prefix + letters.slice(-9);
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${uniqueName('t')}`.toUpperCase();
}

export type Row = Record<string, string>;

/** Loads rows of one source as one batch; returns the record ids given. */
export async function plant(database: Database, dir: string, source: SourceName, rows: readonly Row[]): Promise<string[]> {
  const columns = SOURCE_COLUMNS[source] as readonly string[];
  const ids: string[] = [];
  const lines = rows.map((r) => {
    const id = r['record_id'] ?? uniqueId(source.slice(0, 3));
    ids.push(id);
    return columns.map((c) => csv(c === 'record_id' ? id : (r[c] ?? ''))).join(',');
  });
  const file = path.join(dir, `${uniqueName(source)}.csv`);
  fs.writeFileSync(file, [columns.join(','), ...lines].join('\n') + '\n');
  await ingestFile(database, loader, { source, file });
  return ids;
}

function csv(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

let counter = 0;
/** n digits, different on every call (time, process and a counter), never starting with 0. */
export function digits(n: number): string {
  counter++;
  const all = `${Date.now()}${String(process.pid % 1000).padStart(3, '0')}${String(counter).padStart(4, '0')}`;
  const d = all.slice(-n).padStart(n, '7');
  return d[0] === '0' ? `1${d.slice(1)}` : d;
}
