import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { getSource } from '../sources/registry';
import { recordMarkings, type Marking } from '../access';
import { auditContextOf, columnCategory, disclosureFor, WITHHELD, type Disclosure } from './masking';
import { PROFILES_POLICY } from './profiles.policy';
import { asObject, getRecord, recordEntities, recordVersions, type RecordRow } from './profiles.repo';
import type { RecordView } from './profiles.schema';

type Payload = Record<string, string | undefined>;
interface Flag {
  field: string;
  code: string;
  message: string;
  value?: string;
}

/** Columns in the order the source defines them, then anything else the payload carried. */
function columnOrder(source: string, payload: Payload): string[] {
  const defined = getSource(source).columns.map((c) => c.name);
  return [...defined.filter((c) => c in payload), ...Object.keys(payload).filter((k) => !defined.includes(k))];
}

function presentPayload(d: Disclosure, r: RecordRow): RecordView['payload'] {
  const payload = asObject<Payload>(r.payload);
  const def = getSource(r.source);
  return columnOrder(r.source, payload).map((column) => {
    const raw = payload[column] ?? null;
    const category = columnCategory(r.source, column);
    const value = category ? d.show(category, raw) : raw;
    return {
      column,
      description: def.columns.find((c) => c.name === column)?.description ?? null,
      value,
      sensitivity: category,
      withheld: value !== raw,
    };
  });
}

function changedColumns(prev: Payload | null, cur: Payload): string[] {
  if (prev === null) return [];
  const keys = new Set([...Object.keys(prev), ...Object.keys(cur)]);
  return [...keys].filter((k) => (prev[k] ?? '') !== (cur[k] ?? '')).sort();
}

/**
 * The markings of this record the caller may not open (record-level need to know). Such a record's
 * content is withheld whole: the response keeps what identifies the record (source, id, batch,
 * versions, the subject it is linked to) and withholds every value, even under a stated purpose,
 * unless an assignment, the marking's permission or the privacy officer's role allows.
 */
function closedMarkings(d: Disclosure, markings: readonly Marking[]): Marking[] {
  return markings.filter((m) => !d.allows(m));
}

function withholdAll(closed: Marking, payload: RecordView['payload']): RecordView['payload'] {
  return payload.map((f) => (f.column === 'record_id' || f.value === null || f.value === '' ? f : { ...f, value: WITHHELD[closed], withheld: true, sensitivity: f.sensitivity ?? closed }));
}

/** One source record as received, with flags, markings, batch and version history (GET /api/records/:id). */
export async function getRecordView(database: Database, ctx: RequestContext, ref: string): Promise<RecordView> {
  authorize(ctx, PROFILES_POLICY['profiles.read']);
  return database.transaction(async (tx) => {
    const r = await getRecord(tx, ref);
    if (!r) throw new AppError('NOT_FOUND', `No source record ${ref}.`);
    const linked = await recordEntities(tx, ref);
    // Need to know follows the people the record is about (an assignment to any of them counts),
    // not its tipster: being assigned to an informant does not open the tips they gave.
    const d = await disclosureFor(tx, ctx, linked.filter((e) => e.role !== 'tipster').map((e) => e.entity_id));
    const markings = recordMarkings(r.source, asObject<Payload>(r.payload));
    const closed = closedMarkings(d, markings);
    const def = getSource(r.source);
    const versions = await recordVersions(tx, r.source, r.record_id);
    const entities = linked.filter((e) => e.role !== 'tipster' || d.allows('INFORMANT'));
    const flags = (asObject<Flag[]>(r.flags) ?? []).map((f) => {
      if (closed.length > 0) return { field: f.field, code: f.code, message: `${f.code} (value withheld)`, value: null };
      const category = columnCategory(r.source, f.field);
      const value = f.value ?? null;
      return { field: f.field, code: f.code, message: category && !d.allows(category) ? `${f.code} (value withheld)` : f.message, value: category ? d.show(category, value) : value };
    });
    const view: RecordView = {
      record: {
        recordRef: r.ref,
        source: r.source,
        system: def.system,
        title: def.title,
        recordId: r.record_id,
        version: Number(r.version),
        receivedAt: r.received_at,
        retentionState: r.retention_state,
        contentHash: r.content_hash,
        markings,
        exemptions: [...def.exemptions],
        batch: { id: r.batch_id, fileName: r.file_name, loadedBy: r.loaded_by_username, loadedOn: r.batch_date, legalProcessRef: closed.length > 0 ? null : r.legal_process_ref },
      },
      purposeStated: d.purposeStated,
      masked: [],
      access: d.access(),
      payload: closed.length > 0 ? withholdAll(closed[0]!, presentPayload(d, r)) : presentPayload(d, r),
      flags,
      versions: versions.map((v, i) => ({
        recordRef: v.ref,
        version: Number(v.version),
        receivedAt: v.received_at,
        batchId: v.batch_id,
        fileName: v.file_name,
        changed: changedColumns(i === 0 ? null : asObject<Payload>(versions[i - 1]!.payload), asObject<Payload>(v.payload)),
        current: v.ref === r.ref,
      })),
      entities: entities.map((e) => ({ entityId: e.entity_id, displayName: e.display_name, kind: e.kind, role: e.role })),
    };
    const summary = d.summary();
    // A marked record whose content was withheld is a refused read of it: recorded as denied
    // (the audit alerts count these), though the answer shows what identifies the record.
    await audit(tx, auditContextOf(ctx, d), {
      action: 'record.read',
      outcome: closed.length > 0 ? 'denied' : 'success',
      subjectType: 'record',
      subjectIds: [r.ref],
      details: { source: r.source, recordId: r.record_id, version: Number(r.version), entities: entities.map((e) => e.entity_id), markings, ...(closed.length > 0 ? { withheldMarkings: closed } : {}), ...d.auditDetails() },
    });
    return { ...view, masked: summary.masked };
  });
}
