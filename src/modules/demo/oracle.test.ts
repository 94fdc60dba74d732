import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDay } from './dates';
import { assessPerson, matchDepartures, type OracleAdmission, type OraclePerson } from './oracle';

const d = parseDay;
const AOD = d('2026-11-01');

function adm(over: Partial<OracleAdmission> = {}): OracleAdmission {
  return {
    admissionNumber: '10000000001',
    cls: 'B2',
    ad: d('2026-01-10'),
    aud: d('2026-07-09'),
    mode: 'air',
    citizenship: 'BRA',
    sevisId: null,
    ...over,
  };
}
function person(over: Partial<OraclePerson> = {}): OraclePerson {
  return { admissions: [adm()], departures: [], sevis: [], claims: [], ...over };
}
const only = (p: OraclePerson, aod = AOD) => {
  const r = [...assessPerson(p, aod).values()][0];
  if (!r) throw new Error('no result');
  return r;
};

describe('status oracle', () => {
  it('treats departing on the admit-until date as on time and the next day as one day over', () => {
    expect(
      only(person({ departures: [{ day: d('2026-07-09'), admissionNumber: '10000000001' }] })).cls,
    ).toBe('COMPLIANT_DEPARTURE');
    const late = only(person({ departures: [{ day: d('2026-07-10'), admissionNumber: null }] }));
    expect(late.cls).toBe('OUT_OF_COUNTRY_OVERSTAY');
    expect(late.overstayDays).toBe(1);
    expect(late.flags).toContain('VISA_VOID_222G');
  });

  it('separates in-status from suspected in-country overstay by the as-of date', () => {
    expect(only(person(), d('2026-07-09')).cls).toBe('IN_STATUS');
    const over = only(person());
    expect(over.cls).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
    expect(over.overstayDays).toBe(AOD - d('2026-07-09'));
  });

  it('caps Visa Waiver stays at 90 days and flags a missing admit-until date', () => {
    const capped = only(
      person({
        admissions: [adm({ cls: 'WT', aud: d('2026-07-09') })],
        departures: [{ day: d('2026-05-01'), admissionNumber: null }],
      }),
    );
    expect(capped.cls).toBe('OUT_OF_COUNTRY_OVERSTAY');
    expect(capped.flags).toContain('VWP_INELIGIBLE');
    const missing = only(person({ admissions: [adm({ cls: 'WT', aud: null })] }));
    expect(missing.aed).toBe(d('2026-01-10') + 89);
    expect(missing.flags).toContain('DATA_ERROR');
  });

  it('leaves diplomats and land entries by Mexicans without an exit out of the overstay count', () => {
    expect(only(person({ admissions: [adm({ cls: 'A1', aud: null })] })).cls).toBe('OUT_OF_SCOPE');
    expect(only(person({ admissions: [adm({ mode: 'land', citizenship: 'MEX' })] })).cls).toBe(
      'INDETERMINATE_LAND',
    );
    expect(only(person({ admissions: [adm({ mode: 'land', citizenship: 'BRA' })] })).cls).toBe(
      'SUSPECTED_IN_COUNTRY_OVERSTAY',
    );
  });

  it('gives F-1 students 60 days after the latest of program and OPT end', () => {
    const sevis = [
      {
        sevisId: 'N0000000001',
        status: 'ACTIVE',
        statusDate: d('2024-08-20'),
        terminationReason: '',
        programEnd: d('2025-05-15'),
        optEnd: null,
      },
      {
        sevisId: 'N0000000001',
        status: 'ACTIVE',
        statusDate: d('2025-04-01'),
        terminationReason: '',
        programEnd: d('2025-05-15'),
        optEnd: d('2026-06-30'),
      },
    ];
    const r = only(
      person({
        admissions: [adm({ cls: 'F1', aud: null, sevisId: 'N0000000001', ad: d('2024-08-10') })],
        sevis,
      }),
    );
    expect(r.aed).toBe(d('2026-06-30') + 60);
    expect(r.cls).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
  });

  it('ends an F-1 on the termination date for a violation and 15 days later for early withdrawal', () => {
    const row = (reason: string) => [
      {
        sevisId: 'N1',
        status: 'TERMINATED',
        statusDate: d('2026-03-01'),
        terminationReason: reason,
        programEnd: d('2027-05-01'),
        optEnd: null,
      },
    ];
    const base = {
      admissions: [adm({ cls: 'F1', aud: null, sevisId: 'N1', ad: d('2025-08-01') })],
    };
    expect(only(person({ ...base, sevis: row('No Show') })).aed).toBe(d('2026-03-01'));
    expect(only(person({ ...base, sevis: row('Authorized Early Withdrawal') })).aed).toBe(
      d('2026-03-16'),
    );
    expect(only(person({ ...base, sevis: row('Death') })).cls).toBe('OUT_OF_SCOPE');
  });

  it('marks an M-1 terminated before its admit-until date as a status violator', () => {
    const r = only(
      person({
        admissions: [adm({ cls: 'M1', sevisId: 'N2', ad: d('2026-06-01'), aud: d('2027-03-01') })],
        sevis: [
          {
            sevisId: 'N2',
            status: 'TERMINATED',
            statusDate: d('2026-09-01'),
            terminationReason: 'Unauthorized Withdrawal',
            programEnd: d('2027-01-30'),
            optEnd: null,
          },
        ],
      }),
    );
    expect(r.cls).toBe('STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD');
    expect(r.overstayDays).toBe(0);
  });

  it('applies benefit applications: pending, approved, denied, and I-485 after the AED', () => {
    const claim = (over: object) => ({
      form: 'I-539',
      admissionNumber: '10000000001',
      requestedClass: 'B2',
      received: d('2026-07-01'),
      status: 'PENDING',
      decision: null,
      approvedUntil: null,
      ...over,
    });
    expect(only(person({ claims: [claim({})] })).cls).toBe('PENDING_BENEFIT');
    expect(only(person({ claims: [claim({ received: d('2026-07-20') })] })).cls).toBe(
      'SUSPECTED_IN_COUNTRY_OVERSTAY',
    );
    expect(
      only(
        person({
          claims: [
            claim({
              status: 'APPROVED',
              decision: d('2026-08-01'),
              approvedUntil: d('2027-01-09'),
            }),
          ],
        }),
      ).cls,
    ).toBe('IN_STATUS');
    const denied = only(
      person({ claims: [claim({ status: 'DENIED', decision: d('2026-09-01') })] }),
    );
    expect(denied.aed).toBe(d('2026-09-01'));
    const aos = only(
      person({
        claims: [claim({ form: 'I-485', requestedClass: 'LPR', received: d('2026-08-08') })],
      }),
    );
    expect(aos.cls).toBe('OVERSTAY_ACCRUAL_STOPPED_AOS');
    expect(aos.overstayDays).toBe(30);
    // Decisions after the as-of date are not known yet.
    expect(
      only(person({ claims: [claim({ status: 'DENIED', decision: d('2026-12-01') })] })).cls,
    ).toBe('PENDING_BENEFIT');
  });

  it('ignores a Visa Waiver I-539 but honours a Visa Waiver I-485', () => {
    const wt = [adm({ cls: 'WT', aud: d('2026-04-09') })];
    const claim = (form: string) => ({
      form,
      admissionNumber: '10000000001',
      requestedClass: 'B2',
      received: d('2026-04-01'),
      status: 'PENDING',
      decision: null,
      approvedUntil: null,
    });
    expect(only(person({ admissions: wt, claims: [claim('I-539')] })).cls).toBe(
      'SUSPECTED_IN_COUNTRY_OVERSTAY',
    );
    expect(only(person({ admissions: wt, claims: [claim('I-485')] })).cls).toBe('PENDING_BENEFIT');
  });

  it('matches departures as ADIS does', () => {
    const a1 = adm({ admissionNumber: 'A1', ad: d('2025-01-01'), aud: d('2025-06-30') });
    const a2 = adm({ admissionNumber: 'A2', ad: d('2025-09-01'), aud: d('2026-02-28') });
    const m = matchDepartures(
      {
        admissions: [a1, a2],
        departures: [
          { day: d('2025-10-01'), admissionNumber: null },
          { day: d('2024-12-01'), admissionNumber: null },
        ],
        sevis: [],
        claims: [],
      },
      AOD,
    );
    expect(m.get('A2')).toBe(d('2025-10-01')); // closes the most recent earlier open admission
    expect(m.has('A1')).toBe(false); // a departure before an admission never closes it
    expect(m.size).toBe(1);
  });

  it('keeps overstay days non-negative and never moves a no-departure case back to in-status as time passes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 900 }),
        (adOff, allowance, step) => {
          const ad = d('2020-01-01') + adOff;
          const p = person({ admissions: [adm({ ad, aud: ad + allowance })] });
          const early = only(p, ad + step);
          const later = only(p, ad + step + 30);
          expect(early.overstayDays).toBeGreaterThanOrEqual(0);
          if (early.cls === 'SUSPECTED_IN_COUNTRY_OVERSTAY')
            expect(later.cls).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
        },
      ),
    );
  });
});
