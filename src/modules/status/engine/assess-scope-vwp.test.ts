import { describe, expect, it } from 'vitest';
import { assessPerson } from './assess-person';
import {
  assessOne,
  buildAdmission,
  buildClaim,
  buildDeparture,
  buildPerson,
  ruleCodes,
  rulesText,
} from './test-builders';

describe('scope (section 1)', () => {
  it.each(['A1', 'A2', 'G4', 'C1', 'D', 'C1D', 'd-1'])('%s is OUT_OF_SCOPE', (cls) => {
    const a = assessOne(
      buildPerson({
        admissions: [buildAdmission({ classOfAdmission: cls, admitUntilDate: null })],
      }),
      '2030-01-01',
    );
    expect(a.class).toBe('OUT_OF_SCOPE');
    expect(a.overstayDays).toBe(0);
    expect(a.aed).toBeNull();
    expect(ruleCodes(a)).toContain('SCOPE_OUT_OF_SCOPE_CLASS');
  });

  it('matches the leading letters only: CW1 is not a C (transit) class', () => {
    const a = assessOne(
      buildPerson({
        admissions: [buildAdmission({ classOfAdmission: 'CW1', admitUntilDate: '2025-07-09' })],
      }),
      '2025-08-01',
    );
    expect(a.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
  });

  it('an out-of-scope admission still takes its departure, so it cannot close another stay', () => {
    const facts = buildPerson({
      admissions: [
        buildAdmission({
          admissionNumber: 'B',
          classOfAdmission: 'B2',
          admissionDate: '2025-01-10',
          admitUntilDate: '2025-02-10',
        }),
        buildAdmission({
          admissionNumber: 'G',
          classOfAdmission: 'G4',
          admissionDate: '2025-03-01',
          admitUntilDate: null,
        }),
      ],
      departures: [buildDeparture({ recordId: 'D', departureDate: '2025-04-01' })],
    });
    const [b, g] = assessPerson(facts, '2025-05-01');
    expect(g!.class).toBe('OUT_OF_SCOPE');
    expect(g!.departureRecordId).toBe('D');
    expect(b!.departureRecordId).toBeNull();
    expect(b!.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
  });

  it('land entry by a Canadian with no recorded exit is INDETERMINATE_LAND', () => {
    const facts = buildPerson({
      admissions: [
        buildAdmission({ mode: 'land', citizenshipCountry: 'CAN', admitUntilDate: '2025-07-09' }),
      ],
    });
    const a = assessOne(facts, '2026-01-01');
    expect(a.class).toBe('INDETERMINATE_LAND');
    expect(a.overstayDays).toBe(0);
    expect(a.unlawfulPresenceDays).toBe(0);
    expect(a.flags).toEqual([]);
  });

  it('land entry by a Mexican national with a matched departure is evaluated normally', () => {
    const facts = buildPerson({
      admissions: [
        buildAdmission({ mode: 'land', citizenshipCountry: 'MEX', admitUntilDate: '2025-07-09' }),
      ],
      departures: [buildDeparture({ departureDate: '2025-07-12' })],
    });
    const a = assessOne(facts, '2026-01-01');
    expect(a.class).toBe('OUT_OF_COUNTRY_OVERSTAY');
    expect(a.overstayDays).toBe(3);
  });

  it.each([
    ['land', 'BRA'],
    ['air', 'MEX'],
  ])('mode %s with citizenship %s is not indeterminate', (mode, country) => {
    const facts = buildPerson({
      admissions: [
        buildAdmission({ mode, citizenshipCountry: country, admitUntilDate: '2025-07-09' }),
      ],
    });
    expect(assessOne(facts, '2025-08-01').class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
  });
});

function vwp(admitUntilDate: string | null, extra: Parameters<typeof buildPerson>[0] = {}) {
  return buildPerson({
    admissions: [
      buildAdmission({
        admissionNumber: 'W1',
        classOfAdmission: 'WT',
        admissionDate: '2025-01-10',
        admitUntilDate,
        citizenshipCountry: 'DEU',
      }),
    ],
    ...extra,
  });
}

describe('Visa Waiver (section 3)', () => {
  // AD 2025-01-10: the 90-day period ends AD + 89 = 2025-04-09.
  it('AED = AUD within the 90-day period; departing on it is on time, the day after is one day', () => {
    const onTime = assessOne(
      vwp('2025-04-09', { departures: [buildDeparture({ departureDate: '2025-04-09' })] }),
      '2025-06-01',
    );
    expect(onTime.aed).toBe('2025-04-09');
    expect(onTime.class).toBe('COMPLIANT_DEPARTURE');
    const late = assessOne(
      vwp('2025-04-09', { departures: [buildDeparture({ departureDate: '2025-04-10' })] }),
      '2025-06-01',
    );
    expect(late.class).toBe('OUT_OF_COUNTRY_OVERSTAY');
    expect(late.overstayDays).toBe(1);
    expect(late.flags).toEqual(['VWP_INELIGIBLE']);
  });

  it('caps an AUD beyond 90 days at AD + 89 and flags DATA_ERROR', () => {
    const a = assessOne(vwp('2025-06-30'), '2025-04-20');
    expect(a.aed).toBe('2025-04-09');
    expect(a.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
    expect(a.overstayDays).toBe(11);
    expect(a.flags).toContain('DATA_ERROR');
    expect(ruleCodes(a)).toContain('AED_VISA_WAIVER_CAPPED');
  });

  it('derives a missing AUD as AD + 89 and flags DATA_ERROR', () => {
    const a = assessOne(vwp(null), '2025-04-10');
    expect(a.aed).toBe('2025-04-09');
    expect(a.admitUntilDate).toBeNull();
    expect(a.overstayDays).toBe(1);
    expect(a.flags).toEqual(['DATA_ERROR', 'VWP_INELIGIBLE']);
    expect(rulesText(a)).toContain('AD 2025-01-10 + 89 days = 2025-04-09');
  });

  it('adds a satisfactory departure grant to the AED', () => {
    const grant = { admissionNumber: 'W1', days: 20 };
    const a = assessOne(vwp('2025-04-09', { satisfactoryDepartureGrants: [grant] }), '2025-04-29');
    expect(a.aed).toBe('2025-04-29');
    expect(a.class).toBe('IN_STATUS');
    expect(
      assessOne(vwp('2025-04-09', { satisfactoryDepartureGrants: [grant] }), '2025-04-30')
        .overstayDays,
    ).toBe(1);
  });

  it('limits satisfactory departure to 30 days', () => {
    const a = assessOne(
      vwp('2025-04-09', { satisfactoryDepartureGrants: [{ admissionNumber: 'W1', days: 45 }] }),
      '2025-06-01',
    );
    expect(a.aed).toBe('2025-05-09');
    expect(rulesText(a)).toContain('limited to 30');
  });

  it('ignores a grant for another admission or dated after the AOD', () => {
    const other = assessOne(
      vwp('2025-04-09', { satisfactoryDepartureGrants: [{ admissionNumber: 'ZZ', days: 20 }] }),
      '2025-06-01',
    );
    expect(other.aed).toBe('2025-04-09');
    const later = { admissionNumber: 'W1', days: 20, grantedDate: '2025-07-01' };
    expect(
      assessOne(vwp('2025-04-09', { satisfactoryDepartureGrants: [later] }), '2025-06-01').aed,
    ).toBe('2025-04-09');
  });

  it('an I-539, even approved, has no effect for a Visa Waiver entrant', () => {
    const claims = [
      buildClaim({
        admissionNumber: 'W1',
        formType: 'I-539',
        receivedDate: '2025-03-01',
        status: 'APPROVED',
        decisionDate: '2025-03-20',
        approvedUntilDate: '2025-10-01',
      }),
    ];
    const a = assessOne(vwp('2025-04-09', { claims }), '2025-06-01');
    expect(a.aed).toBe('2025-04-09');
    expect(a.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
    expect(ruleCodes(a)).toContain('CLAIM_VISA_WAIVER_NO_EFFECT');
  });

  it('a timely I-485 (immediate relative) counts: PENDING_BENEFIT', () => {
    const claims = [
      buildClaim({ admissionNumber: 'W1', formType: 'I-485', receivedDate: '2025-04-09' }),
    ];
    expect(assessOne(vwp('2025-04-09', { claims }), '2025-06-01').class).toBe('PENDING_BENEFIT');
  });

  it('never flags VISA_VOID_222G for a Visa Waiver entrant', () => {
    const a = assessOne(vwp('2025-04-09'), '2025-09-01');
    expect(a.flags).not.toContain('VISA_VOID_222G');
    expect(a.flags).toContain('VWP_INELIGIBLE');
  });
});
