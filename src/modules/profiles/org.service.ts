import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { recordMarkings } from '../access';
import { auditContextOf, disclosureFor, type Disclosure } from './masking';
import { addresses, identifiers } from './person-attributes';
import { recordVisible, sourceRef } from './person.service';
import { groupValues, type Observation, type SourceRef } from './provenance';
import { PROFILES_POLICY } from './profiles.policy';
import { asObject, coParties, getEntity, linkedRecords, recordsByRefs, roleFacts, schoolSevisEvents, type SchoolSevisRow } from './profiles.repo';
import type { OrganizationProfile } from './profiles.schema';
import { relatedEntities } from './related';

type Students = OrganizationProfile['students'];
type Officials = OrganizationProfile['officials'];
type Row = Record<string, string | null>;

const NAME_COLUMNS: Record<string, readonly string[]> = {
  school: ['school_name', 'subject_school_name'],
  employer: ['employer', 'subject_employer'],
  counterparty: ['counterparty'],
};

/** Each student's current SEVIS status: the latest event of each SEVIS record. */
export function summarizeStudents(rows: readonly { row: Row; ref: SourceRef; studentId: string | null; studentName: string | null }[]): Students {
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = r.row['sevis_id'] ?? `record:${r.ref.recordRef}`;
    const prev = latest.get(key);
    if (!prev || (r.row['status_date'] ?? '') >= (prev.row['status_date'] ?? '')) latest.set(key, r);
  }
  const items = [...latest.values()].map((r) => ({
    entityId: r.studentId,
    displayName: r.studentName ?? [r.row['given_name'], r.row['family_name']].filter(Boolean).join(' '),
    sevisId: r.row['sevis_id'] ?? null,
    status: r.row['status'] ?? null,
    statusDate: r.row['status_date'] ?? null,
    visaType: r.row['visa_type'] ?? null,
    program: [r.row['education_level'], r.row['major']].filter(Boolean).join(', ') || null,
    source: r.ref,
  }));
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.status ?? 'UNKNOWN', (counts.get(i.status ?? 'UNKNOWN') ?? 0) + 1);
  return {
    total: items.length,
    byStatus: [...counts].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count || a.status.localeCompare(b.status)),
    items: items.sort((a, b) => (a.status ?? '').localeCompare(b.status ?? '') || a.displayName.localeCompare(b.displayName)),
  };
}

export function summarizeOfficials(rows: readonly SchoolSevisRow[]): Officials {
  const out = new Map<string, Officials[number]>();
  for (const r of rows) {
    const row = asObject<Row>(r.row);
    const name = r.dso_entity_name ?? row['dso_name'];
    if (!name) continue;
    const key = r.dso_entity_id ?? row['dso_id'] ?? name.toLowerCase();
    const o = out.get(key) ?? { entityId: r.dso_entity_id, name, dsoId: row['dso_id'] ?? null, records: 0, lastSeen: null };
    o.records++;
    const date = row['status_date'] ?? null;
    if (date && (!o.lastSeen || date > o.lastSeen)) o.lastSeen = date;
    out.set(key, o);
  }
  return [...out.values()].sort((a, b) => b.records - a.records || a.name.localeCompare(b.name));
}

async function studentsOf(tx: Tx, codes: readonly string[], sevisRefs: readonly string[]) {
  const rows = await schoolSevisEvents(tx, codes, sevisRefs);
  const refs = new Map((await recordsByRefs(tx, rows.map((r) => r.ref))).map((r) => [r.ref, sourceRef(r)]));
  const students = summarizeStudents(rows.flatMap((r) => {
    const ref = refs.get(r.ref);
    return ref ? [{ row: asObject<Row>(r.row), ref, studentId: r.student_id, studentName: r.student_name }] : [];
  }));
  return { students, officials: summarizeOfficials(rows) };
}

async function buildOrg(tx: Tx, d: Disclosure, org: { id: string; display_name: string; org_type: string | null }): Promise<OrganizationProfile> {
  const all = await linkedRecords(tx, org.id);
  const visible = all.filter((r) => recordVisible(d, r) && (r.source !== 'tips' || d.allows('TIP')));
  const refMap = new Map(visible.map((r) => [r.ref, sourceRef(r)]));
  const nameObs: Observation[] = [];
  for (const r of visible) {
    const payload = asObject<Record<string, string>>(r.payload);
    const col = (NAME_COLUMNS[r.role] ?? []).find((c) => payload[c]?.trim());
    if (col) nameObs.push({ value: payload[col]!.trim(), ref: refMap.get(r.ref)!, key: payload[col]!.trim().toLowerCase() });
  }
  const ids = identifiers(d, await roleFacts(tx, 'identifiers', org.id), refMap);
  const codes = ids.items.filter((i) => i.kind === 'school_code').map((i) => i.value);
  const { students, officials } = await studentsOf(tx, codes, visible.filter((r) => r.source === 'sevis').map((r) => r.ref));
  const related = relatedEntities(d, await coParties(tx, org.id, 2000), refMap).filter((e) => e.kind === 'person' && !e.relation.includes('of this school'));
  return {
    organization: { id: org.id, displayName: org.display_name, orgType: org.org_type },
    purposeStated: d.purposeStated,
    masked: [],
    access: d.access(),
    names: groupValues(nameObs),
    identifiers: ids.items,
    addresses: addresses(await roleFacts(tx, 'addresses', org.id), refMap),
    students,
    officials,
    relatedPersons: related,
    records: visible.map((r) => ({ ...refMap.get(r.ref)!, role: r.role, markings: recordMarkings(r.source, asObject<Record<string, unknown>>(r.payload)), flags: (asObject<unknown[]>(r.flags) ?? []).length })),
    withheldRecords: all.length - visible.length,
  };
}

/** An organization (GET /api/orgs/:id): for schools, students by SEVIS status and officials. Audited as org.read. */
export async function getOrganizationProfile(database: Database, ctx: RequestContext, id: string): Promise<OrganizationProfile> {
  authorize(ctx, PROFILES_POLICY['profiles.read']);
  return database.transaction(async (tx) => {
    const org = await getEntity(tx, id);
    if (!org || org.kind !== 'organization') throw new AppError('NOT_FOUND', `No organization with id ${id}.`);
    const d = await disclosureFor(tx, ctx, [org.id]);
    const profile = await buildOrg(tx, d, org);
    const summary = d.summary();
    const personsShown = [...new Set([...profile.students.items.map((s) => s.entityId), ...profile.officials.map((o) => o.entityId), ...profile.relatedPersons.map((p) => p.entityId)].filter((x) => x !== null))];
    await audit(tx, auditContextOf(ctx, d), {
      action: 'org.read',
      subjectType: 'organization',
      subjectIds: [org.id],
      details: { personsShown, ...d.auditDetails() },
    });
    return { ...profile, masked: summary.masked };
  });
}
