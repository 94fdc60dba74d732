import { describe, expect, it } from 'vitest';
import { assessPerson } from './assess-person';
import { addDays } from './days';
import { DEFAULT_STATUS_CONFIG, parseStatusConfig } from './status-config';
import {
  assessOne,
  buildAdmission,
  buildClaim,
  buildDeparture,
  buildPerson,
  ruleCodes,
  rulesText,
} from './test-builders';
import type { AdmissionFact, PersonFacts } from './types';

/** A B-2 visitor admitted 2025-01-10 until 2025-07-09. */
function visitor(adm: Partial<AdmissionFact> = {}, extra: Partial<PersonFacts> = {}): PersonFacts {
  return buildPerson({
    admissions: [
      buildAdmission({
        admissionNumber: 'V1',
        admissionDate: '2025-01-10',
        admitUntilDate: '2025-07-09',
        ...adm,
      }),
    ],
    ...extra,
  });
}

const leaving = (departureDate: string) => ({ departures: [buildDeparture({ departureDate })] });

describe('classification (section 5)', () => {
  it('departing on the AUD is on time', () => {
    const a = assessOne(visitor({}, leaving('2025-07-09')), '2025-12-01');
    expect(a).toMatchObject({
      class: 'COMPLIANT_DEPARTURE',
      overstayDays: 0,
      unlawfulPresenceDays: 0,
      flags: [],
    });
  });

  it('departing the day after the AUD is a one-day overstay', () => {
    const a = assessOne(visitor({}, leaving('2025-07-10')), '2025-12-01');
    expect(a).toMatchObject({
      class: 'OUT_OF_COUNTRY_OVERSTAY',
      overstayDays: 1,
      unlawfulPresenceDays: 1,
    });
    expect(a.flags).toEqual(['VISA_VOID_222G']);
  });

  it('no departure: IN_STATUS through the AED, suspected the day after', () => {
    expect(assessOne(visitor(), '2025-07-09').class).toBe('IN_STATUS');
    const a = assessOne(visitor(), '2025-07-10');
    expect(a).toMatchObject({ class: 'SUSPECTED_IN_COUNTRY_OVERSTAY', overstayDays: 1 });
    expect(rulesText(a)).toContain('AOD 2025-07-10 is after the AED 2025-07-09');
  });

  it('a fixed-date admission without an AUD claims nothing and flags DATA_ERROR', () => {
    const a = assessOne(visitor({ admitUntilDate: null }), '2030-01-01');
    expect(a).toMatchObject({
      class: 'IN_STATUS',
      aed: null,
      overstayDays: 0,
      flags: ['DATA_ERROR'],
    });
    expect(
      assessOne(visitor({ admitUntilDate: null }, leaving('2026-01-01')), '2030-01-01').class,
    ).toBe('COMPLIANT_DEPARTURE');
  });

  it('an AUD before the admission date is a data error; the AED becomes the admission date', () => {
    const a = assessOne(visitor({ admitUntilDate: '2024-12-31' }), '2025-01-20');
    expect(a.aed).toBe('2025-01-10');
    expect(a.flags).toContain('DATA_ERROR');
  });

  it('an unreadable admission date is flagged', () => {
    expect(assessOne(visitor({ admissionDate: '2025-02-30' }), '2025-03-01').flags).toContain(
      'DATA_ERROR',
    );
  });

  it('rejects an unreadable AOD', () => {
    expect(() => assessPerson(visitor(), '2025-7-1')).toThrow(RangeError);
  });
});

describe('bar tiers by unlawful-presence days (section 6)', () => {
  it.each([
    [180, 'NONE'],
    [181, 'THREE_YEAR'],
    [364, 'THREE_YEAR'],
    [365, 'TEN_YEAR'],
  ])('%i days → %s', (days, tier) => {
    const a = assessOne(visitor(), addDays('2025-07-09', days));
    expect(a.unlawfulPresenceDays).toBe(days);
    expect(a.barTier).toBe(tier);
  });

  it('the bar follows unlawful presence, not overstay: a D/S overstay without a finding has no bar', () => {
    const facts = buildPerson({
      admissions: [buildAdmission({ classOfAdmission: 'J1', admitUntilDate: null, sevisId: 'N1' })],
      sevisRecords: [
        {
          sevisId: 'N1',
          events: [
            {
              status: 'ACTIVE',
              statusDate: '2024-09-01',
              terminationReason: null,
              programStartDate: null,
              programEndDate: '2025-01-31',
              optType: null,
              optStartDate: null,
              optEndDate: null,
              visaType: 'J1',
            },
          ],
        },
      ],
    });
    const a = assessOne(facts, '2026-06-01');
    expect(a.overstayDays).toBeGreaterThan(365);
    expect(a).toMatchObject({ unlawfulPresenceDays: 0, barTier: 'NONE' });
  });
});

describe('days under 18 do not count', () => {
  // Overstay window: 2025-07-10 .. 2025-10-01 = 84 days.
  it('counts only from the 18th birthday', () => {
    const a = assessOne(visitor({}, { birthDate: '2007-08-01' }), '2025-10-01');
    expect(a.overstayDays).toBe(84);
    expect(a.unlawfulPresenceDays).toBe(62);
    expect(ruleCodes(a)).toContain('UNLAWFUL_PRESENCE_UNDER_18');
  });

  it('turning 18 on the first overstay day counts every day; a day later loses one', () => {
    expect(
      assessOne(visitor({}, { birthDate: '2007-07-10' }), '2025-10-01').unlawfulPresenceDays,
    ).toBe(84);
    expect(
      assessOne(visitor({}, { birthDate: '2007-07-11' }), '2025-10-01').unlawfulPresenceDays,
    ).toBe(83);
  });

  it('a minor throughout accrues nothing', () => {
    const a = assessOne(visitor({}, { birthDate: '2012-05-05' }), '2026-10-01');
    expect(a.overstayDays).toBeGreaterThan(365);
    expect(a).toMatchObject({ unlawfulPresenceDays: 0, barTier: 'NONE' });
  });

  it('an unknown birth date counts every day', () => {
    expect(assessOne(visitor({}, { birthDate: null }), '2025-10-01').unlawfulPresenceDays).toBe(84);
  });
});

describe('VISA_VOID_222G', () => {
  it('is not set for a visa-exempt Canadian without a visa foil', () => {
    const a = assessOne(visitor({ citizenshipCountry: 'CAN' }), '2025-08-01');
    expect(a.overstayDays).toBeGreaterThan(0);
    expect(a.flags).toEqual([]);
  });

  it('is set for a Canadian whose admission carries a visa foil', () => {
    expect(
      assessOne(visitor({ citizenshipCountry: 'CAN', visaFoilNumber: '12345678' }), '2025-08-01')
        .flags,
    ).toEqual(['VISA_VOID_222G']);
  });
});

describe('workers whose employment ended (H, L, O, E, TN)', () => {
  const worker = (cls: string, endDate: string) =>
    buildPerson({
      admissions: [
        buildAdmission({
          admissionNumber: 'W',
          classOfAdmission: cls,
          admissionDate: '2023-01-01',
          admitUntilDate: '2026-01-01',
        }),
      ],
      employmentEnds: [{ admissionNumber: 'W', endDate }],
    });

  it.each(['H1B', 'L1', 'O1', 'E2', 'TN'])(
    '%s: 60 days of grace, then a status violator until the AUD',
    (cls) => {
      const facts = worker(cls, '2025-03-01');
      expect(assessOne(facts, '2025-04-30').class).toBe('IN_STATUS');
      expect(assessOne(facts, '2025-05-01')).toMatchObject({
        class: 'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD',
        overstayDays: 0,
        statusEndDate: '2025-04-30',
      });
      expect(assessOne(facts, '2026-01-02')).toMatchObject({
        class: 'SUSPECTED_IN_COUNTRY_OVERSTAY',
        overstayDays: 1,
      });
    },
  );

  it('grace never runs past the AUD', () => {
    const a = assessOne(worker('H1B', '2025-12-01'), '2025-12-20');
    expect(a).toMatchObject({ class: 'IN_STATUS', statusEndDate: null });
  });

  it('does not apply to a non-worker class', () => {
    expect(assessOne(worker('B1', '2025-03-01'), '2025-06-01').class).toBe('IN_STATUS');
  });

  it('an employment end dated after the AOD is not yet known', () => {
    expect(assessOne(worker('H1B', '2025-03-01'), '2025-02-28').class).toBe('IN_STATUS');
  });

  it('reads the grace period from the config', () => {
    const config = parseStatusConfig({
      ...structuredClone(DEFAULT_STATUS_CONFIG),
      graceDays: { ...DEFAULT_STATUS_CONFIG.graceDays, worker: 30 },
    });
    expect(assessPerson(worker('H1B', '2025-03-01'), '2025-04-01', config)[0]!.statusEndDate).toBe(
      '2025-03-31',
    );
  });
});

describe('reproducibility for a given AOD', () => {
  it('records dated after the AOD change nothing', () => {
    const base = visitor({}, { birthDate: '1990-01-01' });
    const later: PersonFacts = {
      ...base,
      admissions: [
        ...base.admissions,
        buildAdmission({ admissionDate: '2025-11-01', admitUntilDate: '2026-04-30' }),
      ],
      departures: [buildDeparture({ departureDate: '2025-10-02' })],
      claims: [buildClaim({ admissionNumber: 'V1', receivedDate: '2025-10-02' })],
      unlawfulPresenceFindings: [{ admissionNumber: 'V1', findingDate: '2025-10-02' }],
      employmentEnds: [{ admissionNumber: 'V1', endDate: '2025-10-02' }],
    };
    expect(assessPerson(later, '2025-10-01')).toEqual(assessPerson(base, '2025-10-01'));
  });
});
