import { describe, expect, it } from 'vitest';
import { decideNeedToKnow } from '../access';
import { assessRisk } from './engine';
import { discloseFactors, WITHHELD_FACTOR_TEXT } from './risk-disclosure';

const risk = assessRisk({
  overstayDays: 400,
  barTier: 'TEN_YEAR',
  sevisTerminationsForCause: 0,
  enforcementEvents: { ARREST: 1, CONVICTION: 1 },
  visaRevoked: true,
  lookouts: 0,
  suspectSchoolLinks: 0,
});
const analyst = { roles: ['analyst' as const] };

describe('risk factors under need to know', () => {
  it('has an enforcement factor that spells out the history (the thing to withhold)', () => {
    const f = risk.factors.find((x) => x.code === 'ENFORCEMENT_HISTORY')!;
    expect(f.text).toMatch(/ARREST x \d+/);
    expect(f.text).toMatch(/CONVICTION x \d+/);
  });

  it('without a purpose or an assignment: same codes and points, the enforcement details withheld', () => {
    const d = discloseFactors(
      risk.factors,
      decideNeedToKnow({ actor: analyst, purpose: null, assignment: null }),
    );
    expect(d.factors.map((f) => [f.code, f.points])).toEqual(
      risk.factors.map((f) => [f.code, f.points]),
    );
    const f = d.factors.find((x) => x.code === 'ENFORCEMENT_HISTORY')!;
    expect(f.withheld).toBe(true);
    expect(f.text).toBe(`${WITHHELD_FACTOR_TEXT}: ${f.points} points`);
    expect(d.factors.map((x) => x.text).join(' ')).not.toMatch(/ARREST|CONVICTION/);
    expect(
      d.factors.filter((x) => x.code !== 'ENFORCEMENT_HISTORY').every((x) => !x.withheld),
    ).toBe(true);
    expect(d).toMatchObject({ revealed: [], withheld: ['CRIMINAL'] });
  });

  it('with a stated purpose, or assigned to a lead on the person: the full text', () => {
    for (const input of [
      { purpose: 'Case 2026-0412: status review', assignment: null },
      { purpose: null, assignment: { leadNumber: 'L-2026-000042' } },
    ]) {
      const d = discloseFactors(risk.factors, decideNeedToKnow({ actor: analyst, ...input }));
      expect(d.factors).toEqual(risk.factors.map((f) => ({ ...f, withheld: false })));
      expect(d).toMatchObject({ revealed: ['CRIMINAL'], withheld: [] });
    }
  });

  it('says nothing about categories a person has no factor for', () => {
    const plain = risk.factors.filter((f) => f.code !== 'ENFORCEMENT_HISTORY');
    const d = discloseFactors(
      plain,
      decideNeedToKnow({ actor: { roles: ['analyst'] }, purpose: null, assignment: null }),
    );
    expect(d).toMatchObject({ revealed: [], withheld: [] });
  });
});
