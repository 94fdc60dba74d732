import type { Disclosure } from './masking';
import type { SourceRef } from './provenance';
import type { RelatedEntity } from './profiles.schema';
import type { CoPartyRow } from './profiles.repo';

/** How the other party of a shared record relates to this one, in words; null when it is masked. */
export function relationOf(d: Disclosure, source: string, myRole: string, otherRole: string, otherKind: string): string | null {
  if (source === 'cdr' && !d.allows('CDR')) return null;
  if ((otherRole === 'tipster' || myRole === 'tipster') && !d.allows('INFORMANT')) return null;
  // A relation that rests on a tip (the school or employer a tip names) is tip content.
  if (source === 'tips' && otherRole !== 'tipster' && myRole !== 'tipster' && !d.allows('TIP')) return null;
  if (otherKind === 'organization') {
    if (otherRole === 'school') return 'school (SEVIS)';
    if (otherRole === 'employer') return myRole === 'subject' ? 'employer' : `employer of the ${myRole}`;
    if (otherRole === 'counterparty') return 'trade counterparty (TECS)';
    return otherRole;
  }
  if (myRole === 'subject' && otherRole === 'dso') return 'school official (DSO) on their SEVIS record';
  if (myRole === 'dso' && otherRole === 'subject') return 'student on a SEVIS record they updated';
  if (otherRole === 'tipster') return 'tipster who reported on them';
  if (myRole === 'tipster') return 'subject of a tip they gave';
  if (myRole === 'caller' || myRole === 'callee') return myRole === 'caller' ? 'called by this person' : 'called this person';
  if (myRole === 'school') return source === 'tips' ? 'named with this school in a tip' : `${otherRole === 'subject' ? 'student' : otherRole} of this school`;
  if (myRole === 'employer') return 'employee named in a record';
  return `${otherRole} on a shared record`;
}

/** Group co-parties by entity and relation, each with the records that link them. */
export function relatedEntities(d: Disclosure, rows: readonly CoPartyRow[], refs: ReadonlyMap<string, SourceRef>): RelatedEntity[] {
  const out = new Map<string, RelatedEntity & { sources: SourceRef[] }>();
  for (const r of rows) {
    const ref = refs.get(r.ref);
    if (!ref) continue;
    const relation = relationOf(d, ref.source, r.my_role, r.other_role, r.kind);
    if (relation === null) continue;
    const key = `${r.entity_id}|${relation}`;
    const e = out.get(key) ?? { entityId: r.entity_id, displayName: r.display_name, kind: r.kind, orgType: r.org_type, relation, sources: [] };
    if (!e.sources.some((s) => s.recordRef === ref.recordRef)) e.sources.push(ref);
    out.set(key, e);
  }
  return [...out.values()].sort((a, b) => b.sources.length - a.sources.length || a.displayName.localeCompare(b.displayName));
}
