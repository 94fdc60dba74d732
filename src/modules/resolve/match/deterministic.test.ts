import { describe, expect, it } from 'vitest';
import { identifierEvidence, identifiersForbid } from './deterministic';
import { RecordStore } from './store';
import type { MatchRecord } from './types';

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
