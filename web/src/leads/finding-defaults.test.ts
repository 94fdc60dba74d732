import { describe, expect, it } from 'vitest';
import { findingFromStatus, findingFromTip, findingFromViolator } from './finding-defaults';

type Status = Parameters<typeof findingFromStatus>[0];
type Admission = Status['admissions'][number];

function admission(over: Partial<Admission>): Admission {
  return {
    admissionNumber: '90000000001',
    admissionRecord: 'adis-arrivals ARR000000001',
    classOfAdmission: 'B2',
    evaluatedClass: 'B2',
    citizenshipCountry: 'UKR',
    admissionDate: '2025-01-10',
    admitUntilDate: '2025-07-09',
    aed: '2025-07-09',
    statusEndDate: null,
    departureDate: null,
    departureRecord: null,
    class: 'SUSPECTED_IN_COUNTRY_OVERSTAY',
    overstayDays: 480,
    unlawfulPresenceDays: 480,
    barTier: 'THREE_YEAR',
    flags: [],
    rules: [{ code: 'MATCH_NO_DEPARTURE', text: 'No departure matches admission 90000000001.' }],
    stored: null,
    changedSinceRun: false,
    ...over,
  };
}

function status(admissions: Admission[], risk: Status['risk'] = null): Status {
  return { entityId: 'e1', asOf: '2026-11-01', configVersion: 'v1', run: null, admissions, risk };
}

describe('findingFromStatus', () => {
  it('makes no lead of a person whose admissions are all compliant', () => {
    expect(findingFromStatus(status([admission({ class: 'COMPLIANT_DEPARTURE', overstayDays: 0 })]))).toBeNull();
  });

  it('titles the lead by the longest overstay and carries each violation with its rules', () => {
    const d = findingFromStatus(
      status(
        [admission({ admissionNumber: 'A1', overstayDays: 12, class: 'OUT_OF_COUNTRY_OVERSTAY' }), admission({ admissionNumber: 'A2' }), admission({ admissionNumber: 'A3', class: 'IN_STATUS', overstayDays: 0 })],
        { score: 70, level: 'HIGH', factors: [{ code: 'OVERSTAY', points: 40, text: 'Overstay of 480 days' }] },
      ),
    )!;
    expect(d).toMatchObject({ type: 'STATUS_VIOLATION', priority: 'HIGH', title: 'Suspected in country overstay, 480 days' });
    expect(d.evidence!.map((e) => e.kind)).toEqual(['assessment', 'assessment', 'risk']);
    expect(d.evidence![1]!.note).toContain('• No departure matches admission 90000000001.');
    expect(d.evidence![2]!.note).toBe('• Overstay of 480 days');
  });

  it('defaults to medium priority when no risk was scored', () => {
    expect(findingFromStatus(status([admission({})]))!.priority).toBe('MEDIUM');
  });
});

describe('findingFromViolator', () => {
  it('takes the priority from the risk level and names the admission', () => {
    const d = findingFromViolator(
      { rank: 3, personKey: 'e1', entityId: 'e1', name: 'Test Person', admissionNumber: '900', score: 90, level: 'CRITICAL', citizenshipCountry: 'UKR', classesOfAdmission: ['F1'], violations: ['STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD'], schoolCodes: [], overstayDays: 0, barTier: 'NONE', factors: [] },
      '2026-11-01',
    );
    expect(d).toMatchObject({ priority: 'CRITICAL', title: 'Status violator within admit period' });
    expect(d.evidence![0]!.ref).toBe('Admission 900');
  });
});

describe('findingFromTip', () => {
  const payload = [
    { column: 'received_date', value: '2025-05-02' },
    { column: 'channel', value: 'WALK_IN' },
    { column: 'narrative', value: 'Says the subject stopped attending classes in March. Works at a warehouse.' },
    { column: 'tipster_name', value: null, withheld: true },
  ];

  it('makes a TIP lead titled by the first sentence, with the tip as evidence', () => {
    const d = findingFromTip({ recordId: 'TIP-2025-004417', payload });
    expect(d).toMatchObject({
      type: 'TIP',
      title: 'Tip TIP-2025-004417: Says the subject stopped attending classes in March.',
      summary: 'Tip received 2025-05-02 by walk-in.',
      evidence: [{ kind: 'tip', ref: 'tips TIP-2025-004417', note: payload[2]!.value }],
    });
  });

  it('never copies a withheld value, and shortens a long first sentence', () => {
    const long = 'x'.repeat(120);
    const d = findingFromTip({ recordId: 'T1', payload: [{ column: 'narrative', value: long, withheld: false }, { column: 'tipster_name', value: 'Dana Whitcombe', withheld: true }] });
    expect(d.title).toBe(`Tip T1: ${'x'.repeat(77)}…`);
    expect(JSON.stringify(d)).not.toContain('Whitcombe');
    expect(d.summary).toBe('Tip received.');
  });
});
