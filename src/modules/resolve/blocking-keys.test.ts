import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_CAP, blockPairs, blockPairsWith, blocksOf, capOf, claimPairs, MembershipBuilder, ruleBlocksOf, STABLE_KEYS } from './blocking-keys';
import { DEFAULT_RULES, generateCandidates, NAME_BLOCK_CAP, RecordStore, TIGHT_BLOCK_CAP, type CandidatePairs, type MatchRecord } from './match';

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

  it('proposes the candidate pairs of the core with the same rule masks (what training learns from)', () => {
    const b = new MembershipBuilder();
    for (let i = 0; i < store.size; i++) {
      const found = ruleBlocksOf(store, i);
      found.blocks.forEach((h, k) => b.add(h, i, found.masks[k]));
    }
    const mine = blockPairs(b.build(), store.size).pairs;
    const core = generateCandidates(store).pairs;
    const listed = (p: CandidatePairs) => Array.from({ length: p.length }, (_, k) => `${p.a[k]}-${p.b[k]}:${p.rules[k]}`);
    expect(listed(mine)).toEqual(listed(core).sort((x, y) => x.localeCompare(y, "en", { numeric: true })));
    expect(new Set(mine.rules).size).toBeGreaterThan(5);
  });

  it('exercises the rules: the sample forms blocks under nearly every rule', () => {
    const busy = DEFAULT_RULES.filter((rule) => pairsOf(group(store.size, (i) => STABLE_KEYS[rule.name]!(store, i))).size > 0);
    expect(busy.length).toBeGreaterThanOrEqual(DEFAULT_RULES.length - 1);
  });

  it('caps the name rules at NAME_BLOCK_CAP or TIGHT_BLOCK_CAP, marked in the block number, and only them', () => {
    const capped = (cap: number) => DEFAULT_RULES.filter((r) => r.maxBlockSize === cap).map((r) => r.name);
    expect(capped(NAME_BLOCK_CAP)).toEqual(expect.arrayContaining(['family_alone', 'name_pair_phonetic']));
    expect(capped(TIGHT_BLOCK_CAP)).toEqual(expect.arrayContaining(['family_given_initial', 'given_birth_year']));
    expect(DEFAULT_RULES.find((r) => r.name === 'postcode_family_initial')!.maxBlockSize).toBeUndefined();
    // n records of one surname and postcode, given names all different but for the initial.
    const run = (n: number) => {
      const store = new RecordStore();
      store.add(Array.from({ length: n }, (_, i) => ({ id: `f${i}`, source: 'a', givenName: `Gaston${'abcdefghij'[i % 10]}${'klmnopqrst'[Math.floor(i / 10)]}`, familyName: 'Okafor', postalCode: '02114' })));
      const b = new MembershipBuilder();
      const ruleOf = new Map<number, string>();
      for (let i = 0; i < store.size; i++) {
        const { blocks, masks } = ruleBlocksOf(store, i);
        blocks.forEach((h, k) => {
          b.add(h, i, masks[k]);
          ruleOf.set(h, DEFAULT_RULES[Math.log2(masks[k]!)]!.name);
        });
      }
      const { pairs, oversized } = blockPairs(b.build(), store.size);
      return { pairs, over: new Map([...oversized].map(([h, size]) => [ruleOf.get(h)!, { size, cap: capOf(h) }])) };
    };
    // 12: over the tight cap of family_given_initial (Okafor, G), not over family_alone's.
    expect(run(12).over).toEqual(new Map([['family_given_initial', { size: 12, cap: TIGHT_BLOCK_CAP }]]));
    // 60: family_alone (Okafor) is over the name cap as well.
    const { pairs, over } = run(60);
    expect(over).toEqual(new Map([['family_given_initial', { size: 60, cap: TIGHT_BLOCK_CAP }], ['family_alone', { size: 60, cap: NAME_BLOCK_CAP }]]));
    // The same 60 records still meet through postcode_family_initial (the run's cap, 500).
    expect(pairs.length).toBe((60 * 59) / 2);
    const store = new RecordStore();
    store.add([{ id: 'x', source: 'a', givenName: 'Gaston', familyName: 'Okafor', postalCode: '02114' }]);
    expect(blocksOf(store, 0, DEFAULT_RULES.filter((r) => r.name === 'postcode_family_initial')).map(capOf)).toEqual([BLOCK_CAP]);
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

describe('block numbers', () => {
  it('are FNV-1a of the rule name, \\u0001 and the key, the two low bits the cap: stored, they change only with BLOCKING_VERSION', () => {
    const fnv = (text: string) => {
      let h = 0x811c9dc5;
      for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
      return h | 0;
    };
    const store = new RecordStore();
    store.add(sample(40));
    for (let i = 0; i < store.size; i++) {
      const want = DEFAULT_RULES.flatMap((r) => STABLE_KEYS[r.name]!(store, i).map((k) => (fnv(`${r.name}\u0001${k}`) & ~3) | [undefined, NAME_BLOCK_CAP, TIGHT_BLOCK_CAP].indexOf(r.maxBlockSize)));
      expect(blocksOf(store, i)).toEqual([...new Set(want)].sort((x, y) => x - y));
    }
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

  it('gives what checking every pair of records gives (fast-check)', () => {
    const world = fc.record({
      // Block numbers from a small range, so records share them; odd ones have the name cap.
      blocks: fc.array(fc.uniqueArray(fc.integer({ min: -6, max: 6 }), { maxLength: 4 }), { minLength: 1, maxLength: 70 }),
      cap: fc.integer({ min: 1, max: 80 }),
      fresh: fc.option(fc.array(fc.boolean(), { minLength: 70, maxLength: 70 })),
      extra: fc.option(fc.integer({ min: 0, max: 40 })),
    });
    fc.assert(
      fc.property(world, ({ blocks, cap, fresh, extra }) => {
        const n = blocks.length;
        const isNew = fresh ? Uint8Array.from(fresh.slice(0, n), Number) : undefined;
        const extraSize = extra === null ? undefined : (b: number) => (b === 0 ? extra : 0);
        const got = blockPairs(memberships(blocks), n, { cap, ...(isNew ? { isNew } : {}), ...(extraSize ? { extraSize } : {}) });
        const size = new Map<number, number>();
        for (const list of blocks) for (const h of list) size.set(h, (size.get(h) ?? 0) + 1);
        for (const h of size.keys()) size.set(h, size.get(h)! + (extraSize?.(h) ?? 0));
        const fits = (h: number) => size.get(h)! <= Math.min(cap, capOf(h));
        const want: string[] = [];
        for (let a = 0; a < n; a++)
          for (let b = a + 1; b < n; b++)
            if ((!isNew || isNew[a] || isNew[b]) && blocks[a]!.some((h) => blocks[b]!.includes(h) && fits(h))) want.push(`${a}-${b}`);
        expect(Array.from({ length: got.pairs.length }, (_, k) => `${got.pairs.a[k]}-${got.pairs.b[k]}`)).toEqual(want);
        expect(new Map([...got.oversized].sort((x, y) => x[0] - y[0]))).toEqual(new Map([...size].filter(([h]) => !fits(h)).sort((x, y) => x[0] - y[0])));
      }),
      { numRuns: 500 },
    );
  });

  // Record i is in blocks i % 700 and i % 1100 (and a block of its own): many pairs twice, and
  // records enough for several claimed ranges. The numbers' two low bits are 0 (BLOCK_CAP).
  const n = 5000;
  const crossing = () => memberships(Array.from({ length: n }, (_, i) => [4 * (i % 700), 4 * (2000 + (i % 1100)), 4 * (5000 + i)]));
  const listed = (pairs: CandidatePairs) => Array.from({ length: pairs.length }, (_, k) => `${pairs.a[k]}-${pairs.b[k]}`);

  it('gives every pair sharing a block exactly once, in (a, b) order', () => {
    const { pairs } = blockPairs(crossing(), n, { cap: 500 });
    // In shared memory: the comparing worker reads them without a copy.
    for (const column of [pairs.a, pairs.b, pairs.rules]) expect(column.buffer).toBeInstanceOf(SharedArrayBuffer);
    const want: string[] = [];
    for (let a = 0; a < n; a++)
      for (let b = a + 1; b < n; b++) if (a % 700 === b % 700 || a % 1100 === b % 1100) want.push(`${a}-${b}`);
    expect(listed(pairs)).toEqual(want);
  });

  it('gives the same pairs, in the same order, whichever thread claims the records', async () => {
    const alone = blockPairs(crossing(), n, { cap: 500 });
    let theirs = 0;
    // A worker that comes to the job at once claims every range before this thread does.
    const eager = await blockPairsWith(crossing(), n, { pairs: async (job) => { const ranges = claimPairs(job); theirs = ranges.length; return ranges; } }, { cap: 500 });
    expect(theirs).toBe(3);
    expect(listed(eager.pairs)).toEqual(listed(alone.pairs));
    expect(Array.from(eager.pairs.rules)).toEqual(Array.from(alone.pairs.rules));
    // One busy with other jobs (here: never free) is not waited for.
    const busy = await blockPairsWith(crossing(), n, { pairs: () => new Promise(() => {}) }, { cap: 500 });
    expect(listed(busy.pairs)).toEqual(listed(alone.pairs));
  });
});

