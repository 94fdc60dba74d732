import { describe, expect, it } from 'vitest';
import { assessPerson } from './assess-person';
import {
  assessOne,
  buildAdmission,
  buildClaim,
  buildDeparture,
  buildPerson,
  buildSevisEvent,
  buildSevisRecord,
  ruleCodes,
} from './test-builders';
import type { ClaimFact, PersonFacts } from './types';

/** A B-2 visitor admitted 2025-01-10 until 2025-07-09 (the AED). */
function visitor(claims: Partial<ClaimFact>[], extra: Partial<PersonFacts> = {}): PersonFacts {
  return buildPerson({
    admissions: [
      buildAdmission({
        admissionNumber: 'V1',
        admissionDate: '2025-01-10',
        admitUntilDate: '2025-07-09',
      }),
    ],
    claims: claims.map((c) => buildClaim({ admissionNumber: 'V1', ...c })),
    ...extra,
  });
}

describe('timeliness', () => {
  it('received on the AED is timely: pending → PENDING_BENEFIT, nothing accrues', () => {
    const a = assessOne(visitor([{ receivedDate: '2025-07-09' }]), '2025-10-01');
    expect(a).toMatchObject({
      class: 'PENDING_BENEFIT',
      overstayDays: 0,
      unlawfulPresenceDays: 0,
      flags: [],
    });
    expect(ruleCodes(a)).toContain('CLAIM_TIMELY_PENDING');
  });

  it('received the day after the AED is untimely and has no effect while pending', () => {
    const a = assessOne(visitor([{ receivedDate: '2025-07-10' }]), '2025-10-01');
    expect(a.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
    expect(a.overstayDays).toBe(84);
    expect(ruleCodes(a)).toContain('CLAIM_UNTIMELY_NO_EFFECT');
  });

  it('a claim received after the AOD is ignored', () => {
    expect(assessOne(visitor([{ receivedDate: '2025-06-01' }]), '2025-05-31').class).toBe(
      'IN_STATUS',
    );
    expect(assessOne(visitor([{ receivedDate: '2025-06-01' }]), '2025-08-01').class).toBe(
      'PENDING_BENEFIT',
    );
  });

  it('an approved extension makes a later filing timely against the new AED', () => {
    const claims = [
      {
        receivedDate: '2025-06-01',
        status: 'APPROVED',
        decisionDate: '2025-07-01',
        approvedUntilDate: '2025-12-31',
      },
      { receivedDate: '2025-11-01' },
    ];
    expect(assessOne(visitor(claims), '2026-03-01').class).toBe('PENDING_BENEFIT');
  });
});

describe('decisions', () => {
  it('an approved extension replaces the AUD and the admission is evaluated again', () => {
    const facts = visitor([
      {
        receivedDate: '2025-06-01',
        status: 'APPROVED',
        decisionDate: '2025-07-01',
        approvedUntilDate: '2025-12-31',
      },
    ]);
    expect(assessOne(facts, '2025-12-31')).toMatchObject({
      class: 'IN_STATUS',
      admitUntilDate: '2025-12-31',
      aed: '2025-12-31',
    });
    expect(assessOne(facts, '2026-01-01')).toMatchObject({
      class: 'SUSPECTED_IN_COUNTRY_OVERSTAY',
      overstayDays: 1,
    });
  });

  it('an untimely filing that is approved does take effect', () => {
    const facts = visitor([
      {
        receivedDate: '2025-08-01',
        status: 'APPROVED',
        decisionDate: '2025-09-01',
        approvedUntilDate: '2025-12-31',
      },
    ]);
    expect(assessOne(facts, '2025-10-01').class).toBe('IN_STATUS');
  });

  it('an approved change of status to F-1 is evaluated under F-1 rules', () => {
    const sevisRecords = [
      buildSevisRecord('N0000000777', [
        buildSevisEvent({ visaType: 'F1', programEndDate: '2027-05-15' }),
      ]),
    ];
    const claims = [
      {
        receivedDate: '2025-05-01',
        requestedClass: 'F1',
        status: 'APPROVED',
        decisionDate: '2025-07-01',
        approvedUntilDate: null,
      },
    ];
    const a = assessOne(visitor(claims, { sevisRecords }), '2025-10-01');
    expect(a.evaluatedClass).toBe('F1');
    expect(a.admitUntilDate).toBeNull();
    expect(a.aed).toBe('2027-07-14');
    expect(ruleCodes(a)).toContain('CLAIM_APPROVED_CHANGE_OF_STATUS');
  });

  it('a timely claim denied after the AUD moves the AED to the decision date', () => {
    const facts = visitor([
      { receivedDate: '2025-07-01', status: 'DENIED', decisionDate: '2025-09-01' },
    ]);
    expect(assessOne(facts, '2025-09-01')).toMatchObject({ class: 'IN_STATUS', aed: '2025-09-01' });
    const after = assessOne(facts, '2025-09-02');
    expect(after).toMatchObject({
      class: 'SUSPECTED_IN_COUNTRY_OVERSTAY',
      overstayDays: 1,
      unlawfulPresenceDays: 1,
    });
    expect(ruleCodes(after)).toContain('CLAIM_TIMELY_DENIED');
  });

  it('a denial before the AUD does not shorten the stay', () => {
    const facts = visitor([
      { receivedDate: '2025-03-01', status: 'DENIED', decisionDate: '2025-04-01' },
    ]);
    expect(assessOne(facts, '2025-08-01').aed).toBe('2025-07-09');
  });

  it('a withdrawn timely claim is treated like a denial', () => {
    const facts = visitor([
      { receivedDate: '2025-07-01', status: 'WITHDRAWN', decisionDate: '2025-08-01' },
    ]);
    expect(assessOne(facts, '2025-10-01').aed).toBe('2025-08-01');
  });

  it('an untimely denied claim has no effect', () => {
    const facts = visitor([
      { receivedDate: '2025-07-10', status: 'DENIED', decisionDate: '2025-09-01' },
    ]);
    expect(assessOne(facts, '2025-10-01').aed).toBe('2025-07-09');
  });

  it('a decision dated after the AOD is not known yet: still pending', () => {
    const facts = visitor([
      {
        receiptNumber: 'EAC1',
        receivedDate: '2025-07-01',
        status: 'DENIED',
        decisionDate: '2025-11-01',
      },
    ]);
    const stillPending = visitor([{ receiptNumber: 'EAC1', receivedDate: '2025-07-01' }]);
    const a = assessOne(facts, '2025-10-01');
    expect(a.class).toBe('PENDING_BENEFIT');
    expect({ ...a, entityId: '' }).toEqual({
      ...assessOne(stillPending, '2025-10-01'),
      entityId: '',
    });
  });

  it('an unreadable claim status is ignored with DATA_ERROR', () => {
    const a = assessOne(visitor([{ receivedDate: '2025-07-01', status: 'LOST' }]), '2025-10-01');
    expect(a.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
    expect(a.flags).toContain('DATA_ERROR');
  });

  it('forms that are not status benefits (I-765) have no effect', () => {
    expect(
      assessOne(visitor([{ formType: 'I-765', receivedDate: '2025-07-01' }]), '2025-10-01').class,
    ).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
  });
});

describe('adjustment of status (I-485)', () => {
  it('filed after the AED and pending: accrual stops at the receipt date', () => {
    const a = assessOne(visitor([{ formType: 'I-485', receivedDate: '2025-08-08' }]), '2026-06-01');
    expect(a).toMatchObject({
      class: 'OVERSTAY_ACCRUAL_STOPPED_AOS',
      overstayDays: 30,
      unlawfulPresenceDays: 30,
    });
    expect(a.flags).toContain('VISA_VOID_222G');
  });

  it('the frozen overstay decides the bar: 365 days reaches TEN_YEAR', () => {
    const a = assessOne(visitor([{ formType: 'I-485', receivedDate: '2026-07-09' }]), '2027-01-01');
    expect(a).toMatchObject({ overstayDays: 365, unlawfulPresenceDays: 365, barTier: 'TEN_YEAR' });
  });

  it('approved: permanent resident, no admit-until date any more', () => {
    const a = assessOne(
      visitor([
        {
          formType: 'I-485',
          receivedDate: '2025-06-01',
          status: 'APPROVED',
          decisionDate: '2025-12-01',
          approvedUntilDate: null,
        },
      ]),
      '2026-06-01',
    );
    expect(a).toMatchObject({
      class: 'IN_STATUS',
      evaluatedClass: 'LPR',
      aed: null,
      overstayDays: 0,
    });
  });
});

describe('departure with a claim pending', () => {
  it('leaving while a timely claim is pending is a compliant departure', () => {
    const facts = visitor([{ receivedDate: '2025-07-01' }], {
      departures: [buildDeparture({ departureDate: '2025-09-01' })],
    });
    const a = assessOne(facts, '2025-10-01');
    expect(a).toMatchObject({ class: 'COMPLIANT_DEPARTURE', aed: '2025-09-01' });
    expect(ruleCodes(a)).toContain('CLAIM_PENDING_AT_DEPARTURE');
  });
});

describe('H-1B same-employer extension (240-day rule)', () => {
  const h1b = (claim: Partial<ClaimFact>, extra: Partial<PersonFacts> = {}) =>
    buildPerson({
      admissions: [
        buildAdmission({
          admissionNumber: 'H1',
          classOfAdmission: 'H1B',
          admissionDate: '2022-01-03',
          admitUntilDate: '2025-01-01',
        }),
      ],
      claims: [
        buildClaim({
          admissionNumber: 'H1',
          formType: 'I-129',
          requestedClass: 'H1B',
          receivedDate: '2024-12-01',
          sameEmployer: true,
          ...claim,
        }),
      ],
      ...extra,
    });

  it('work is allowed through AUD + 240 days; the day after, EMPLOYMENT_AUTH_LAPSED', () => {
    expect(assessOne(h1b({}), '2025-08-29').flags).toEqual([]);
    const lapsed = assessOne(h1b({}), '2025-08-30');
    expect(lapsed.flags).toEqual(['EMPLOYMENT_AUTH_LAPSED']);
    expect(lapsed.class).toBe('PENDING_BENEFIT');
  });

  it('does not apply to a new employer’s petition', () => {
    expect(assessOne(h1b({ sameEmployer: false }), '2025-12-01').flags).toEqual([]);
  });

  it('does not apply once the person has left', () => {
    const facts = h1b({}, { departures: [buildDeparture({ departureDate: '2025-03-01' })] });
    expect(assessOne(facts, '2025-12-01').flags).not.toContain('EMPLOYMENT_AUTH_LAPSED');
  });
});

describe('claims without an admission number', () => {
  it('belong to the stay the person was in when the claim was received', () => {
    const facts = buildPerson({
      admissions: [
        buildAdmission({
          admissionNumber: 'OLD',
          admissionDate: '2024-01-10',
          admitUntilDate: '2024-07-09',
        }),
        buildAdmission({
          admissionNumber: 'NEW',
          admissionDate: '2025-01-10',
          admitUntilDate: '2025-07-09',
        }),
      ],
      departures: [buildDeparture({ admissionNumber: 'OLD', departureDate: '2024-07-01' })],
      claims: [buildClaim({ admissionNumber: null, receivedDate: '2025-07-01' })],
    });
    const [old, current] = assessPerson(facts, '2025-10-01');
    expect(old!.class).toBe('COMPLIANT_DEPARTURE');
    expect(current!.class).toBe('PENDING_BENEFIT');
  });
});
