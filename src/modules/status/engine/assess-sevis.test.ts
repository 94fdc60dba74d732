import { describe, expect, it } from 'vitest';
import {
  assessOne,
  buildClaim,
  buildStudent,
  ruleCodes,
  rulesText,
  sevisTerminated,
} from './test-builders';

// SEVIS terminations by reason (section 3), on an F-1 admitted 2024-08-15 for D/S.

describe('SEVIS terminations', () => {
  it.each([
    'Unauthorized Withdrawal',
    'Unauthorized Employment',
    'Failure to Enroll',
    'No Show',
    'Otherwise Failing to Maintain Status',
  ])('"%s" is a violation: AED = termination date, no grace', (reason) => {
    const a = assessOne(buildStudent(sevisTerminated('2025-02-10', reason)), '2025-03-01');
    expect(a.aed).toBe('2025-02-10');
    expect(a.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
    expect(a.overstayDays).toBe(19);
    expect(ruleCodes(a)).toContain('SEVIS_TERMINATION_VIOLATION');
  });

  it('Authorized Early Withdrawal gives an F-1 15 days: last day and the day after', () => {
    const facts = buildStudent(sevisTerminated('2025-02-10', 'Authorized Early Withdrawal'));
    expect(assessOne(facts, '2025-02-25')).toMatchObject({ aed: '2025-02-25', class: 'IN_STATUS' });
    expect(assessOne(facts, '2025-02-26')).toMatchObject({
      class: 'SUSPECTED_IN_COUNTRY_OVERSTAY',
      overstayDays: 1,
    });
  });

  it('Authorized Early Withdrawal of a J-1 keeps the J-1 30-day grace (documented choice)', () => {
    const facts = buildStudent(sevisTerminated('2025-02-10', 'Authorized Early Withdrawal'), {
      classOfAdmission: 'J1',
    });
    expect(assessOne(facts, '2025-04-01').aed).toBe('2025-03-12');
  });

  it('Death makes the admission OUT_OF_SCOPE', () => {
    const a = assessOne(buildStudent(sevisTerminated('2025-02-10', 'Death')), '2026-01-01');
    expect(a.class).toBe('OUT_OF_SCOPE');
    expect(ruleCodes(a)).toContain('SEVIS_TERMINATION_DEATH');
  });

  it('Death on a fixed-date M-1 is OUT_OF_SCOPE too, with no AED claimed', () => {
    const facts = buildStudent(sevisTerminated('2025-02-10', 'Death'), {
      classOfAdmission: 'M1',
      admitUntilDate: '2025-06-14',
    });
    expect(assessOne(facts, '2026-01-01')).toMatchObject({
      class: 'OUT_OF_SCOPE',
      aed: null,
      overstayDays: 0,
    });
  });

  it('Change of Status Approved evaluates the admission under the approved new class', () => {
    const claims = [
      buildClaim({
        formType: 'I-129',
        admissionNumber: 'S1',
        requestedClass: 'H1B',
        receivedDate: '2025-04-01',
        status: 'APPROVED',
        decisionDate: '2025-06-01',
        approvedUntilDate: '2028-09-30',
      }),
    ];
    const facts = buildStudent(
      sevisTerminated('2025-10-01', 'Change of Status Approved'),
      {},
      { claims },
    );
    const a = assessOne(facts, '2026-01-01');
    expect(a.evaluatedClass).toBe('H1B');
    expect(a.aed).toBe('2028-09-30');
    expect(a.class).toBe('IN_STATUS');
  });

  it('Change of Status Approved with no approval on file claims nothing and flags DATA_ERROR', () => {
    const a = assessOne(
      buildStudent(sevisTerminated('2025-10-01', 'Change of Status Approved')),
      '2027-01-01',
    );
    expect(a.aed).toBeNull();
    expect(a.class).toBe('IN_STATUS');
    expect(a.flags).toContain('DATA_ERROR');
  });

  it('a canceled record of someone whose entry is recorded is a No Show termination', () => {
    const a = assessOne(
      buildStudent([{ status: 'CANCELED', statusDate: '2024-09-30' }]),
      '2024-10-10',
    );
    expect(a.aed).toBe('2024-09-30');
    expect(a.overstayDays).toBe(10);
    expect(rulesText(a)).toContain('No Show termination');
  });

  it('a later reinstatement row undoes the termination', () => {
    const events = [
      ...sevisTerminated('2025-02-10', 'Failure to Enroll'),
      { status: 'ACTIVE', statusDate: '2025-03-15' },
    ];
    expect(assessOne(buildStudent(events), '2025-04-01')).toMatchObject({
      aed: '2025-07-14',
      class: 'IN_STATUS',
    });
  });

  it('a termination dated after the AOD is not yet known', () => {
    const facts = buildStudent(sevisTerminated('2025-02-10', 'Unauthorized Employment'));
    expect(assessOne(facts, '2025-02-09').aed).toBe('2025-07-14');
  });

  it('an unlisted reason is treated as a violation and says so', () => {
    const a = assessOne(buildStudent(sevisTerminated('2025-02-10', 'Expelled')), '2025-03-01');
    expect(a.aed).toBe('2025-02-10');
    expect(rulesText(a)).toContain('not a configured reason');
    expect(a.flags).not.toContain('DATA_ERROR');
  });

  it('a termination without a reason is a violation with DATA_ERROR', () => {
    const a = assessOne(buildStudent(sevisTerminated('2025-02-10', null)), '2025-03-01');
    expect(a.aed).toBe('2025-02-10');
    expect(a.flags).toContain('DATA_ERROR');
  });

  it('a termination before the admission leaves the admission day as the AED', () => {
    const events = [
      { statusDate: '2024-01-10' },
      {
        status: 'TERMINATED',
        statusDate: '2024-06-01',
        terminationReason: 'Unauthorized Employment',
      },
    ];
    const facts = buildStudent(events, { admissionDate: '2024-08-15' });
    const a = assessOne(facts, '2024-08-20');
    expect(a.aed).toBe('2024-08-15');
    expect(a.overstayDays).toBe(5);
    expect(ruleCodes(a)).toContain('AED_BEFORE_ADMISSION');
  });

  it('a formal finding starts unlawful presence the next day and voids the visa (222g)', () => {
    const facts = buildStudent(
      sevisTerminated('2025-02-10', 'Unauthorized Employment'),
      {},
      {
        unlawfulPresenceFindings: [{ admissionNumber: 'S1', findingDate: '2025-03-01' }],
      },
    );
    const a = assessOne(facts, '2025-04-01');
    expect(a.unlawfulPresenceDays).toBe(31);
    expect(a.flags).toContain('VISA_VOID_222G');
  });

  it('a finding dated after the AOD is ignored', () => {
    const facts = buildStudent(
      sevisTerminated('2025-02-10', 'Unauthorized Employment'),
      {},
      {
        unlawfulPresenceFindings: [{ admissionNumber: 'S1', findingDate: '2025-05-01' }],
      },
    );
    expect(assessOne(facts, '2025-04-01')).toMatchObject({ unlawfulPresenceDays: 0, flags: [] });
  });
});
