import { identifierLabel } from '../search/ranking';
import type { Disclosure } from './masking';
import { groupValues, manyValued, singleValued, type FieldView, type Observation, type SourceRef, type Sourced } from './provenance';
import { asObject, type LinkedRecordRow, type RoleFactRow } from './profiles.repo';

/** Biographic attributes and identifiers of a person, every value with the records that said it. */
type Payload = Record<string, string | undefined>;
interface Flag {
  field: string;
}

export interface SubjectRecord {
  ref: SourceRef;
  payload: Payload;
  flagged: Set<string>;
}

export function subjectRecord(r: LinkedRecordRow, ref: SourceRef): SubjectRecord {
  const flags = asObject<Flag[]>(r.flags) ?? [];
  return { ref, payload: asObject<Payload>(r.payload), flagged: new Set(flags.map((f) => f.field)) };
}

function observe(records: readonly SubjectRecord[], columns: readonly string[], key?: (v: string) => string): Observation[] {
  const out: Observation[] = [];
  for (const r of records) {
    for (const c of columns) {
      const v = r.payload[c]?.trim();
      if (!v) continue;
      out.push({ value: v, ref: r.ref, flagged: r.flagged.has(c), ...(key ? { key: key(v) } : {}) });
      break;
    }
  }
  return out;
}

export interface Biographics {
  birthDates: FieldView;
  birthCountries: FieldView;
  citizenships: FieldView;
  sex: FieldView;
  employers: Sourced[];
}

export function biographics(records: readonly SubjectRecord[]): Biographics {
  return {
    birthDates: singleValued(observe(records, ['birth_date', 'subject_birth_date'])),
    birthCountries: singleValued(observe(records, ['birth_country'])),
    citizenships: manyValued(observe(records, ['citizenship_country', 'subject_citizenship_country'])),
    // U (unknown) says nothing, so it is no conflict with M or F.
    sex: singleValued(observe(records, ['sex']).filter((o) => String(o.value).toUpperCase() !== 'U')),
    employers: groupValues(observe(records, ['employer', 'subject_employer'], (v) => v.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim())),
  };
}

interface NameFact { full_name: string }
interface IdentifierFact { kind: string; normalized: string; value: string; valid: boolean }
interface AddressFact { line1: string | null; line2: string | null; city: string | null; state: string | null; postal_code: string | null; country: string | null; normalized: string }

function withRef<T>(rows: readonly RoleFactRow[], refs: ReadonlyMap<string, SourceRef>): { fact: T; ref: SourceRef }[] {
  return rows.flatMap((r) => {
    const ref = refs.get(r.ref);
    return ref ? [{ fact: asObject<T>(r.fact), ref }] : [];
  });
}

export function names(rows: readonly RoleFactRow[], refs: ReadonlyMap<string, SourceRef>): FieldView {
  return manyValued(withRef<NameFact>(rows, refs).map(({ fact, ref }) => ({ value: fact.full_name, ref, key: fact.full_name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim() })));
}

export interface IdentifierItem {
  kind: string;
  label: string;
  value: string;
  valid: boolean;
  sources: SourceRef[];
}

export function identifiers(d: Disclosure, rows: readonly RoleFactRow[], refs: ReadonlyMap<string, SourceRef>): { items: IdentifierItem[]; phones: Sourced[]; emails: Sourced[] } {
  const facts = withRef<IdentifierFact>(rows, refs);
  const contact = (kind: string) => groupValues(facts.filter((f) => f.fact.kind === kind).map(({ fact, ref }) => ({ value: fact.normalized, ref })));
  const groups = new Map<string, IdentifierItem>();
  for (const { fact, ref } of facts) {
    if (fact.kind === 'phone' || fact.kind === 'email' || fact.kind === 'legal_process') continue;
    const key = `${fact.kind}:${fact.normalized}`;
    const g = groups.get(key) ?? { kind: fact.kind, label: identifierLabel(fact.kind), value: fact.kind === 'ssn' ? d.show('SSN', fact.value)! : fact.normalized, valid: false, sources: [] };
    g.valid ||= fact.valid;
    if (!g.sources.some((s) => s.recordRef === ref.recordRef)) g.sources.push(ref);
    groups.set(key, g);
  }
  const items = [...groups.values()].sort((a, b) => a.label.localeCompare(b.label) || b.sources.length - a.sources.length);
  return { items, phones: contact('phone'), emails: contact('email') };
}

export function addresses(rows: readonly RoleFactRow[], refs: ReadonlyMap<string, SourceRef>): Sourced[] {
  return groupValues(
    withRef<AddressFact>(rows, refs).map(({ fact, ref }) => ({
      value: [fact.line1, fact.line2, fact.city, fact.state, fact.postal_code, fact.country].filter(Boolean).join(', '),
      key: fact.normalized,
      ref,
    })),
  );
}
