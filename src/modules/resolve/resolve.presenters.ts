import { mentionRef, recordOf, roleOf } from './mention-keys';
import type { DecisionRow } from './review.repo';
import type { MentionView, ReviewEntry, Verdict } from './review.service';
import type { DecisionView, ExplanationView, RecordView, ReviewItemView } from './resolve.schema';

/** Explicit presenters: fields are whitelisted, SSNs reduced to their last four digits. */
export function presentRecord(v: MentionView): RecordView {
  const r = v.record.record;
  const ssnDigits = r.ssn?.replace(/\D/g, '') ?? '';
  const address = [r.addressLine, r.city, [r.state, r.postalCode].filter(Boolean).join(' ')].filter((p) => p && p.trim()).join(', ');
  return {
    ref: mentionRef(v.mention),
    recordId: String(recordOf(v.mention)),
    role: roleOf(v.mention),
    source: v.record.source,
    sourceRecordId: v.record.recordId,
    entityId: v.entityId,
    givenName: r.givenName ?? null,
    middleName: r.middleName ?? null,
    familyName: r.familyName ?? null,
    birthDate: r.birthDate ?? null,
    sex: r.sex ?? null,
    citizenship: r.citizenship ?? null,
    birthCountry: r.birthCountry ?? null,
    address: address || null,
    phone: r.phone ?? null,
    email: r.email ?? null,
    ssnLast4: ssnDigits.length >= 4 ? ssnDigits.slice(-4) : null,
    employer: r.employer ?? null,
    identifiers: (r.identifiers ?? []).map((i) => ({ kind: i.kind, value: i.value, country: i.country ?? null })),
  };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export function presentExplanation(v: Verdict): ExplanationView {
  const e = v.explanation;
  const lines = [
    `Match weight ${round(e.weight, 1)} bits (probability ${round(e.probability * 100, 1)}%): ${v.verdict}.`,
    ...e.deterministic.map((d) => `Identifier: ${d}.`),
    ...e.conflicts.map((c) => `Conflict: ${c}.`),
    ...(e.held ? [`Held down: ${e.held}.`] : []),
    ...e.contributions.map((c) => `${c.text}`),
  ];
  return {
    weight: round(e.weight, 3),
    probability: e.probability,
    prior: e.prior,
    verdict: v.verdict,
    thresholds: v.thresholds,
    contributions: e.contributions.map((c) => ({ field: c.field, level: c.level, text: c.text, weight: round(c.weight, 3) })),
    deterministic: e.deterministic,
    conflicts: e.conflicts,
    held: e.held,
    summary: lines.join('\n'),
  };
}

export function presentReviewEntry(e: ReviewEntry): ReviewItemView {
  return {
    id: e.item.id,
    status: e.item.status,
    reason: e.item.reason,
    weight: round(e.item.weight, 3),
    decisionId: e.item.decisionId,
    a: presentRecord(e.a),
    b: presentRecord(e.b),
    explanation: presentExplanation(e.verdict),
    pairsBetween: e.pairsBetween,
  };
}

export function presentDecision(d: DecisionRow): DecisionView {
  return {
    id: d.id,
    kind: d.kind,
    reason: d.reason,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt.toISOString(),
    reviewItemId: d.reviewItemId,
    together: d.must.map((g) => g.map(mentionRef)),
    apart: d.cannot.map(([l, r]) => [l.map(mentionRef), r.map(mentionRef)] as [string[], string[]]),
    entitiesBefore: d.entitiesBefore,
    entitiesAfter: d.entitiesAfter,
    undoneAt: d.undoneAt?.toISOString() ?? null,
    undoneBy: d.undoneBy,
    undoReason: d.undoReason,
  };
}
