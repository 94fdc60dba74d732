import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { addresses, biographics, identifiers, names, subjectRecord } from './person-attributes';
import {
  benefitItems,
  callItems,
  encounterItems,
  enforcementItems,
  sevisItems,
  tipItems,
  travelItems,
  visaItems,
  type RefRow,
} from './person-events';
import { recordMarkings } from '../access';
import { auditContextOf, disclosureFor, type Disclosure } from './masking';
import { groupValues, utcDate, type SourceRef } from './provenance';
import { PROFILES_POLICY } from './profiles.policy';
import {
  asObject,
  callRecordRefsByPhone,
  coParties,
  getEntity,
  linkedRecords,
  recordsByRefs,
  roleFacts,
  typedFacts,
  type FactTable,
  type LinkedRecordRow,
} from './profiles.repo';
import type { PersonProfile } from './profiles.schema';
import { relatedEntities } from './related';

const MAX_CO_PARTIES = 2000;

export function sourceRef(r: Pick<LinkedRecordRow, 'ref' | 'source' | 'record_id' | 'version' | 'batch_date'>): SourceRef {
  return { recordRef: r.ref, source: r.source, recordId: r.record_id, version: Number(r.version), batchDate: r.batch_date ? utcDate(`${r.batch_date}T00:00:00Z`) : '' };
}

/**
 * A record is listed only when the caller may see it: its markings (call records, a tip naming its
 * tipster) and the subject's role in it (the records where the subject is the tipster).
 */
export function recordVisible(d: Disclosure, r: Pick<LinkedRecordRow, 'role' | 'source' | 'payload'>): boolean {
  if (r.role === 'tipster' && !d.allows('INFORMANT')) return false;
  const marked = recordMarkings(r.source, asObject<Record<string, unknown>>(r.payload));
  if (marked.includes('CDR') && !d.allows('CDR')) return false;
  return true;
}

async function factsOf(tx: Tx, table: FactTable, refs: readonly string[], refMap: ReadonlyMap<string, SourceRef>): Promise<RefRow[]> {
  const rows = await typedFacts(tx, table, refs);
  return rows.flatMap((r) => {
    const ref = refMap.get(r.ref);
    return ref ? [{ ref, row: asObject(r.row) }] : [];
  });
}

async function callSection(tx: Tx, d: Disclosure, records: readonly LinkedRecordRow[], phones: readonly string[]): Promise<PersonProfile['calls']> {
  const linked = records.filter((r) => r.source === 'cdr').map((r) => r.ref);
  const refs = [...new Set([...linked, ...(await callRecordRefsByPhone(tx, phones))])];
  if (refs.length === 0) return { count: 0, withheld: false, items: [] };
  if (!d.allows('CDR')) return { count: refs.length, withheld: true, items: [] };
  const refMap = new Map((await recordsByRefs(tx, refs)).map((r) => [r.ref, sourceRef(r)]));
  return { count: refs.length, withheld: false, items: callItems(d, await factsOf(tx, 'call_records', refs, refMap)) };
}

async function buildProfile(tx: Tx, d: Disclosure, id: string, displayName: string): Promise<PersonProfile> {
  const all = await linkedRecords(tx, id);
  const visible = all.filter((r) => recordVisible(d, r));
  const refMap = new Map(visible.map((r) => [r.ref, sourceRef(r)]));
  const subjects = visible.filter((r) => r.role === 'subject');
  const subjectRefs = subjects.map((r) => r.ref);
  const bio = biographics(subjects.map((r) => subjectRecord(r, refMap.get(r.ref)!)));
  const ids = identifiers(d, await roleFacts(tx, 'identifiers', id), refMap);
  const facts = async (t: FactTable) => factsOf(tx, t, subjectRefs, refMap);
  const [admissions, departures, border, visas, sevis, claims, eid, ident, tips] = await Promise.all(
    (['admissions', 'departures', 'border_events', 'visas', 'sevis_events', 'benefit_applications', 'enforcement_events', 'biometric_encounters', 'tips'] as const).map(facts),
  );
  const tipRows = tips ?? [];
  const related = relatedEntities(d, await coParties(tx, id, MAX_CO_PARTIES), refMap);
  const calls = await callSection(tx, d, all, ids.phones.map((p) => p.value));
  return {
    person: { id, displayName },
    purposeStated: d.purposeStated,
    masked: [],
    access: d.access(),
    names: names(await roleFacts(tx, 'names', id), refMap),
    ...bio,
    identifiers: ids.items,
    addresses: addresses(await roleFacts(tx, 'addresses', id), refMap),
    phones: ids.phones,
    emails: ids.emails,
    photos: groupValues((ident ?? []).map(({ ref, row }) => ({ value: row['photo_ref'] as string | null, ref }))),
    travel: travelItems(d, admissions!, departures!, border!),
    visas: visaItems(d, visas!),
    sevis: sevisItems(d, sevis!),
    benefits: benefitItems(d, claims!),
    enforcement: enforcementItems(d, eid!, border!),
    encounters: encounterItems(d, ident!),
    tips: { count: tipRows.length, items: tipItems(d, tipRows) },
    calls,
    associates: related.filter((r) => r.kind === 'person'),
    organizations: related.filter((r) => r.kind === 'organization'),
    records: visible.map((r) => ({ ...refMap.get(r.ref)!, role: r.role, markings: recordMarkings(r.source, asObject<Record<string, unknown>>(r.payload)), flags: (asObject<unknown[]>(r.flags) ?? []).length })),
    withheldRecords: all.length - visible.length + (calls.withheld ? calls.count - all.filter((r) => r.source === 'cdr').length : 0),
  };
}

/** The unified picture of one person (GET /api/persons/:id), audited as person.read. */
export async function getPersonProfile(database: Database, ctx: RequestContext, id: string): Promise<PersonProfile> {
  authorize(ctx, PROFILES_POLICY['profiles.read']);
  return database.transaction(async (tx) => {
    const entity = await getEntity(tx, id);
    if (!entity || entity.kind !== 'person') throw new AppError('NOT_FOUND', `No person with id ${id}.`);
    const d = await disclosureFor(tx, ctx, [entity.id]);
    const profile = await buildProfile(tx, d, entity.id, entity.display_name);
    const summary = d.summary();
    await audit(tx, auditContextOf(ctx, d), {
      action: 'person.read',
      subjectType: 'person',
      subjectIds: [entity.id],
      details: { ...d.auditDetails(), records: profile.records.length, withheldRecords: profile.withheldRecords, alsoShown: profile.associates.map((a) => a.entityId) },
    });
    return { ...profile, masked: summary.masked };
  });
}
