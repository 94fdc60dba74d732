import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalJson, chainHash, checkChain, type StoredLink } from './audit-chain';

function buildChain(n: number): StoredLink[] {
  const rows: StoredLink[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      seq: String(i),
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      actorId: null,
      actorUsername: `user${i}`,
      action: 'person.read',
      outcome: 'success',
      purpose: null,
      requestId: `r${i}`,
      clientIp: '127.0.0.1',
      subjectType: 'person',
      subjectIds: [`p${i}`],
      details: { b: 1, a: [i, 'x'] },
    };
    const hash = chainHash(prev, fields);
    rows.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('canonical JSON ignores key order at every depth', () => {
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: [3, { f: 1, e: 2 }] })).toBe(canonicalJson({ a: [3, { e: 2, f: 1 }], b: { c: 2, d: 1 } }));
  });

  it('accepts an intact chain', () => {
    const rows = buildChain(5);
    expect(checkChain(rows, GENESIS_HASH)).toEqual({ brokenAt: null, reason: null, lastHash: rows[4]!.hash });
  });

  it('finds a row whose content was changed', () => {
    const rows = buildChain(5);
    rows[2] = { ...rows[2]!, actorUsername: 'someone-else' };
    expect(checkChain(rows, GENESIS_HASH)).toMatchObject({ brokenAt: 2, reason: 'has content that does not match its hash' });
  });

  it('finds a deleted row by the broken link after it', () => {
    const rows = buildChain(5);
    rows.splice(1, 1);
    expect(checkChain(rows, GENESIS_HASH)).toMatchObject({ brokenAt: 1, reason: 'does not link to the row before it' });
  });

  it('finds a row rewritten together with its own hash', () => {
    const rows = buildChain(4);
    const forged = { ...rows[1]!, details: { forged: true } };
    forged.hash = chainHash(forged.prevHash, forged);
    rows[1] = forged;
    expect(checkChain(rows, GENESIS_HASH).brokenAt).toBe(2);
  });
});
