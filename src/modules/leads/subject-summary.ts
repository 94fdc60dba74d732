import { recordMarkings, type NeedToKnow } from '../access';
import { Disclosure } from '../profiles';
import { identifierLabel } from '../search/ranking';
import { citeOf, payloadOf, profileOf } from './referral-data';
import type { CoreFactRow, CustodyRow } from './referral.repo';

/**
 * The subject of a lead as its lead page shows it: who they are (names, dates of birth,
 * citizenship, identifiers, addresses) and which records hold them. Shown through the need-to-know
 * decision like every other view of a person: the lead's owner and the field office it was
 * referred to are assigned and see the SSN and marked records; anyone else sees them masked
 * unless a stated purpose (and, for marked records, the permission) allows.
 */
export interface SubjectSummary {
  names: string[];
  birthDates: string[];
  citizenships: string[];
  sex: string[];
  identifiers: { kind: string; label: string; value: string }[];
  addresses: string[];
  records: { source: string; count: number; markings: string[] }[];
  withheldRecords: number;
  masked: string[];
  access: { basis: string; assignment: string | null; restricted: string[] };
}

export function buildSubjectSummary(decision: NeedToKnow, records: readonly CustodyRow[], core: readonly CoreFactRow[]): SubjectSummary {
  const d = new Disclosure(decision);
  const markings = new Map(records.map((r) => [r, recordMarkings(r.source, payloadOf(r))]));
  const visible = records.filter((r) => (r.role !== 'tipster' || d.allows('INFORMANT')) && markings.get(r)!.every((m) => d.allows(m)));
  const subjects = visible.filter((r) => r.role === 'subject');
  const profile = profileOf(d, subjects, core, new Map(subjects.map((r) => [r.ref, citeOf(r)])));
  const bySource = new Map<string, { count: number; markings: Set<string> }>();
  for (const r of visible) {
    const e = bySource.get(r.source) ?? { count: 0, markings: new Set<string>() };
    e.count++;
    for (const m of markings.get(r)!) e.markings.add(m);
    bySource.set(r.source, e);
  }
  const values = (list: readonly { value: string }[]) => list.map((v) => v.value);
  const summary = d.summary();
  return {
    names: values(profile.names),
    birthDates: values(profile.birthDates),
    citizenships: values(profile.citizenships),
    sex: values(profile.sex),
    identifiers: profile.identifiers.map((i) => ({ kind: i.kind, label: identifierLabel(i.kind), value: i.value })),
    addresses: values(profile.addresses),
    records: [...bySource].map(([source, e]) => ({ source, count: e.count, markings: [...e.markings].sort() })).sort((a, b) => a.source.localeCompare(b.source)),
    withheldRecords: new Set(records.map((r) => r.ref)).size - new Set(visible.map((r) => r.ref)).size,
    masked: summary.masked,
    access: d.access(),
  };
}
