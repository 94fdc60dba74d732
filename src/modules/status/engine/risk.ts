import { parseDay } from './days';
import { compileConfig } from './compiled-config';
import { countTerminationsForCause } from './sevis';
import {
  DEFAULT_STATUS_CONFIG,
  ENFORCEMENT_EVENT_TYPES,
  type EnforcementEventType,
  type StatusConfig,
} from './status-config';
import type { Assessment, AssessmentClass, BarTier, PersonFacts } from './types';

// Per-person risk level for suspected violators. Inputs are plain counts the caller gathers
// from other sources (EID events, TECS lookouts, CCD revocations, school analytics); every
// point awarded comes with a sentence saying why.

export interface RiskInputs {
  /** Longest overstay among the person's assessments. */
  overstayDays: number;
  barTier: BarTier;
  sevisTerminationsForCause: number;
  /** Counts of EID/ENFORCE events by type. */
  enforcementEvents: Partial<Record<EnforcementEventType, number>>;
  visaRevoked: boolean;
  lookouts: number;
  suspectSchoolLinks: number;
}

export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface RiskFactor {
  code: string;
  points: number;
  text: string;
}

export interface RiskAssessment {
  score: number;
  level: RiskLevel;
  factors: RiskFactor[];
  configVersion: string;
}

function count(v: number | undefined): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0;
}

function cappedFactor(
  code: string,
  what: string,
  times: number,
  w: { perEvent: number; max: number },
): RiskFactor | null {
  if (times === 0) return null;
  const raw = times * w.perEvent;
  const points = Math.min(raw, w.max);
  const capped = raw > w.max ? `, capped at ${w.max}` : '';
  return {
    code,
    points,
    text: `${times} ${what} x ${w.perEvent} points${capped}: ${points} points`,
  };
}

function overstayFactor(days: number, config: StatusConfig): RiskFactor | null {
  let band: { minDays: number; points: number } | null = null;
  for (const b of config.risk.overstayBands)
    if (days >= b.minDays && (!band || b.minDays > band.minDays)) band = b;
  if (!band) return null;
  return {
    code: 'OVERSTAY',
    points: band.points,
    text: `Overstay of ${days} days (band of ${band.minDays} days or more): ${band.points} points`,
  };
}

function enforcementFactor(
  events: RiskInputs['enforcementEvents'],
  config: StatusConfig,
): RiskFactor | null {
  const w = config.risk.enforcementEvents;
  const parts: string[] = [];
  let raw = 0;
  for (const type of ENFORCEMENT_EVENT_TYPES) {
    const times = count(events[type]);
    if (times === 0) continue;
    raw += times * w[type];
    parts.push(`${times} ${type} x ${w[type]}`);
  }
  if (parts.length === 0) return null;
  const points = Math.min(raw, config.risk.enforcementMax);
  const capped = raw > points ? `, capped at ${config.risk.enforcementMax}` : '';
  return {
    code: 'ENFORCEMENT_HISTORY',
    points,
    text: `Enforcement and criminal history: ${parts.join(', ')} = ${raw}${capped}: ${points} points`,
  };
}

function levelOf(score: number, config: StatusConfig): RiskLevel {
  const l = config.risk.levels;
  if (score >= l.CRITICAL) return 'CRITICAL';
  if (score >= l.HIGH) return 'HIGH';
  return score >= l.MEDIUM ? 'MEDIUM' : 'LOW';
}

export function assessRisk(
  inputs: RiskInputs,
  config: StatusConfig = DEFAULT_STATUS_CONFIG,
): RiskAssessment {
  const r = config.risk;
  const candidates: (RiskFactor | null)[] = [
    overstayFactor(count(inputs.overstayDays), config),
    inputs.barTier === 'NONE'
      ? null
      : {
          code: 'BAR_TIER',
          points: r.barTier[inputs.barTier],
          text: `Unlawful presence reaches the ${inputs.barTier} bar: ${r.barTier[inputs.barTier]} points`,
        },
    cappedFactor(
      'SEVIS_TERMINATION_FOR_CAUSE',
      'SEVIS termination(s) for cause',
      count(inputs.sevisTerminationsForCause),
      r.sevisTerminationForCause,
    ),
    enforcementFactor(inputs.enforcementEvents, config),
    inputs.visaRevoked
      ? {
          code: 'VISA_REVOKED',
          points: r.visaRevocation,
          text: `A visa was revoked: ${r.visaRevocation} points`,
        }
      : null,
    cappedFactor('LOOKOUTS', 'lookout(s)', count(inputs.lookouts), r.lookouts),
    cappedFactor(
      'SUSPECT_SCHOOL_LINKS',
      'link(s) to suspect schools',
      count(inputs.suspectSchoolLinks),
      r.suspectSchoolLinks,
    ),
  ];
  const factors = candidates.filter((f): f is RiskFactor => f !== null && f.points > 0);
  const score = factors.reduce((sum, f) => sum + f.points, 0);
  return { score, level: levelOf(score, config), factors, configVersion: config.version };
}

const VIOLATOR_CLASSES: ReadonlySet<AssessmentClass> = new Set<AssessmentClass>([
  'OUT_OF_COUNTRY_OVERSTAY',
  'SUSPECTED_IN_COUNTRY_OVERSTAY',
  'OVERSTAY_ACCRUAL_STOPPED_AOS',
  'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD',
]);

const TIER_RANK: Record<BarTier, number> = { NONE: 0, THREE_YEAR: 1, TEN_YEAR: 2 };

/** The engine-derived part of the risk inputs for one person. */
export function riskInputsFromAssessments(
  facts: PersonFacts,
  assessments: readonly Assessment[],
  asOf: string,
  config: StatusConfig = DEFAULT_STATUS_CONFIG,
): Pick<RiskInputs, 'overstayDays' | 'barTier' | 'sevisTerminationsForCause'> & {
  suspectedViolator: boolean;
} {
  let overstayDays = 0;
  let barTier: BarTier = 'NONE';
  let suspectedViolator = false;
  for (const a of assessments) {
    if (VIOLATOR_CLASSES.has(a.class)) suspectedViolator = true;
    if (a.overstayDays > overstayDays) overstayDays = a.overstayDays;
    if (TIER_RANK[a.barTier] > TIER_RANK[barTier]) barTier = a.barTier;
  }
  const asOfDay = parseDay(asOf);
  if (Number.isNaN(asOfDay)) throw new RangeError(`as-of date must be YYYY-MM-DD, got ${asOf}`);
  const sevisTerminationsForCause = countTerminationsForCause(
    compileConfig(config),
    facts.sevisRecords,
    asOfDay,
  );
  return { overstayDays, barTier, sevisTerminationsForCause, suspectedViolator };
}
