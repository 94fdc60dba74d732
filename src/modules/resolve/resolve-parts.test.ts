import { describe, expect, it } from 'vitest';
import { collapse, fingerprint } from './collapse';
import { findContradiction } from './constraints';
import { displayName, entityIdFor } from './entity-ids';
import { orphanedPairs } from './index-match';
import type { MatchRecord } from './match';
import { mentionKey, parseMentionRef, mentionRef, recordOf, roleOf } from './mention-keys';
import { splitAddress, type PersonMention } from './mentions';
import { clusterOrgs, orgKey } from './org-clusters';

const rec = (over: Partial<MatchRecord>): MatchRecord => ({ id: 'x', source: 'sevis', givenName: 'Priya', familyName: 'Hallorann', ...over });
const mention = (m: number, over: Partial<MatchRecord> = {}): PersonMention => ({ mention: m, role: 'dso', source: 'sevis', recordId: `R${m}`, record: rec({ id: String(m), ...over }) });

describe('mention keys', () => {
  it('round-trips record and role through one number and a text reference', () => {
    const m = mentionKey(123456789, 'dso');
    expect([recordOf(m), roleOf(m), mentionRef(m)]).toEqual([123456789, 'dso', '123456789:dso']);
    expect(parseMentionRef('42')).toBe(mentionKey(42, 'subject'));
    expect(parseMentionRef('42:tipster')).toBeNull();
  });
});

describe('collapse', () => {
  it('folds identical records sharing an identifier onto the oldest, but not records without one', () => {
    const dso = { identifiers: [{ kind: 'dso_id', value: 'DSO1234567' }] };
    const c = collapse([mention(24, dso), mention(16, dso), mention(32), mention(40)]);
    expect(c.reps.map((r) => r.mention)).toEqual([16, 32, 40]);
    expect(c.repOf.get(24)).toBe(16);
    expect(fingerprint(rec({}))).toBeNull();
    expect(fingerprint(rec(dso))).not.toBe(fingerprint(rec({ ...dso, familyName: 'Halloran' })));
  });

  it('joins a known representative, and leaves a record kept apart on its own', () => {
    const dso = { identifiers: [{ kind: 'dso_id', value: 'DSO7654321' }] };
    const fp = fingerprint(rec(dso))!;
    expect(collapse([mention(80, dso)], new Map([[fp, 8]])).repOf.get(80)).toBe(8);
    expect(collapse([mention(80, dso)], new Map([[fp, 8]]), new Set([80])).repOf.get(80)).toBe(80);
  });
});

describe('findContradiction', () => {
  it('finds a must-not inside a must-group and names the earlier decision', () => {
    const merge = { id: '7', must: [[1, 2, 3]], cannot: [] };
    const split = { id: 'new', must: [], cannot: [[[3], [1, 2]]] as [number[], number[]][] };
    expect(findContradiction([merge], split)).toMatchObject({ decisionId: '7' });
    expect(findContradiction([], split)).toBeNull();
    expect(findContradiction([], { id: 'new', must: [], cannot: [[[5], [6]]] }, (m) => (m === 6 ? 5 : m))).toMatchObject({ decisionId: null });
  });
});

describe('entity ids and names', () => {
  it('derives a stable v5-shaped uuid from the oldest mention', () => {
    const id = entityIdFor(808);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(entityIdFor(808)).toBe(id);
    expect(entityIdFor(809)).not.toBe(id);
  });

  it('names an entity as most of its records do, preferring mixed case', () => {
    expect(displayName(['SIMISOLA SALAMI', 'Simisola Salami', 'Simi Salami'])).toBe('Simisola Salami');
    expect(displayName(['JOSE DE LA CRUZ'])).toBe('Jose De La Cruz');
    expect(displayName([null, ''])).toBe('(no name)');
  });
});

describe('organizations', () => {
  it('keys names without case, accents, punctuation or a trailing legal form', () => {
    expect(orgKey('Gerhold Engineering, Inc.')).toBe(orgKey('GERHOLD ENGINEERING'));
    expect(orgKey('The Café Group LLC')).toBe('cafe group');
    expect(orgKey('Inc')).toBe('inc');
  });

  it('joins schools by code and organizations by name, honouring a must-not', () => {
    const items = [
      { code: 'BOS214F001', key: 'harbor institute', dso: 'DSO1' },
      { code: 'BOS214F002', key: 'harbor institute', dso: 'DSO1' },
      { code: 'BOS214F001', key: null },
      { code: null, key: 'quay logistics' },
      { code: null, key: 'quay logistics' },
    ];
    const c = clusterOrgs(items);
    expect(new Set(Array.from(c.clusterOf.slice(0, 3))).size).toBe(1);
    expect(c.method).toEqual(['identifier', 'probabilistic', 'identifier', 'probabilistic', 'probabilistic']);
    const apart = clusterOrgs(items, [], [[[3], [4]]]);
    expect(apart.clusterOf[3]).not.toBe(apart.clusterOf[4]);
  });

  it('keeps two schools of one name apart unless their records share a DSO', () => {
    const items = [
      { code: 'CLE214F001', key: 'cleveland state university', dso: 'DSO1' },
      { code: 'CLE214F002', key: 'cleveland state university', dso: 'DSO2' },
      { code: null, key: 'cleveland state university' }, // a tip naming the school: joins the first
      { code: 'CLE214F003', key: 'cleveland state university', dso: 'DSO2' }, // the second's other campus
      { code: 'CLE214F002', key: null, dso: 'DSO3' },
    ];
    const c = clusterOrgs(items);
    expect(Array.from(c.clusterOf)).toEqual([0, 1, 0, 1, 1]);
    expect(c.method).toEqual(['probabilistic', 'identifier', 'probabilistic', 'probabilistic', 'identifier']);
    // Without the shared DSO the third code is a school of its own.
    const alone = clusterOrgs(items.map((it, i) => (i === 3 ? { ...it, dso: 'DSO9' } : it)));
    expect(Array.from(alone.clusterOf)).toEqual([0, 1, 0, 3, 1]);
    // An analyst's must-group still joins them.
    expect(new Set(clusterOrgs(items, [[0, 1]]).clusterOf).size).toBe(1);
  });
});

describe('splitAddress', () => {
  it('reads street, city, state and ZIP from a one-line U.S. address', () => {
    expect(splitAddress('5634 Hill Way, Dallas, TX 75224')).toEqual({ line: '5634 Hill Way', city: 'Dallas', state: 'TX', postal: '75224' });
    expect(splitAddress('41 Elm Street, Boston, MA')).toEqual({ line: '41 Elm Street', city: 'Boston', state: 'MA', postal: null });
    expect(splitAddress('somewhere near the docks')).toEqual({ line: 'somewhere near the docks', city: null, state: null, postal: null });
  });
});

describe('orphanedPairs', () => {
  // Mentions 1–4; block 10 is pushed over its cap, block 30 was over it already.
  const blocks: Record<number, number[]> = { 1: [10, 20], 2: [10, 20], 3: [10, 30], 4: [10, 30, 40] };
  const over = (b: number) => b === 10 || b === 30;
  const pairs = [
    { a: 1, b: 2 },
    { a: 1, b: 3 },
    { a: 3, b: 4 },
    { a: 2, b: 4 },
  ];
  it('drops a stored pair whose shared blocks are all over the cap, and keeps one another block still makes', () => {
    expect(orphanedPairs(pairs, (m) => blocks[m]!, over)).toEqual([
      { a: 1, b: 3 },
      { a: 3, b: 4 },
      { a: 2, b: 4 },
    ]);
    expect(orphanedPairs(pairs, (m) => blocks[m]!, (b) => b === 30)).toEqual([]);
  });
});
