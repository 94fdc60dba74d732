import { describe, expect, it } from 'vitest';
import { identifierEvidence, identifiersForbid } from './deterministic';
import { RecordStore } from './store';
import type { MatchRecord } from './types';

const passport = [{ kind: 'passport', value: 'J4907503', country: 'UKR' }];

const person = (id: string, identifiers: MatchRecord['identifiers']): MatchRecord => ({ id, source: 's', givenName: 'Anouk', familyName: 'Verbeek', birthDate: '1991-02-03', identifiers });

describe('identifiersForbid', () => {
  const store = new RecordStore();
  store.add([
    person('a1', [{ kind: 'a_number', value: 'A100200300' }]),
    person('a2', [{ kind: 'a_number', value: 'A100200399' }]),
    person('a2+passport', [{ kind: 'a_number', value: 'A100200399' }, { kind: 'passport', value: 'NX1234567', country: 'NLD' }]),
    person('a1+passport', [{ kind: 'a_number', value: 'A100200300' }, { kind: 'passport', value: 'NX1234567', country: 'NLD' }]),
    person('passport', [{ kind: 'passport', value: 'NX7654321', country: 'NLD' }]),
    person('none', []),
  ]);

  it('forbids a link between different A-numbers, unless a proving identifier is shared', () => {
    expect(identifiersForbid(store, 0, 1)).toBe(true);
    expect(identifiersForbid(store, 2, 3)).toBe(false);
    expect(identifiersForbid(store, 0, 4)).toBe(false);
    expect(identifiersForbid(store, 0, 5)).toBe(false);
  });

  it('says what identifierEvidence says, for every pair', () => {
    for (let i = 0; i < store.size; i++) for (let j = 0; j < store.size; j++) expect(identifiersForbid(store, i, j)).toBe(identifierEvidence(store, i, j).cannotLink);
  });
});

describe('identifierEvidence under one passport', () => {
  const named = (id: string, givenName: string | undefined, familyName: string): MatchRecord => ({ id, source: 's', givenName, familyName, birthDate: '1978-08-23', identifiers: passport });
  const store = new RecordStore();
  store.add([
    named('as issued', 'Miloslava', 'Dovgalevska'),
    named('swapped, transliterated', 'Dovgalevska', 'Miloslawa'),
    named('another surname', 'Miloslava', 'Kovalenko'),
    named('half swapped', 'Dovgalevska', 'Kovalenko'),
    named('no given name', undefined, 'Miloslava'),
  ]);
  const conflicts = (i: number, j: number) => identifierEvidence(store, i, j).conflicts;

  it('does not call swapped given and family names a different surname', () => {
    expect(conflicts(0, 1)).toEqual([]);
    expect(conflicts(1, 0)).toEqual([]);
    expect(conflicts(0, 4)).toEqual([]);
    expect(conflicts(4, 0)).toEqual([]);
    expect(identifierEvidence(store, 0, 1).proving).toEqual(['passport J4907503 (UKR)']);
  });

  it('still flags another surname, and a swap that holds only one way', () => {
    expect(conflicts(0, 2)).toEqual(['same passport J4907503 (UKR), different surnames (dovgalevska vs kovalenko)']);
    expect(conflicts(0, 3)).toHaveLength(1);
  });
});
