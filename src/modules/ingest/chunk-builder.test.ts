import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../audit/audit-chain';
import { readSourceStream } from '../sources/readers';
import { getSource } from '../sources/registry';
import { sampleRow, toCsv } from '../sources/samples';
import type { SourceDefinition } from '../sources/source-types';
import { validateBatches, type ValidatedRow } from '../sources/validated-rows';
import { CanonicalRowWriter } from './canonical-row';
import { ChunkBuilder, IdBlock, type ChunkContext } from './chunk-builder';
import { factColumns } from './fact-tables';
import { extractFacts } from './facts';
import { RecordIdSet } from './record-id-set';

const BATCH = '8710f369-8c47-4d8f-82bb-6a44560a5fd3';
const arrivals = getSource('adis-arrivals');

async function validated(def: SourceDefinition, text: string): Promise<ValidatedRow[]> {
  const out: ValidatedRow[] = [];
  for await (const b of validateBatches(await readSourceStream(Readable.from([text]), def), def)) out.push(...b);
  return out;
}

function context(def: SourceDefinition, seen = new RecordIdSet(), collectIds = false): ChunkContext {
  return { def, batchId: BATCH, receivedAt: new Date('2026-03-01T10:00:00Z'), seen, collectIds };
}

/** COPY text lines back into fields (the inverse of copyField). */
function fields(text: readonly string[]): (string | null)[][] {
  const lines = text.join('').split('\n').slice(0, -1);
  return lines.map((l) => l.split('\t').map((f) => (f === '\\N' ? null : f.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c))));
}

const columns = arrivals.columns.map((c) => c.name);
const csv = toCsv(columns, [
  sampleRow(arrivals, { record_id: 'A-1', family_name: 'Back\\slash\tTab' }),
  sampleRow(arrivals, { record_id: 'A-2', birth_date: '1956-02-30' }),
  sampleRow(arrivals, { record_id: '' }),
]);

describe('ChunkBuilder', () => {
  it('writes each accepted row as a version-1 record keyed by its reserved id, with its hash, payload and flags', async () => {
    const rows = await validated(arrivals, csv);
    const b = new ChunkBuilder(context(arrivals, new RecordIdSet(), true), new IdBlock(500, 10), new CanonicalRowWriter());
    for (const r of rows) b.add(r);
    const chunk = b.build();
    expect(chunk).toMatchObject({ read: 3, accepted: 2, rejected: 1, flagged: 1, repeatsInFile: false, recordIds: ['A-1', 'A-2'] });
    const records = fields(chunk.records);
    const ok = rows.filter((r): r is Extract<ValidatedRow, { ok: true }> => r.ok);
    expect(records.map((f) => f.slice(0, 7))).toEqual(
      ok.map((r, i) => [String(500 + i), 'adis-arrivals', r.values['record_id'], '1', BATCH, String(r.line), '2026-03-01T10:00:00.000Z']),
    );
    records.forEach((f, i) => {
      const raw = ok[i]!.raw;
      expect(f[7]).toBe(createHash('sha256').update(canonicalJson(raw)).digest('hex'));
      expect(JSON.parse(f[8]!)).toEqual(raw);
      expect(JSON.parse(f[9]!)).toEqual(ok[i]!.flags);
      expect(f[10]).toBe('{}');
    });
  });

  it('writes the typed values and the core facts of each row under its id, and rejected rows with line and reason', async () => {
    const rows = await validated(arrivals, csv);
    const b = new ChunkBuilder(context(arrivals), new IdBlock(7, 10), new CanonicalRowWriter());
    for (const r of rows) b.add(r);
    const chunk = b.build();
    const ok = rows.filter((r): r is Extract<ValidatedRow, { ok: true }> => r.ok);
    const typed = factColumns(arrivals).map((c) => c.name);
    expect(fields(chunk.typed)).toEqual(ok.map((r, i) => [String(7 + i), ...typed.map((c) => (r.values[c] === null ? null : String(r.values[c])))]));
    const facts = ok.map((r) => extractFacts(arrivals, r.raw, r.values));
    expect(fields(chunk.identifiers)).toEqual(
      facts.flatMap((f, i) => f.identifiers.map((x) => [String(7 + i), x.role, x.kind, x.value, x.normalized, x.issuing_country, x.valid ? 't' : 'f'])),
    );
    expect(fields(chunk.names)).toEqual(
      facts.flatMap((f, i) => f.names.map((x) => [String(7 + i), x.role, x.given_name, x.middle_name, x.family_name, x.full_name, x.search_key])),
    );
    expect(fields(chunk.names)[0]![4]).toBe('Back\\slash Tab');
    const rejected = rows.find((r) => !r.ok)!;
    expect(fields(chunk.rejects)).toEqual([[BATCH, String(rejected.line), 'missing record_id', rejected.text]]);
  });

  it('notices a record id that came earlier in the file, and is full when its ids are used up', async () => {
    const seen = new RecordIdSet();
    const [first, second] = await validated(arrivals, csv);
    const b1 = new ChunkBuilder(context(arrivals, seen), new IdBlock(1, 2), new CanonicalRowWriter());
    b1.add(first!);
    expect(b1.full).toBe(false);
    b1.add(second!);
    expect(b1.full).toBe(true);
    expect(b1.build().repeatsInFile).toBe(false);
    const b2 = new ChunkBuilder(context(arrivals, seen), new IdBlock(3, 2), new CanonicalRowWriter());
    b2.add(second!);
    expect(b2.build().repeatsInFile).toBe(true);
  });

  it('marks records with the sensitivity of the columns that hold a value, and writes relationships between roles', async () => {
    const tips = getSource('tips');
    const rows = await validated(tips, toCsv(tips.columns.map((c) => c.name), [sampleRow(tips)]));
    const b = new ChunkBuilder(context(tips), new IdBlock(1, 1), new CanonicalRowWriter());
    b.add(rows[0]!);
    const chunk = b.build();
    expect(fields(chunk.records)[0]![10]).toContain('INFORMANT');
    const facts = extractFacts(tips, (rows[0] as Extract<ValidatedRow, { ok: true }>).raw, (rows[0] as Extract<ValidatedRow, { ok: true }>).values);
    expect(facts.relationships.length).toBeGreaterThan(0);
    expect(fields(chunk.relationships)).toEqual(facts.relationships.map((r) => ['1', r.from_role, r.to_role, r.kind]));
  });
});
