import { describe, expect, it } from 'vitest';
import { BlockingIndex, DEFAULT_BLOCKING, DEFAULT_RULES, hashKey } from './blocking';
import { RecordStore } from './store';
import { buildRecord, plantedWorld } from './testing';
import type { MatchRecord } from './types';

/** Plain reference: every rule's blocks by Map, all pairs of blocks within the cap, rule bits OR-ed. */
function naivePairs(s: RecordStore, maxBlockSize: number, from: number): Map<string, number> {
  const out = new Map<string, number>();
  DEFAULT_RULES.forEach((rule, r) => {
    const blocks = new Map<number, number[]>();
    for (let i = 0; i < s.size; i++) {
      const keys: number[] = [];
      rule.keys(s, i, keys);
      for (const h of new Set(keys.map((k) => hashKey(r, k))))
        blocks.set(h, [...(blocks.get(h) ?? []), i]);
    }
    const cap = Math.min(maxBlockSize, rule.maxBlockSize ?? Infinity);
    for (const list of blocks.values()) {
      if (list.length > cap) continue;
      for (const a of list)
        for (const b of list) {
          if (a >= b || b < from) continue;
          const k = `${a},${b}`;
          out.set(k, (out.get(k) ?? 0) | (1 << r));
        }
    }
  });
  return out;
}

function asMap(p: { a: Int32Array; b: Int32Array; rules: Uint32Array; length: number }) {
  const m = new Map<string, number>();
  for (let k = 0; k < p.length; k++) {
    const key = `${p.a[k]},${p.b[k]}`;
    expect(m.has(key)).toBe(false);
    m.set(key, p.rules[k]!);
  }
  return m;
}

describe('BlockingIndex', () => {
  const records = plantedWorld(300, 3).records;
  const options = { ...DEFAULT_BLOCKING, maxBlockSize: 12 };

  it('gives every pair of every block within the cap once, with all its rules', () => {
    const s = new RecordStore();
    s.add(records);
    const index = new BlockingIndex(s, DEFAULT_RULES, options);
    index.add();
    const { pairs, report } = index.candidates(0);
    const want = naivePairs(s, options.maxBlockSize, 0);
    expect(want.size).toBeGreaterThan(100);
    expect(asMap(pairs)).toEqual(want);
    expect(report.some((r) => r.oversizedBlocks > 0)).toBe(true);
    expect(report.reduce((t, r) => t + r.pairsEmitted, 0)).toBe(pairs.length);
  });

  it('gives a later batch exactly the pairs a full run gives it', () => {
    const cut = Math.floor(records.length * 0.7);
    const s = new RecordStore();
    s.add(records.slice(0, cut));
    const index = new BlockingIndex(s, DEFAULT_RULES, options);
    index.add();
    s.add(records.slice(cut));
    index.add();
    const inc = index.candidates(cut);
    expect(asMap(inc.pairs)).toEqual(naivePairs(s, options.maxBlockSize, cut));
    // The same store blocked in one go reports the same blocks.
    const whole = new BlockingIndex(s, DEFAULT_RULES, options);
    whole.add();
    expect(index.candidates(0).report.map((r) => r.blocks)).toEqual(
      whole.candidates(0).report.map((r) => r.blocks),
    );
    expect(asMap(index.candidates(0).pairs)).toEqual(asMap(whole.candidates(0).pairs));
  });
});

describe('birth_date_name_phonetic', () => {
  const rule = DEFAULT_RULES.findIndex((r) => r.name === 'birth_date_name_phonetic');
  /** Whether the two records meet under this rule (share one of its keys). */
  function meet(a: Partial<MatchRecord>, b: Partial<MatchRecord>): boolean {
    const s = new RecordStore();
    s.add([buildRecord(a), buildRecord(b)]);
    const keys = [0, 1].map((i) => {
      const out: number[] = [];
      DEFAULT_RULES[rule]!.keys(s, i, out);
      return new Set(out);
    });
    return [...keys[0]!].some((k) => keys[1]!.has(k));
  }
  const base = { givenName: 'Maria', familyName: 'Quispe', birthDate: '1980-04-12' };

  it('meets on the date with one name sounding the same, the other unrecognisable', () => {
    expect(meet(base, { ...base, familyName: 'Kispe' })).toBe(true);
    expect(meet(base, { ...base, familyName: 'Wuispo' })).toBe(true);
    expect(meet(base, { ...base, givenName: 'Xenia' })).toBe(true);
  });

  it('meets when the names are swapped between the fields', () => {
    expect(meet(base, { ...base, givenName: 'Quispe', familyName: 'Maria' })).toBe(true);
    // The family name, swapped and misspelt, still meets through the given name's sound.
    expect(meet(base, { ...base, givenName: 'Kuispe', familyName: 'Mariah' })).toBe(true);
  });

  it('meets when both names are misspelt but keep their initials', () => {
    expect(meet(base, { ...base, givenName: 'Mxria', familyName: 'Qvzpe' })).toBe(true);
  });

  it('keeps apart a shared date and initial alone (the blocks the rules it replaced made)', () => {
    expect(meet(base, { ...base, givenName: 'Miguel', familyName: 'Torres' })).toBe(false);
    expect(meet(base, { ...base, birthDate: '1980-04-13' })).toBe(false);
  });
});
