import { describe, expect, it } from 'vitest';
import {
  assessOne,
  buildClaim,
  buildDeparture,
  buildStudent,
  ruleCodes,
  rulesText,
  sevisTerminated,
} from './test-builders';
import type { SevisEventFact } from './types';

// F-1, J-1 and M-1 admissions (section 3); terminations are in assess-sevis.test.ts.

describe('F-1 duration of status', () => {
  it('AED = program end + 60 days grace, with the rule written out', () => {
    const a = assessOne(buildStudent(), '2025-07-14');
    expect(a.aed).toBe('2025-07-14');
    expect(a.class).toBe('IN_STATUS');
    expect(rulesText(a)).toContain(
      'F-1 D/S: AED = program end 2025-05-15 + 60 days grace = 2025-07-14',
    );
  });

  it('the day after the grace period is a one-day in-country overstay, but no unlawful presence', () => {
    const a = assessOne(buildStudent(), '2025-07-15');
    expect(a.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
    expect(a.overstayDays).toBe(1);
    expect(a.unlawfulPresenceDays).toBe(0);
    expect(a.flags).toEqual([]);
  });

  it('departing on the last grace day is compliant, the next day is an overstay', () => {
    const on = buildStudent(
      [{}],
      {},
      { departures: [buildDeparture({ departureDate: '2025-07-14' })] },
    );
    expect(assessOne(on, '2025-12-01').class).toBe('COMPLIANT_DEPARTURE');
    const after = buildStudent(
      [{}],
      {},
      { departures: [buildDeparture({ departureDate: '2025-07-15' })] },
    );
    expect(assessOne(after, '2025-12-01')).toMatchObject({
      class: 'OUT_OF_COUNTRY_OVERSTAY',
      overstayDays: 1,
    });
  });

  it('takes the latest of program end, OPT end and STEM OPT end', () => {
    const opt = {
      statusDate: '2025-05-01',
      optType: 'POST_COMPLETION',
      optStartDate: '2025-06-01',
      optEndDate: '2026-05-31',
    };
    const stem = {
      statusDate: '2026-04-01',
      optType: 'STEM',
      optStartDate: '2026-06-01',
      optEndDate: '2028-05-31',
    };
    expect(assessOne(buildStudent([{}, opt]), '2026-01-01').aed).toBe('2026-07-30');
    const a = assessOne(buildStudent([{}, opt, stem]), '2026-06-01');
    expect(a.aed).toBe('2028-07-30');
    expect(rulesText(a)).toContain(
      'latest of program end 2025-05-15, OPT end 2026-05-31, STEM OPT end 2028-05-31',
    );
  });

  it('uses the program end of the latest SEVIS row on or before the AOD', () => {
    const extended = { statusDate: '2025-04-01', programEndDate: '2025-12-15' };
    expect(assessOne(buildStudent([{}, extended]), '2025-08-01').aed).toBe('2026-02-13');
    expect(assessOne(buildStudent([{}, extended]), '2025-03-31').aed).toBe('2025-07-14');
  });

  it('falls back to the person’s F record when the admission has no SEVIS ID', () => {
    const a = assessOne(buildStudent([{}], { sevisId: null }), '2025-07-01');
    expect(a.aed).toBe('2025-07-14');
    expect(ruleCodes(a)).toContain('SEVIS_RECORD_USED');
  });

  it('without any SEVIS record there is no AED: DATA_ERROR and no overstay claimed', () => {
    const facts = { ...buildStudent(), sevisRecords: [] };
    const a = assessOne(facts, '2027-01-01');
    expect(a.aed).toBeNull();
    expect(a.class).toBe('IN_STATUS');
    expect(a.flags).toEqual(['DATA_ERROR']);
  });
});

describe('J-1 duration of status', () => {
  it('AED = program end + 30 days: last day and the day after', () => {
    const facts = buildStudent([{ visaType: 'J1' }], { classOfAdmission: 'J1' });
    expect(assessOne(facts, '2025-06-14')).toMatchObject({ aed: '2025-06-14', class: 'IN_STATUS' });
    expect(assessOne(facts, '2025-06-15')).toMatchObject({
      class: 'SUSPECTED_IN_COUNTRY_OVERSTAY',
      overstayDays: 1,
    });
  });
});

describe('M-1 fixed date', () => {
  const m1 = (events: Partial<SevisEventFact>[], admitUntilDate: string | null = '2025-06-14') =>
    buildStudent(events, { classOfAdmission: 'M1', admitUntilDate });

  it('AED = AUD', () => {
    expect(assessOne(m1([{}]), '2025-06-15')).toMatchObject({
      aed: '2025-06-14',
      overstayDays: 1,
      unlawfulPresenceDays: 1,
    });
  });

  it('terminated before the AUD: status violator until the AUD passes, then an overstay', () => {
    const facts = m1(sevisTerminated('2025-03-01', 'Failure to Enroll'));
    expect(assessOne(facts, '2025-03-01').class).toBe('IN_STATUS');
    const within = assessOne(facts, '2025-03-02');
    expect(within).toMatchObject({
      class: 'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD',
      overstayDays: 0,
      statusEndDate: '2025-03-01',
    });
    expect(assessOne(facts, '2025-06-14').class).toBe('STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD');
    expect(assessOne(facts, '2025-06-15')).toMatchObject({
      class: 'SUSPECTED_IN_COUNTRY_OVERSTAY',
      overstayDays: 1,
    });
  });

  it('an M-1 early withdrawal gets no grace', () => {
    const a = assessOne(
      m1(sevisTerminated('2025-03-01', 'Authorized Early Withdrawal')),
      '2025-03-02',
    );
    expect(a).toMatchObject({
      class: 'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD',
      statusEndDate: '2025-03-01',
    });
  });

  it('leaving between the status end and the AUD is a compliant departure', () => {
    const facts = {
      ...m1(sevisTerminated('2025-03-01', 'Failure to Enroll')),
      departures: [buildDeparture({ departureDate: '2025-04-01' })],
    };
    expect(assessOne(facts, '2025-12-01').class).toBe('COMPLIANT_DEPARTURE');
  });

  it('an M-1 without an AUD gets program end + 30 days and DATA_ERROR', () => {
    const a = assessOne(m1([{ visaType: 'M1' }], null), '2025-06-15');
    expect(a.aed).toBe('2025-06-14');
    expect(a.flags).toContain('DATA_ERROR');
  });
});

describe('cap-gap (H-1B cap petition for an F-1)', () => {
  // OPT ends 2025-06-30, so F-1 status and grace run to 2025-08-29.
  const opt = {
    statusDate: '2025-05-01',
    optType: 'POST_COMPLETION',
    optStartDate: '2025-07-01',
    optEndDate: '2025-06-30',
  };
  const capGap = (claim: Parameters<typeof buildClaim>[0]) =>
    buildStudent(
      [{}, opt],
      {},
      {
        claims: [
          buildClaim({
            formType: 'I-129',
            requestedClass: 'H1B',
            capPetition: true,
            admissionNumber: 'S1',
            ...claim,
          }),
        ],
      },
    );

  it('a pending petition filed during status extends it to 1 April of the H-1B fiscal year (+60)', () => {
    const a = assessOne(capGap({ receivedDate: '2025-04-01' }), '2025-12-01');
    expect(a.aed).toBe('2026-05-31');
    expect(a.class).toBe('PENDING_BENEFIT');
    expect(ruleCodes(a)).toContain('AED_CAP_GAP');
  });

  it('filed during the grace period still counts; filed the day after does not', () => {
    expect(assessOne(capGap({ receivedDate: '2025-08-29' }), '2025-12-01').aed).toBe('2026-05-31');
    const late = assessOne(capGap({ receivedDate: '2025-08-30' }), '2025-12-01');
    expect(late.aed).toBe('2025-08-29');
    expect(late.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
  });

  it('when denied, the 60-day grace runs from the denial', () => {
    const facts = capGap({
      receivedDate: '2025-04-01',
      status: 'DENIED',
      decisionDate: '2025-10-15',
    });
    expect(assessOne(facts, '2025-12-14')).toMatchObject({ aed: '2025-12-14', class: 'IN_STATUS' });
    expect(assessOne(facts, '2025-12-15')).toMatchObject({
      class: 'SUSPECTED_IN_COUNTRY_OVERSTAY',
      overstayDays: 1,
    });
  });
});
