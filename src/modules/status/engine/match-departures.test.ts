import { describe, expect, it } from 'vitest';
import { assessPerson } from './assess-person';
import { parseDay } from './days';
import { matchDepartures } from './match-departures';
import { buildAdmission, buildDeparture, buildPerson, ruleCodes, rulesText } from './test-builders';
import type { Assessment, PersonFacts } from './types';

function byNumber(out: Assessment[]): Record<string, Assessment> {
  return Object.fromEntries(out.map((a) => [a.admissionNumber, a]));
}

function twoTrips(overrides: Partial<PersonFacts> = {}): PersonFacts {
  return buildPerson({
    admissions: [
      buildAdmission({
        admissionNumber: 'A1',
        admissionDate: '2025-01-10',
        admitUntilDate: '2025-07-09',
      }),
      buildAdmission({
        admissionNumber: 'A2',
        admissionDate: '2025-03-01',
        admitUntilDate: '2025-08-31',
      }),
    ],
    ...overrides,
  });
}

describe('departure matching (section 2)', () => {
  it('matches several trips: each departure closes the stay it ends', () => {
    const facts = twoTrips({
      departures: [
        buildDeparture({ recordId: 'D2', departureDate: '2025-04-01' }),
        buildDeparture({ recordId: 'D1', departureDate: '2025-02-01' }),
      ],
    });
    const out = byNumber(assessPerson(facts, '2025-12-01'));
    expect(out.A1!.departureRecordId).toBe('D1');
    expect(out.A2!.departureRecordId).toBe('D2');
    expect(out.A1!.class).toBe('COMPLIANT_DEPARTURE');
    expect(ruleCodes(out.A1!)).toContain('MATCH_BY_PERSON');
  });

  it('a departure without an admission number closes the most recent open earlier admission', () => {
    const facts = twoTrips({
      departures: [buildDeparture({ recordId: 'D', departureDate: '2025-04-01' })],
    });
    const out = byNumber(assessPerson(facts, '2025-12-01'));
    expect(out.A2!.departureRecordId).toBe('D');
    expect(out.A1!.departureRecordId).toBeNull();
    expect(out.A1!.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
  });

  it('a departure carrying an admission number closes that admission, not the most recent', () => {
    const facts = twoTrips({
      departures: [
        buildDeparture({ recordId: 'D', admissionNumber: 'A1', departureDate: '2025-04-01' }),
      ],
    });
    const out = byNumber(assessPerson(facts, '2025-12-01'));
    expect(out.A1!.departureRecordId).toBe('D');
    expect(out.A2!.departureRecordId).toBeNull();
    expect(ruleCodes(out.A1!)).toContain('MATCH_BY_ADMISSION_NUMBER');
  });

  it('numbered departures are placed first, then the others take what is left', () => {
    const facts = twoTrips({
      departures: [
        buildDeparture({ recordId: 'FREE', departureDate: '2025-04-01' }),
        buildDeparture({ recordId: 'NAMED', admissionNumber: 'A2', departureDate: '2025-05-01' }),
      ],
    });
    const out = byNumber(assessPerson(facts, '2025-12-01'));
    expect(out.A2!.departureRecordId).toBe('NAMED');
    expect(out.A1!.departureRecordId).toBe('FREE');
  });

  it('never matches a departure dated before the admission, even one naming it', () => {
    const facts = buildPerson({
      admissions: [
        buildAdmission({
          admissionNumber: 'A1',
          admissionDate: '2025-03-01',
          admitUntilDate: '2025-08-31',
        }),
      ],
      departures: [
        buildDeparture({ recordId: 'EARLY1', admissionNumber: 'A1', departureDate: '2025-02-28' }),
        buildDeparture({ recordId: 'EARLY2', departureDate: '2025-01-15' }),
      ],
    });
    const [a] = assessPerson(facts, '2025-12-01');
    expect(a!.departureRecordId).toBeNull();
    expect(a!.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
  });

  it('a departure on the admission day itself is matched', () => {
    const facts = buildPerson({
      admissions: [buildAdmission({ admissionDate: '2025-03-01' })],
      departures: [buildDeparture({ recordId: 'SAME', departureDate: '2025-03-01' })],
    });
    expect(assessPerson(facts, '2025-12-01')[0]!.departureRecordId).toBe('SAME');
  });

  it('ignores a departure dated after the AOD', () => {
    const facts = buildPerson({
      admissions: [buildAdmission({ admissionDate: '2025-01-10', admitUntilDate: '2025-07-09' })],
      departures: [buildDeparture({ recordId: 'LATER', departureDate: '2025-08-15' })],
    });
    const before = assessPerson(facts, '2025-08-14')[0]!;
    expect(before.departureRecordId).toBeNull();
    expect(before.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
    const on = assessPerson(facts, '2025-08-15')[0]!;
    expect(on.departureRecordId).toBe('LATER');
    expect(on.class).toBe('OUT_OF_COUNTRY_OVERSTAY');
  });

  it('one departure closes at most one admission', () => {
    const facts = twoTrips({
      departures: [buildDeparture({ recordId: 'ONLY', departureDate: '2025-09-01' })],
    });
    const out = assessPerson(facts, '2025-12-01');
    expect(out.filter((a) => a.departureRecordId === 'ONLY')).toHaveLength(1);
  });

  it('of two departures naming one admission, the earlier closes it and the other is matched by person', () => {
    const facts = twoTrips({
      departures: [
        buildDeparture({ recordId: 'SECOND', admissionNumber: 'A2', departureDate: '2025-06-01' }),
        buildDeparture({ recordId: 'FIRST', admissionNumber: 'A2', departureDate: '2025-04-01' }),
      ],
    });
    const out = byNumber(assessPerson(facts, '2025-12-01'));
    expect(out.A2!.departureRecordId).toBe('FIRST');
    expect(out.A1!.departureRecordId).toBe('SECOND');
  });

  it('reports a passport that differs between departure and admission', () => {
    const facts = buildPerson({
      admissions: [buildAdmission({ passportNumber: 'OLD123' })],
      departures: [buildDeparture({ passportNumber: 'NEW456', departureDate: '2025-02-01' })],
    });
    expect(rulesText(assessPerson(facts, '2025-12-01')[0]!)).toContain(
      'NEW456 differs from OLD123',
    );
  });

  it('on a same-day tie the admission on the same passport is closed', () => {
    const admissions = [
      buildAdmission({
        admissionNumber: 'X',
        passportNumber: 'AAA111',
        admissionDate: '2025-03-01',
      }),
      buildAdmission({
        admissionNumber: 'Y',
        passportNumber: 'BBB222',
        admissionDate: '2025-03-01',
      }),
    ];
    const days = admissions.map((a) => parseDay(a.admissionDate));
    const deps = [buildDeparture({ passportNumber: 'AAA111', departureDate: '2025-03-05' })];
    expect(matchDepartures(admissions, days, deps, parseDay('2025-12-01')).departureOf).toEqual([
      0, -1,
    ]);
    const other = [buildDeparture({ passportNumber: 'BBB222', departureDate: '2025-03-05' })];
    expect(matchDepartures(admissions, days, other, parseDay('2025-12-01')).departureOf).toEqual([
      -1, 0,
    ]);
  });

  it('flags an in-country finding that a later admission contradicts', () => {
    const facts = twoTrips({
      departures: [buildDeparture({ recordId: 'D', departureDate: '2025-09-01' })],
    });
    const out = byNumber(assessPerson(facts, '2025-12-01'));
    expect(out.A1!.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
    expect(out.A1!.flags).toContain('DATA_ERROR');
    expect(rulesText(out.A1!)).toContain('admitted again on 2025-03-01');
    expect(out.A2!.flags).not.toContain('DATA_ERROR');
  });

  it('leaves out admissions dated after the AOD', () => {
    const out = assessPerson(twoTrips(), '2025-02-01');
    expect(out.map((a) => a.admissionNumber)).toEqual(['A1']);
  });
});
