import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../audit/audit-chain';
import { CanonicalRowWriter } from './canonical-row';

/** Strings made of the characters that need care in COPY text and JSON (and some that do not). */
const tricky = fc.string({ unit: fc.constantFrom('a', 'N', '1', ' ', '\\', '\t', '\n', '\r', '"', 'é', '\u2028', '\ud800', '\u0001') });

const key = fc.oneof(fc.string(), fc.constantFrom('0', '7', '12', '__proto__', 'record_id', 'family_name', 'é', '"q"'));
const row = fc.dictionary(key, tricky, { maxKeys: 12 });

describe('CanonicalRowWriter', () => {
  it('writes exactly what canonicalJson writes, for any keys and values, row after row', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        const w = new CanonicalRowWriter();
        for (const r of rows) expect(w.json(r)).toBe(canonicalJson(r));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps up when rows of the same file change shape (NDJSON) and back', () => {
    const w = new CanonicalRowWriter();
    const a = { b: '1', a: 'x\ty', c: '"' };
    const b = { a: 'x', z: '\u2028', '10': 'n' };
    for (const r of [a, a, b, a, b, b]) expect(w.json(r)).toBe(canonicalJson(r));
  });

  it('hashes the canonical text with SHA-256, as records loaded before were hashed', () => {
    const raw = { record_id: 'ADIS-A-1', family_name: 'Ivanova', given_name: 'Olga' };
    const { json, sha256 } = new CanonicalRowWriter().row(raw);
    expect(JSON.parse(json)).toEqual(raw);
    expect(sha256).toBe(createHash('sha256').update(canonicalJson(raw)).digest('hex'));
    expect(new CanonicalRowWriter().row({ ...raw, given_name: 'Olha' }).sha256).not.toBe(sha256);
  });
});
