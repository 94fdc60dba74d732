import { describe, expect, it } from 'vitest';
import { Disclosure } from './masking';
import { summarizeOfficials, summarizeStudents } from './org.service';
import type { SourceRef } from './provenance';
import { relationOf } from './related';
import { decideNeedToKnow } from '../access';

const ref = (n: number): SourceRef => ({ recordRef: String(n), source: 'sevis', recordId: `S${n}`, version: 1, batchDate: '2026-01-05' });
const event = (n: number, sevisId: string, status: string, date: string) => ({
  row: { sevis_id: sevisId, status, status_date: date, given_name: 'Ana', family_name: `Lopez${sevisId}`, visa_type: 'F1', education_level: 'MASTERS', major: 'Biology' },
  ref: ref(n),
  studentId: `p-${sevisId}`,
  studentName: null,
});

describe('school summaries', () => {
  it("counts each student once, at the status of their latest SEVIS event", () => {
    const s = summarizeStudents([
      event(1, 'N1', 'INITIAL', '2024-07-01'),
      event(2, 'N1', 'ACTIVE', '2024-09-01'),
      event(3, 'N2', 'ACTIVE', '2024-09-01'),
      event(4, 'N2', 'TERMINATED', '2025-03-01'),
      event(5, 'N3', 'ACTIVE', '2025-01-10'),
    ]);
    expect(s.total).toBe(3);
    expect(s.byStatus).toEqual([{ status: 'ACTIVE', count: 2 }, { status: 'TERMINATED', count: 1 }]);
    expect(s.items.find((i) => i.sevisId === 'N2')).toMatchObject({ status: 'TERMINATED', statusDate: '2025-03-01', displayName: 'Ana LopezN2', program: 'MASTERS, Biology' });
  });

  it('groups officials by entity or DSO ID and keeps their last update', () => {
    const row = (dso: string, date: string) => ({ ref: '1', row: { dso_name: 'Priya H', dso_id: dso, status_date: date }, student_id: null, student_name: null, dso_entity_id: null, dso_entity_name: null });
    const o = summarizeOfficials([row('D1', '2024-01-01'), row('D1', '2025-02-01'), row('D2', '2024-05-05')]);
    expect(o).toEqual([
      { entityId: null, name: 'Priya H', dsoId: 'D1', records: 2, lastSeen: '2025-02-01' },
      { entityId: null, name: 'Priya H', dsoId: 'D2', records: 1, lastSeen: '2024-05-05' },
    ]);
  });
});

describe('relations between co-parties of a record', () => {
  it('names the relation, and hides informant, tip and call relations without a purpose', () => {
    const d = new Disclosure(decideNeedToKnow({ actor: { roles: ['analyst'] }, purpose: null, assignment: null }));
    expect(relationOf(d, 'sevis', 'subject', 'dso', 'person')).toBe('school official (DSO) on their SEVIS record');
    expect(relationOf(d, 'sevis', 'subject', 'school', 'organization')).toBe('school (SEVIS)');
    expect(relationOf(d, 'tips', 'subject', 'tipster', 'person')).toBeNull();
    expect(relationOf(d, 'tips', 'subject', 'school', 'organization')).toBeNull();
    expect(relationOf(d, 'cdr', 'caller', 'callee', 'person')).toBeNull();
    expect(d.summary().masked).toEqual(['CDR', 'INFORMANT', 'TIP']);
    // Assigned to a lead on the subject: marked relations (tipster, calls) are shown too.
    const open = new Disclosure(decideNeedToKnow({ actor: { roles: ['analyst'] }, purpose: null, assignment: { leadNumber: 'L-1' } }));
    expect(relationOf(open, 'tips', 'subject', 'tipster', 'person')).toBe('tipster who reported on them');
    expect(relationOf(open, 'cdr', 'caller', 'callee', 'person')).toBe('called by this person');
  });
});
