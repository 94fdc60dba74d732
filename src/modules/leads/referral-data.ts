import { CLASSIFICATION } from '../../shared/classification';
import type { NeedToKnow } from '../access';
import { columnCategory, Disclosure } from '../profiles';
import { getSource, isSourceName } from '../sources';
import type { PersonStatusView } from '../status';
import type { LeadRow } from './leads.repo';
import type { AssessmentRow, CoreFactRow, CustodyRow, RiskRow, StatusRunRow } from './referral.repo';

/**
 * The referral package as data: the lead, the subject's unified profile, the status determination
 * with its rules, the evidence, and for every fact the record and batch it came from (chain of
 * custody). Pure: the service loads the rows, `referral-pdf.ts` draws this.
 *
 * Need to know is the access module's decision (channel `referral`): the lead's owner and the
 * field office it was referred to are assigned and see the subject's sensitive categories (SSN,
 * financial, criminal history, tip content); anyone else sees them only under a stated purpose and
 * otherwise masked. Two things never travel in it: informants' identities and call detail records
 * (lawful-process material); they are counted, not shown.
 */

export { CLASSIFICATION };

export interface Sourced {
  value: string;
  /** Citations of the records that said it: `source record_id vN`. */
  cites: string[];
}

export interface CustodyEntry {
  cite: string;
  ref: string;
  role: string;
  source: string;
  recordId: string;
  version: number;
  lineNo: number;
  receivedAt: string;
  contentHash: string;
  linkMethod: string;
  markings: string[];
  batch: { id: string; fileName: string; sha256: string; loadedBy: string; loadedAt: string; legalProcessRef: string | null };
  fields: { name: string; value: string }[];
}

export interface StatusSection {
  asOf: string;
  configVersion: string;
  /** Null when no run is stored and the status was assessed on demand. */
  runBy: string | null;
  runAt: string | null;
  /** True when the rules are the engine's own words; false when only the run's codes were available. */
  rulesInWords: boolean;
  assessments: {
    admissionNumber: string;
    class: string;
    classOfAdmission: string;
    evaluatedClass: string;
    admissionDate: string | null;
    admitUntilDate: string | null;
    aed: string | null;
    statusEndDate: string | null;
    departureDate: string | null;
    overstayDays: number;
    unlawfulPresenceDays: number;
    barTier: string;
    flags: string[];
    rules: { code: string; text: string }[];
    admissionRecord: string;
    departureRecord: string | null;
    /** Records arrived since the run, and assessing them now gives another answer. */
    changedSinceRun: boolean;
  }[];
  risk: { score: number; level: string; factors: { text: string; points: number }[] } | null;
}

export interface ReferralPackage {
  classification: string;
  generatedAt: string;
  generatedBy: string;
  purpose: string;
  /** The need-to-know basis (`lead:<number>`, `purpose` or `none`) and the categories it masked. */
  needToKnow: { basis: string; masked: string[] };
  lead: {
    id: string;
    number: string;
    title: string;
    type: string;
    priority: string;
    state: string;
    owner: string;
    fieldOffice: string | null;
    dueDate: string;
    createdAt: string;
    summary: string;
    outcome: string | null;
    outcomeNote: string | null;
  };
  subject: { type: 'person' | 'organization'; id: string; name: string };
  profile: {
    names: Sourced[];
    birthDates: Sourced[];
    birthCountries: Sourced[];
    citizenships: Sourced[];
    sex: Sourced[];
    identifiers: (Sourced & { kind: string })[];
    addresses: Sourced[];
  };
  status: StatusSection | null;
  evidence: { kind: string; ref: string | null; note: string; addedBy: string; addedAt: string }[];
  history: { action: string; from: string | null; to: string; by: string; reason: string | null; at: string }[];
  overlaps: { otherNumber: string; otherOwner: string; kind: string; value: string }[];
  custody: CustodyEntry[];
  /** Records named but not reproduced: other roles by count, and what is never sent. */
  otherRoles: { role: string; records: number }[];
  withheld: { records: number; reasons: string[] };
}

export const iso = (d: Date | string): string => new Date(d).toISOString();
const day = (d: Date | string): string => (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : iso(d).slice(0, 10));

export function citeOf(r: Pick<CustodyRow, 'source' | 'record_id' | 'version'>): string {
  return `${r.source} ${r.record_id} v${r.version}`;
}

/** A record that never goes in a package: call detail records, and records naming the subject as a tipster. */
export function withheldRecord(r: Pick<CustodyRow, 'source' | 'role'>): string | null {
  if (r.source === 'cdr') return 'call detail records (lawful process)';
  if (r.role === 'tipster') return 'records naming the subject as a confidential source';
  return null;
}

const WORDS: Record<string, string> = { AED: 'AED', AOS: 'AOS', AUD: 'AUD', F1: 'F-1', J1: 'J-1', M1: 'M-1', H1B: 'H-1B', VWP: 'VWP', SEVIS: 'SEVIS', '222G': '222(g)' };

/** `AED_F1_DURATION_OF_STATUS` → `AED F-1 duration of status`: the rule's code, readable. */
export function ruleText(code: string): string {
  const words = code.split('_').filter(Boolean);
  return words
    .map((w, i) => WORDS[w] ?? (i === 0 ? w.charAt(0) + w.slice(1).toLowerCase() : w.toLowerCase()))
    .join(' ');
}

function group(values: readonly { value: string; cite: string }[]): Sourced[] {
  const by = new Map<string, Sourced>();
  for (const v of values) {
    const value = v.value.trim();
    if (!value) continue;
    const key = value.toUpperCase();
    const s = by.get(key) ?? { value, cites: [] };
    if (!s.cites.includes(v.cite)) s.cites.push(v.cite);
    by.set(key, s);
  }
  return [...by.values()].sort((a, b) => b.cites.length - a.cites.length || a.value.localeCompare(b.value));
}

/** A record's payload as an object (the driver may hand jsonb over as text). */
export function payloadOf(r: Pick<CustodyRow, 'payload'>): Record<string, unknown> {
  const p = typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : r.payload;
  return p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
}

/** The payload as received, less informants' identities (never sent) and empty columns. */
const scalar = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v == null ? '' : JSON.stringify(v));

/** In the source's own column order (a jsonb payload comes back in its own key order). */
function columnOrder(source: string): (name: string) => number {
  const names = isSourceName(source) ? getSource(source).columns.map((c) => c.name) : [];
  return (name) => {
    const i = names.indexOf(name);
    return i < 0 ? names.length : i;
  };
}

function fieldsOf(d: Disclosure, r: CustodyRow): { name: string; value: string }[] {
  const order = columnOrder(r.source);
  const entries = Object.entries(payloadOf(r)).sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b));
  return entries.flatMap(([name, v]) => {
    const text = scalar(v);
    if (text.trim() === '') return [];
    const category = isSourceName(r.source) ? columnCategory(r.source, name) : null;
    return [{ name, value: category ? (d.show(category, text) ?? '') : text }];
  });
}

function custodyEntry(d: Disclosure, r: CustodyRow): CustodyEntry {
  return {
    cite: citeOf(r),
    ref: r.ref,
    role: r.role,
    source: r.source,
    recordId: r.record_id,
    version: Number(r.version),
    lineNo: Number(r.line_no),
    receivedAt: iso(r.received_at),
    contentHash: r.content_hash,
    linkMethod: r.method,
    markings: r.markings ?? [],
    batch: { id: r.batch_id, fileName: r.file_name, sha256: r.file_sha256, loadedBy: r.loaded_by, loadedAt: iso(r.loaded_at), legalProcessRef: r.legal_process_ref },
    fields: fieldsOf(d, r),
  };
}

export function profileOf(d: Disclosure, subjects: readonly CustodyRow[], core: readonly CoreFactRow[], cites: ReadonlyMap<string, string>): ReferralPackage['profile'] {
  const column = (...names: string[]) =>
    subjects.flatMap((r) => {
      const p = payloadOf(r);
      const name = names.find((n) => typeof p[n] === 'string' && (p[n]).trim() !== '');
      return name ? [{ value: scalar(p[name]), cite: citeOf(r) }] : [];
    });
  const facts = (pred: (k: string) => boolean) =>
    core.filter((c) => pred(c.kind) && cites.has(c.ref)).map((c) => ({ kind: c.kind, value: c.kind === 'ssn' ? (d.show('SSN', c.value) ?? '') : c.value, cite: cites.get(c.ref)! }));
  const identifierKinds = [...new Set(facts((k) => k !== 'name' && k !== 'address').map((f) => f.kind))].sort();
  return {
    names: group(facts((k) => k === 'name')),
    birthDates: group(column('birth_date', 'subject_birth_date')),
    birthCountries: group(column('birth_country')),
    citizenships: group(column('citizenship_country', 'subject_citizenship_country')),
    sex: group(column('sex').filter((v) => v.value.toUpperCase() !== 'U')),
    identifiers: identifierKinds.flatMap((kind) => group(facts((k) => k === kind)).map((s) => ({ ...s, kind }))),
    addresses: group(facts((k) => k === 'address')),
  };
}

function factorsOf(raw: unknown): { text: string; points: number }[] {
  const list = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (!Array.isArray(list)) return [];
  return list.flatMap((f: unknown) => {
    if (!f || typeof f !== 'object') return [];
    const o = f as { text?: unknown; code?: unknown; points?: unknown };
    return [{ text: scalar(o.text ?? o.code), points: Number(o.points ?? 0) }];
  });
}

export function statusSection(
  s: { run: StatusRunRow; assessments: readonly AssessmentRow[]; risk: RiskRow | null } | null,
  citeByRef: ReadonlyMap<string, string>,
): StatusSection | null {
  if (!s) return null;
  const cite = (ref: string | null) => (ref === null ? null : (citeByRef.get(ref) ?? `source record ${ref}`));
  return {
    asOf: day(s.run.as_of),
    configVersion: s.run.config_version,
    runBy: s.run.run_by_username,
    runAt: iso(s.run.finished_at),
    rulesInWords: false,
    assessments: s.assessments.map((a) => ({
      admissionNumber: a.admission_number,
      class: a.class,
      classOfAdmission: a.class_of_admission,
      evaluatedClass: a.evaluated_class,
      admissionDate: a.admission_date,
      admitUntilDate: a.admit_until_date,
      aed: a.aed,
      statusEndDate: a.status_end_date,
      departureDate: a.departure_date,
      overstayDays: Number(a.overstay_days),
      unlawfulPresenceDays: Number(a.unlawful_presence_days),
      barTier: a.bar_tier,
      flags: a.flags ? a.flags.split('|') : [],
      rules: a.rules ? a.rules.split('|').map((code) => ({ code, text: ruleText(code) })) : [],
      admissionRecord: cite(a.admission_record_id)!,
      departureRecord: cite(a.departure_record_id),
      changedSinceRun: false,
    })),
    risk: s.risk ? { score: Number(s.risk.score), level: s.risk.level, factors: factorsOf(s.risk.factors) } : null,
  };
}

/** The status module's own view of the person: rules in words, checked against the stored run. */
export function statusFromView(v: PersonStatusView): StatusSection | null {
  if (v.admissions.length === 0) return null;
  return {
    asOf: v.asOf,
    configVersion: v.configVersion,
    runBy: v.run?.runBy ?? null,
    runAt: v.run?.finishedAt ? iso(v.run.finishedAt) : null,
    rulesInWords: true,
    assessments: v.admissions.map((a) => ({
      admissionNumber: a.admissionNumber,
      class: a.class,
      classOfAdmission: a.classOfAdmission,
      evaluatedClass: a.evaluatedClass,
      admissionDate: a.admissionDate,
      admitUntilDate: a.admitUntilDate,
      aed: a.aed,
      statusEndDate: a.statusEndDate,
      departureDate: a.departureDate,
      overstayDays: a.overstayDays,
      unlawfulPresenceDays: a.unlawfulPresenceDays,
      barTier: a.barTier,
      flags: [...a.flags],
      rules: a.rules.map((r) => ({ code: r.code, text: r.text })),
      admissionRecord: a.admissionRecord ?? `admission ${a.admissionNumber}`,
      departureRecord: a.departureRecord,
      changedSinceRun: a.changedSinceRun,
    })),
    risk: v.risk ? { score: v.risk.score, level: v.risk.level, factors: v.risk.factors.map((f) => ({ text: f.text, points: f.points })) } : null,
  };
}

export interface ReferralInputs {
  lead: LeadRow;
  history: { transitions: { action: string; from_state: string | null; to_state: string; actor_username: string; reason: string | null; at: Date | string }[]; evidence: { kind: string; ref: string | null; note: string; added_by: string; added_at: Date | string }[]; overlaps: { other_number: string; other_owner: string; overlap_kind: string; overlap_value: string }[] };
  records: readonly CustodyRow[];
  core: readonly CoreFactRow[];
  status: { run: StatusRunRow; assessments: readonly AssessmentRow[]; risk: RiskRow | null } | null;
  /** Preferred over `status` when the caller may read the status module's view. */
  statusView?: PersonStatusView | null;
  generatedBy: string;
  purpose: string;
  /** The need-to-know decision for the caller on the subject (channel `referral`). */
  needToKnow: NeedToKnow;
  now: Date;
}

export function buildReferralPackage(i: ReferralInputs): ReferralPackage {
  const l = i.lead;
  const d = new Disclosure(i.needToKnow);
  const sent = i.records.filter((r) => withheldRecord(r) === null);
  const held = i.records.filter((r) => withheldRecord(r) !== null);
  const subjects = sent.filter((r) => r.role === 'subject');
  // The profile cites only records reproduced below, so every citation can be followed.
  const cites = new Map(subjects.map((r) => [r.ref, citeOf(r)]));
  const others = new Map<string, number>();
  for (const r of sent) if (r.role !== 'subject') others.set(r.role, (others.get(r.role) ?? 0) + 1);
  return {
    classification: CLASSIFICATION,
    generatedAt: i.now.toISOString(),
    generatedBy: i.generatedBy,
    purpose: i.purpose,
    lead: { id: l.id, number: l.number, title: l.title, type: l.lead_type, priority: l.priority, state: l.state, owner: l.owner_username, fieldOffice: l.field_office, dueDate: day(l.due_date), createdAt: iso(l.created_at), summary: l.summary, outcome: l.outcome, outcomeNote: l.outcome_note },
    subject: { type: l.subject_type, id: l.subject_id, name: l.subject_name },
    profile: profileOf(d, subjects, i.core, cites),
    status: i.statusView ? statusFromView(i.statusView) : statusSection(i.status, new Map(i.records.map((r) => [r.ref, citeOf(r)]))),
    evidence: i.history.evidence.map((e) => ({ kind: e.kind, ref: e.ref, note: e.note, addedBy: e.added_by, addedAt: iso(e.added_at) })),
    history: i.history.transitions.map((t) => ({ action: t.action, from: t.from_state, to: t.to_state, by: t.actor_username, reason: t.reason, at: iso(t.at) })),
    overlaps: i.history.overlaps.map((o) => ({ otherNumber: o.other_number, otherOwner: o.other_owner, kind: o.overlap_kind, value: o.overlap_value })),
    custody: subjects.map((r) => custodyEntry(d, r)),
    otherRoles: [...others].map(([role, records]) => ({ role, records })).sort((a, b) => a.role.localeCompare(b.role)),
    withheld: { records: held.length, reasons: [...new Set(held.map((r) => withheldRecord(r)!))].sort() },
    needToKnow: { basis: i.needToKnow.assignment ?? i.needToKnow.basis, masked: d.summary().masked.filter((c) => c !== 'INFORMANT') },
  };
}
