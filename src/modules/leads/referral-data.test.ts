import { describe, expect, it } from 'vitest';
import { buildReferralPackage, ruleText, type ReferralInputs } from './referral-data';
import { custodyRow, leadRow } from './referral-fixtures';
import type { CustodyRow } from './referral.repo';
import { decideNeedToKnow } from '../access';

function inputs(records: CustodyRow[], over: Partial<ReferralInputs> = {}): ReferralInputs {
  return {
    lead: leadRow(),
    history: { transitions: [], evidence: [], overlaps: [] },
    records,
    core: [],
    status: null,
    generatedBy: 'supervisor',
    purpose: 'Referral package of lead LT-2026-000042',
    needToKnow: decideNeedToKnow({ actor: { roles: ['supervisor'] }, purpose: null, assignment: { leadNumber: 'LT-2026-000042' }, channel: 'referral' }),
    now: new Date('2026-11-21T12:00:00Z'),
    ...over,
  };
}

describe('ruleText', () => {
  it('reads a rule code as words, keeping the abbreviations analysts use', () => {
    expect(ruleText('AED_F1_DURATION_OF_STATUS')).toBe('AED F-1 duration of status');
    expect(ruleText('MATCH_NO_DEPARTURE')).toBe('Match no departure');
    expect(ruleText('FLAG_VISA_VOID_222G')).toBe('Flag visa void 222(g)');
  });
});

describe('buildReferralPackage', () => {
  it('never carries call detail records or records naming the subject as a tipster, and counts them', () => {
    const arrival = custodyRow({ source: 'adis-arrivals', record_id: 'ARR1', payload: { birth_date: '1990-04-02', citizenship_country: 'BRA' } });
    const cdr = custodyRow({ source: 'cdr', record_id: 'CDR1', role: 'caller' });
    const tip = custodyRow({ source: 'tips', record_id: 'TIP9', role: 'tipster' });
    const p = buildReferralPackage(inputs([arrival, cdr, tip]));
    expect(p.custody.map((c) => c.cite)).toEqual(['adis-arrivals ARR1 v1']);
    expect(p.withheld.records).toBe(2);
    expect(p.withheld.reasons).toEqual(['call detail records (lawful process)', 'records naming the subject as a confidential source']);
  });

  it('withholds informant columns of a tip about the subject but keeps its content', () => {
    const tip = custodyRow({ source: 'tips', record_id: 'TIP2', payload: { tipster_name: 'Someone Else', narrative: 'works nights at a warehouse' } });
    const fields = buildReferralPackage(inputs([tip])).custody[0]!.fields;
    expect(fields).toContainEqual({ name: 'tipster_name', value: 'withheld (informant)' });
    expect(fields).toContainEqual({ name: 'narrative', value: 'works nights at a warehouse' });
  });

  it('lists a record’s fields in the source’s column order, not the payload’s key order', () => {
    const r = custodyRow({ source: 'commercial', record_id: 'COM7', payload: { ssn: '900-00-0001', city: 'Queens', record_id: 'COM7', given_name: 'Ana' } });
    const names = buildReferralPackage(inputs([r])).custody[0]!.fields.map((f) => f.name);
    expect(names).toEqual(['record_id', 'given_name', 'ssn', 'city']);
  });

  it('groups each profile value with every record that said it, conflicting values side by side', () => {
    const a = custodyRow({ source: 'adis-arrivals', record_id: 'ARR2', payload: { birth_date: '1990-04-02' } });
    const b = custodyRow({ source: 'sevis', record_id: 'SEV2', payload: { birth_date: '1990-04-02' } });
    const c = custodyRow({ source: 'ccd-visas', record_id: 'CCD2', payload: { birth_date: '1990-02-04' } });
    const core = [
      { ref: a.ref, kind: 'passport', value: 'XP1234567' },
      { ref: c.ref, kind: 'passport', value: 'XP1234567' },
      { ref: a.ref, kind: 'name', value: 'NADIA TESTOVA' },
    ];
    const p = buildReferralPackage(inputs([a, b, c], { core }));
    expect(p.profile.birthDates).toEqual([
      { value: '1990-04-02', cites: ['adis-arrivals ARR2 v1', 'sevis SEV2 v1'] },
      { value: '1990-02-04', cites: ['ccd-visas CCD2 v1'] },
    ]);
    expect(p.profile.identifiers).toEqual([{ kind: 'passport', value: 'XP1234567', cites: ['adis-arrivals ARR2 v1', 'ccd-visas CCD2 v1'] }]);
    expect(p.profile.names[0]!.cites).toEqual(['adis-arrivals ARR2 v1']);
  });

  it('cites in the profile only records reproduced in the chain of custody', () => {
    const own = custodyRow({ source: 'sevis', record_id: 'SEV3' });
    const asDso = custodyRow({ source: 'sevis', record_id: 'SEV4', role: 'dso' });
    const core = [
      { ref: own.ref, kind: 'name', value: 'Nadia Testova' },
      { ref: asDso.ref, kind: 'name', value: 'N. Testova' },
    ];
    const p = buildReferralPackage(inputs([own, asDso], { core }));
    expect(p.profile.names.map((n) => n.value)).toEqual(['Nadia Testova']);
    expect(p.otherRoles).toEqual([{ role: 'dso', records: 1 }]);
  });

  it('gives each assessment its rules in words and the records it came from', () => {
    const arrival = custodyRow({ source: 'adis-arrivals', record_id: 'ARR5' });
    const status = {
      run: { id: '3', as_of: '2026-11-01', config_version: 'v1', finished_at: '2026-11-02T00:00:00Z', run_by_username: 'analyst' },
      assessments: [{
        admission_number: '90000000001', admission_record_id: arrival.ref, class: 'SUSPECTED_IN_COUNTRY_OVERSTAY', class_of_admission: 'B2', evaluated_class: 'B2',
        citizenship_country: 'BRA', admission_date: '2025-01-10', admit_until_date: '2025-07-09', aed: '2025-07-09', status_end_date: null,
        departure_date: null, departure_record_id: null, overstay_days: 480, unlawful_presence_days: 480, bar_tier: 'THREE_YEAR', flags: '', rules: 'MATCH_NO_DEPARTURE|CLASSIFICATION',
      }],
      risk: { score: 70, level: 'HIGH', violations: ['SUSPECTED_IN_COUNTRY_OVERSTAY'], factors: [{ code: 'OVERSTAY', points: 40, text: 'Overstay of 480 days' }] },
    };
    const s = buildReferralPackage(inputs([arrival], { status })).status!;
    expect(s.assessments[0]!.rules).toEqual([{ code: 'MATCH_NO_DEPARTURE', text: 'Match no departure' }, { code: 'CLASSIFICATION', text: 'Classification' }]);
    expect(s.assessments[0]!.admissionRecord).toBe('adis-arrivals ARR5 v1');
    expect(s.assessments[0]!.flags).toEqual([]);
    expect(s.risk).toEqual({ score: 70, level: 'HIGH', factors: [{ text: 'Overstay of 480 days', points: 40 }] });
  });
});
