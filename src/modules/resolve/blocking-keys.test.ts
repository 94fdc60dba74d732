import { describe, expect, it } from 'vitest';
import { blockPairs, blocksOf, MembershipBuilder, STABLE_KEYS } from './blocking-keys';
import { DEFAULT_RULES, RecordStore, type MatchRecord } from './match';

const GIVEN = ['Yuriy', 'Iouri', 'Maria', 'María', 'William', 'Bill', 'Chen', 'Ana', 'Olga', 'Jose', 'Mohammed', 'Muhammad'];
const FAMILY = ['Petrov', 'Petroff', 'Garcia', 'García', 'Smith', 'Zhang', 'Chang', 'Okafor', 'Müller', 'Mueller', 'Nguyen', 'Silva Santos'];
const CITIES = ['Boston', 'Dallas', 'Miami', null];

/** A deterministic mix of synthetic records with shared and varied fields (no real people). */
function sample(n: number): MatchRecord[] {
  const out: MatchRecord[] = [];
  for (let i = 0; i < n; i++) {
    const k = (i * 7919) % 9973;
    out.push({
      id: `r${i}`,
      source: i % 2 ? 'a' : 'b',
      givenName: k % 17 === 0 ? null : GIVEN[k % GIVEN.length]!,
      familyName: FAMILY[(k >> 2) % FAMILY.length]!,
      birthDate: k % 5 === 0 ? null : `19${60 + (k % 3)}-0${1 + (k % 2)}-1${k % 4}`,
      city: CITIES[k % CITIES.length]!,
      postalCode: k % 3 === 0 ? `0211${k % 2}` : null,
      addressLine: k % 4 === 0 ? `${10 + (k % 3)} Elm Street` : null,
      phone: k % 6 === 0 ? `+1617555010${k % 3}` : null,
      email: k % 9 === 0 ? `user${k % 4}x@example.com` : null,
      ssn: k % 11 === 0 ? `90012345${k % 2}` : null,
      identifiers: k % 8 === 0 ? [{ kind: 'passport', value: `P00${k % 5}`, country: 'RUS' }] : [],
    });
  }
  return out;
}

function pairsOf(groups: Map<string, number[]>): Set<string> {
  const out = new Set<string>();
  for (const m of groups.values()) for (let x = 0; x < m.length; x++) for (let y = x + 1; y < m.length; y++) out.add(`${m[x]}-${m[y]}`);
  return out;
}

function group(n: number, keysOf: (i: number) => readonly (string | number)[]): Map<string, number[]> {
  const g = new Map<string, number[]>();
  for (let i = 0; i < n; i++) for (const k of new Set(keysOf(i))) g.set(String(k), [...(g.get(String(k)) ?? []), i]);
  return g;
}

describe('stable blocking keys', () => {
  const store = new RecordStore();
  store.add(sample(400));

  it('has a stable form of every default rule of the matching core', () => {
    expect(DEFAULT_RULES.map((r) => r.name).filter((n) => !(n in STABLE_KEYS))).toEqual([]);
  });

  it.each(DEFAULT_RULES.map((r) => [r.name, r] as const))('rule %s puts the same records together as the core rule', (_name, rule) => {
    const core = group(store.size, (i) => {
      const out: number[] = [];
      rule.keys(store, i, out);
      return out;
    });
    const mine = group(store.size, (i) => STABLE_KEYS[rule.name]!(store, i));
    expect(pairsOf(mine)).toEqual(pairsOf(core));
  });

  it('exercises the rules: the sample forms blocks under nearly every rule', () => {
    const busy = DEFAULT_RULES.filter((rule) => pairsOf(group(store.size, (i) => STABLE_KEYS[rule.name]!(store, i))).size > 0);
    expect(busy.length).toBeGreaterThanOrEqual(DEFAULT_RULES.length - 1);
  });

  it('gives the same block numbers in a fresh store filled in another order', () => {
    const records = sample(60);
    const other = new RecordStore();
    other.add([...records].reverse());
    const a = new RecordStore();
    a.add(records);
    for (let i = 0; i < 60; i++) expect(blocksOf(other, 59 - i)).toEqual(blocksOf(a, i));
  });
});

describe('blockPairs', () => {
  function memberships(blocks: number[][]) {
    const b = new MembershipBuilder();
    blocks.forEach((list, i) => list.forEach((h) => b.add(h, i)));
    return b.build();
  }

  it('pairs records sharing a block once, skips blocks over the cap and reports them', () => {
    const m = memberships([[1, 2], [1, 2], [1, -5], [9], [-5]]);
    const { pairs, oversized } = blockPairs(m, 5, { cap: 2 });
    const got = Array.from({ length: pairs.length }, (_, k) => `${pairs.a[k]}-${pairs.b[k]}`);
    expect(got).toEqual(['0-1', '2-4']);
    expect([...oversized]).toEqual([[1, 3]]);
  });

  it('makes only pairs with a new record when asked, counting sizes stored elsewhere', () => {
    const m = memberships([[7], [7], [7]]);
    const isNew = Uint8Array.from([0, 0, 1]);
    const r = blockPairs(m, 3, { isNew });
    expect(r.pairs.length).toBe(2);
    expect(blockPairs(m, 3, { isNew, cap: 4, extraSize: () => 2 }).oversized.get(7)).toBe(5);
  });
});
