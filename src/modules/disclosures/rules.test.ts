import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { summarizeAccess } from './access-log.service';
import { currentLegalBases } from './legal-bases';
import { checkDecision, mayDiscloseUnder, releaseStatusOf, resolveBasis, selectRecords, type LinkedRecord } from './rules';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
  return 'none';
};
const recipient = { agency: 'Springfield Police Department', name: 'Det. Marsh' };

describe('who may disclose under which basis', () => {
  it('gives privacy officers every basis but the refused one, supervisors G and I, others none', () => {
    const bases = currentLegalBases().bases;
    expect(bases.filter((b) => mayDiscloseUnder(['privacy_officer'], b)).map((b) => b.code)).toEqual(bases.filter((b) => b.code !== 'b12').map((b) => b.code));
    expect(bases.filter((b) => mayDiscloseUnder(['supervisor'], b)).map((b) => b.code)).toEqual(['G', 'I']);
    for (const role of ['analyst', 'field_agent', 'records_officer', 'auditor', 'admin'] as const) {
      expect(bases.filter((b) => mayDiscloseUnder([role], b))).toEqual([]);
    }
  });

  it('explains each refusal with its own code', () => {
    expect(code(() => resolveBasis(['supervisor'], { kind: 'routine_use', code: 'A', recipient }))).toBe('FORBIDDEN');
    expect(code(() => resolveBasis(['privacy_officer'], { kind: 'routine_use', code: 'Q', recipient }))).toBe('VALIDATION_FAILED');
    expect(code(() => resolveBasis(['privacy_officer'], { kind: 'exception', code: 'b12', recipient }))).toBe('NO_LEGAL_BASIS');
    expect(code(() => resolveBasis(['privacy_officer'], { kind: 'routine_use', code: 'G', recipient: { agency: 'Equifax', name: 'x' } }))).toBe('NO_LEGAL_BASIS');
    expect(code(() => resolveBasis(['privacy_officer'], { kind: 'routine_use', code: 'N', recipient }))).toBe('VALIDATION_FAILED');
    expect(resolveBasis(['privacy_officer'], { kind: 'routine_use', code: 'N', recipient, approvalRef: 'CPO-1' }).code).toBe('N');
    expect(resolveBasis(['supervisor', 'analyst'], { kind: 'routine_use', code: 'I', recipient }).code).toBe('I');
  });
});

describe('which records go', () => {
  const linked: LinkedRecord[] = [
    { personId: 'p1', role: 'subject', ref: '1' },
    { personId: 'p1', role: 'subject', ref: '2' },
    { personId: 'p1', role: 'tipster', ref: '3' },
    { personId: 'p2', role: 'subject', ref: '4' },
  ];

  it('sends each person their records as subject by default, never where they are a tipster', () => {
    expect(Object.fromEntries(selectRecords(['p1', 'p2'], linked))).toEqual({ p1: ['1', '2'], p2: ['4'] });
  });

  it('sends exactly the records named, each with the person it belongs to', () => {
    expect(Object.fromEntries(selectRecords(['p1', 'p2'], linked, ['2', '4']))).toEqual({ p1: ['2'], p2: ['4'] });
    expect(code(() => selectRecords(['p1'], linked, ['99']))).toBe('VALIDATION_FAILED');
    expect(code(() => selectRecords(['p1', 'p2'], linked, ['1']))).toBe('BAD_REQUEST');
  });
});

describe('release of the accounting', () => {
  const decision = (d: 'release' | 'release_in_part' | 'withhold', withheld: string[] = []) => ({ decision: d, covered_entry_ids: ['1', '2'], withheld_entry_ids: withheld });

  it('never releases (b)(7) entries and leaves entries the decision does not cover undecided', () => {
    expect(releaseStatusOf({ id: '1', releasable: false }, decision('release'))).toBe('never');
    expect(releaseStatusOf({ id: '1', releasable: true }, undefined)).toBe('undecided');
    expect(releaseStatusOf({ id: '3', releasable: true }, decision('release'))).toBe('undecided');
    expect(releaseStatusOf({ id: '1', releasable: true }, decision('release'))).toBe('released');
    expect(releaseStatusOf({ id: '1', releasable: true }, decision('withhold'))).toBe('withheld');
    expect(releaseStatusOf({ id: '1', releasable: true }, decision('release_in_part', ['1']))).toBe('withheld');
    expect(releaseStatusOf({ id: '2', releasable: true }, decision('release_in_part', ['1']))).toBe('released');
  });

  it('wants an exemption to withhold, and withheld entries of this person only', () => {
    expect(code(() => checkDecision({ decision: 'withhold' }, ['1']))).toBe('VALIDATION_FAILED');
    expect(code(() => checkDecision({ decision: 'release', exemption: '(j)(2)' }, ['1']))).toBe('VALIDATION_FAILED');
    expect(code(() => checkDecision({ decision: 'release_in_part', exemption: '(j)(2)' }, ['1']))).toBe('VALIDATION_FAILED');
    expect(code(() => checkDecision({ decision: 'release_in_part', exemption: '(j)(2)', withheldEntryIds: ['7'] }, ['1']))).toBe('VALIDATION_FAILED');
    expect(code(() => checkDecision({ decision: 'release_in_part', exemption: '(k)(2)', withheldEntryIds: ['1'] }, ['1', '2']))).toBe('none');
    expect(code(() => checkDecision({ decision: 'withhold', exemption: '(k)(2)' }, ['1']))).toBe('none');
  });
});

describe('access log summary', () => {
  it('counts each user once with first, last and distinct actions, most recent first', () => {
    const ev = (actorUsername: string | null, occurredAt: string, action: string) => ({ seq: '1', occurredAt, actorUsername, action, outcome: 'success', purpose: null, via: 'person' as const, subjectType: 'person' });
    const users = summarizeAccess([ev('ana', '2026-01-03T00:00:00Z', 'person.read'), ev('bo', '2026-01-05T00:00:00Z', 'search.query'), ev('ana', '2026-01-01T00:00:00Z', 'person.read'), ev(null, '2026-01-02T00:00:00Z', 'access.denied')]);
    expect(users.map((u) => u.username)).toEqual(['bo', 'ana', '(not signed in)']);
    expect(users[1]).toEqual({ username: 'ana', accesses: 2, first: '2026-01-01T00:00:00Z', last: '2026-01-03T00:00:00Z', actions: ['person.read'] });
  });
});
