import { describe, expect, it } from 'vitest';
import { assessPerson } from './assess-person';
import { assessRisk, riskInputsFromAssessments, type RiskInputs } from './risk';
import { DEFAULT_STATUS_CONFIG, parseStatusConfig } from './status-config';
import { buildAdmission, buildPerson, buildSevisEvent, buildSevisRecord } from './test-builders';

function inputs(overrides: Partial<RiskInputs> = {}): RiskInputs {
  return {
    overstayDays: 0,
    barTier: 'NONE',
    sevisTerminationsForCause: 0,
    enforcementEvents: {},
    visaRevoked: false,
    lookouts: 0,
    suspectSchoolLinks: 0,
    ...overrides,
  };
}

const w = DEFAULT_STATUS_CONFIG.risk;

describe('assessRisk', () => {
  it('nothing known: LOW with no factors', () => {
    expect(assessRisk(inputs())).toEqual({
      score: 0,
      level: 'LOW',
      factors: [],
      configVersion: DEFAULT_STATUS_CONFIG.version,
    });
  });

  it.each([
    [1, 5],
    [30, 5],
    [31, 10],
    [180, 10],
    [181, 20],
    [364, 20],
    [365, 30],
  ])('an overstay of %i days scores the band points %i', (days, points) => {
    const r = assessRisk(inputs({ overstayDays: days }));
    expect(r.factors).toEqual([expect.objectContaining({ code: 'OVERSTAY', points })]);
    expect(r.factors[0]!.text).toContain(`${days} days`);
  });

  it('explains every factor in words and sums the points', () => {
    const r = assessRisk(
      inputs({
        overstayDays: 400,
        barTier: 'TEN_YEAR',
        sevisTerminationsForCause: 1,
        enforcementEvents: { ARREST: 1, ENCOUNTER: 2 },
        visaRevoked: true,
        lookouts: 1,
        suspectSchoolLinks: 1,
      }),
    );
    const codes = r.factors.map((f) => f.code);
    expect(codes).toEqual([
      'OVERSTAY',
      'BAR_TIER',
      'SEVIS_TERMINATION_FOR_CAUSE',
      'ENFORCEMENT_HISTORY',
      'VISA_REVOKED',
      'LOOKOUTS',
      'SUSPECT_SCHOOL_LINKS',
    ]);
    expect(r.score).toBe(r.factors.reduce((s, f) => s + f.points, 0));
    expect(r.score).toBe(30 + w.barTier.TEN_YEAR + 10 + (10 + 2 * 2) + w.visaRevocation + 15 + 10);
    expect(r.level).toBe('CRITICAL');
    for (const f of r.factors) expect(f.text.length).toBeGreaterThan(10);
    expect(r.factors.find((f) => f.code === 'ENFORCEMENT_HISTORY')!.text).toContain(
      '1 ARREST x 10',
    );
  });

  it('caps repeated events', () => {
    const r = assessRisk(inputs({ lookouts: 5, enforcementEvents: { CONVICTION: 3 } }));
    expect(r.factors.find((f) => f.code === 'LOOKOUTS')!.points).toBe(w.lookouts.max);
    expect(r.factors.find((f) => f.code === 'ENFORCEMENT_HISTORY')!.points).toBe(w.enforcementMax);
    expect(r.factors.find((f) => f.code === 'LOOKOUTS')!.text).toContain('capped');
  });

  it('levels follow the configured thresholds', () => {
    expect(assessRisk(inputs({ overstayDays: 181 })).level).toBe('MEDIUM'); // 20
    expect(
      assessRisk(inputs({ overstayDays: 181, barTier: 'THREE_YEAR', visaRevoked: true })).level,
    ).toBe('HIGH'); // 45
    expect(assessRisk(inputs({ overstayDays: 10 })).level).toBe('LOW');
  });

  it('reads weights from the config', () => {
    const config = parseStatusConfig({
      ...structuredClone(DEFAULT_STATUS_CONFIG),
      version: 'x',
      risk: { ...structuredClone(w), visaRevocation: 70 },
    });
    expect(assessRisk(inputs({ visaRevoked: true }), config)).toMatchObject({
      score: 70,
      level: 'CRITICAL',
      configVersion: 'x',
    });
  });

  it('ignores negative or non-finite counts', () => {
    expect(assessRisk(inputs({ lookouts: -3, overstayDays: Number.NaN })).score).toBe(0);
  });
});

describe('riskInputsFromAssessments', () => {
  it('takes the longest overstay, the worst bar and SEVIS terminations for cause up to the AOD', () => {
    const facts = buildPerson({
      admissions: [
        buildAdmission({ admissionDate: '2023-01-10', admitUntilDate: '2023-03-01' }),
        buildAdmission({ admissionDate: '2024-01-10', admitUntilDate: '2024-07-09' }),
      ],
      sevisRecords: [
        buildSevisRecord('N1', [
          buildSevisEvent({
            status: 'TERMINATED',
            statusDate: '2023-05-01',
            terminationReason: 'Unauthorized Employment',
          }),
          buildSevisEvent({
            status: 'TERMINATED',
            statusDate: '2023-06-01',
            terminationReason: 'Authorized Early Withdrawal',
          }),
          buildSevisEvent({
            status: 'TERMINATED',
            statusDate: '2026-01-01',
            terminationReason: 'Failure to Enroll',
          }),
        ]),
      ],
    });
    const asOf = '2025-01-01';
    const out = assessPerson(facts, asOf);
    const derived = riskInputsFromAssessments(facts, out, asOf);
    expect(derived.overstayDays).toBe(Math.max(...out.map((a) => a.overstayDays)));
    expect(derived.barTier).toBe('TEN_YEAR');
    expect(derived.sevisTerminationsForCause).toBe(1);
    expect(derived.suspectedViolator).toBe(true);
  });
});
