// A status finding turned into a lead's defaults: its type, priority (the risk level), title and
// evidence (each violating admission with the rules that decided it, and the risk factors), so a
// lead made from a finding carries the finding. Pure; types only from the status contract.
import type { z } from 'zod';
import type { PersonStatusResponse, ViolatorSchema } from '../../../src/modules/status/status.schema';
import type { EvidenceDraft, LeadDefaults } from './lead-form';

type PersonStatus = z.infer<typeof PersonStatusResponse>;
type Violator = z.infer<typeof ViolatorSchema>;
type Admission = PersonStatus['admissions'][number];

/** Classes that make a status finding a lead: the person broke the terms of admission. */
export const VIOLATION_CLASSES: readonly string[] = [
  'SUSPECTED_IN_COUNTRY_OVERSTAY',
  'OVERSTAY_ACCRUAL_STOPPED_AOS',
  'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD',
  'OUT_OF_COUNTRY_OVERSTAY',
];

const words = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');

function title(cls: string, overstayDays: number): string {
  return overstayDays > 0 ? `${words(cls)}, ${overstayDays} days` : words(cls);
}

function admissionEvidence(a: Admission, asOf: string): EvidenceDraft {
  const facts = [
    `${words(a.class)} as of ${asOf} (class of admission ${a.classOfAdmission})`,
    `admitted ${a.admissionDate}, AED ${a.aed ?? 'none'}, departure ${a.departureDate ?? 'none recorded'}`,
    `overstay ${a.overstayDays} days, unlawful presence ${a.unlawfulPresenceDays} days, bar ${a.barTier.replace(/_/g, ' ').toLowerCase()}`,
  ];
  const rules = a.rules.map((r) => `• ${r.text}`).join('\n');
  return {
    kind: 'assessment',
    ref: a.admissionRecord ?? `Admission ${a.admissionNumber}`,
    note: `${facts.join('; ')}.${rules ? `\nRules:\n${rules}` : ''}`,
  };
}

function riskEvidence(r: { score: number; level: string; factors: { text: string }[] }): EvidenceDraft {
  return { kind: 'risk', ref: `Risk ${r.level} (${r.score})`, note: r.factors.map((f) => `• ${f.text}`).join('\n') || 'No factors.' };
}

/** Defaults for a lead from a person's status, or null when no admission is a violation. */
export function findingFromStatus(s: PersonStatus): LeadDefaults | null {
  const violations = s.admissions.filter((a) => VIOLATION_CLASSES.includes(a.class));
  if (violations.length === 0) return null;
  const worst = [...violations].sort((a, b) => b.overstayDays - a.overstayDays)[0]!;
  return {
    type: 'STATUS_VIOLATION',
    priority: s.risk?.level ?? 'MEDIUM',
    title: title(worst.class, worst.overstayDays),
    summary: `Status assessment as of ${s.asOf} (configuration ${s.configVersion}).`,
    evidence: [...violations.map((a) => admissionEvidence(a, s.asOf)), ...(s.risk ? [riskEvidence(s.risk)] : [])],
  };
}

/** Defaults for a lead from a row of the ranked suspected-violators list. */
export function findingFromViolator(v: Violator, asOf: string): LeadDefaults {
  const cls = v.violations[0] ?? 'SUSPECTED_IN_COUNTRY_OVERSTAY';
  return {
    type: 'STATUS_VIOLATION',
    priority: v.level,
    title: title(cls, v.overstayDays),
    summary: `Ranked ${v.rank} among suspected violators as of ${asOf}.`,
    evidence: [
      {
        kind: 'assessment',
        ref: v.admissionNumber ? `Admission ${v.admissionNumber}` : null,
        note: `${v.violations.map(words).join(', ')} as of ${asOf}; overstay ${v.overstayDays} days; bar ${v.barTier.replace(/_/g, ' ').toLowerCase()}.`,
      },
      riskEvidence(v),
    ],
  };
}

/** The parts of a tip record a lead is made from (as the record view gives them). */
export interface TipRecord {
  recordId: string;
  payload: readonly { column: string; value: string | null; withheld?: boolean }[];
}

/**
 * Defaults for a lead from a tip: type TIP, its narrative as the summary and the tip record as
 * evidence. Withheld values (the tipster's identity) are never copied into the lead.
 */
export function findingFromTip(tip: TipRecord): LeadDefaults {
  const value = (column: string) => {
    const f = tip.payload.find((p) => p.column === column);
    return f && !f.withheld ? (f.value ?? '').trim() : '';
  };
  const narrative = value('narrative');
  const received = value('received_date');
  const channel = value('channel');
  const firstSentence = narrative.split(/(?<=[.!?])\s/)[0] ?? '';
  const short = firstSentence.length > 80 ? `${firstSentence.slice(0, 77)}…` : firstSentence;
  return {
    type: 'TIP',
    priority: 'MEDIUM',
    title: short ? `Tip ${tip.recordId}: ${short}` : `Tip ${tip.recordId}`,
    summary: `Tip received${received ? ` ${received}` : ''}${channel ? ` by ${channel.toLowerCase().replace('_', '-')}` : ''}.`,
    evidence: [{ kind: 'tip', ref: `tips ${tip.recordId}`, note: narrative || 'Tip record (no narrative).' }],
  };
}
