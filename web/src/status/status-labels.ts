// Words and colours for the status contract: the exact class names of shared/domain/status-rules.md
// stay visible (they are what the rules text, the CSV export and the policy say), each with what
// it means in plain words. Pure; types only from the engine.
import {
  ASSESSMENT_CLASSES,
  type AssessmentClass,
  type BarTier,
  type StatusFlag,
} from '../../../src/modules/status/engine/types';

export interface ClassInfo {
  label: string;
  color: string;
  /** What the class means, as the policy's table says it. */
  meaning: string;
  /** The class is a violation: it puts the person on the suspected-violators list. */
  violation: boolean;
}

export const CLASS_INFO: Record<AssessmentClass, ClassInfo> = {
  OUT_OF_SCOPE: {
    label: 'Out of scope',
    color: 'gray',
    meaning: 'Class of admission not measured (diplomats, transit, crew).',
    violation: false,
  },
  INDETERMINATE_LAND: {
    label: 'Indeterminate (land)',
    color: 'gray',
    meaning: 'Canadian or Mexican national admitted at a land port with no recorded exit: land departures are largely not captured, so no overstay is claimed.',
    violation: false,
  },
  IN_STATUS: {
    label: 'In status',
    color: 'green',
    meaning: 'No departure, and the as-of date is on or before the authorized end date.',
    violation: false,
  },
  PENDING_BENEFIT: {
    label: 'Pending benefit',
    color: 'blue',
    meaning: 'A timely filed extension, change of status or adjustment is pending.',
    violation: false,
  },
  COMPLIANT_DEPARTURE: {
    label: 'Compliant departure',
    color: 'teal',
    meaning: 'Departed on or before the authorized end date.',
    violation: false,
  },
  OUT_OF_COUNTRY_OVERSTAY: {
    label: 'Out-of-country overstay',
    color: 'orange',
    meaning: 'Departed after the authorized end date.',
    violation: true,
  },
  SUSPECTED_IN_COUNTRY_OVERSTAY: {
    label: 'Suspected in-country overstay',
    color: 'red',
    meaning: 'No departure recorded, and the as-of date is after the authorized end date.',
    violation: true,
  },
  OVERSTAY_ACCRUAL_STOPPED_AOS: {
    label: 'Overstay stopped (adjustment)',
    color: 'grape',
    meaning: 'An I-485 was filed after the authorized end date and is pending: the overstay is frozen at the days from the end date to the filing.',
    violation: true,
  },
  STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD: {
    label: 'Status violator within admit period',
    color: 'pink',
    meaning: 'The admit-until date has not passed, but status ended earlier (for example a terminated student or a worker whose employment ended and whose grace ran out).',
    violation: true,
  },
};

export const VIOLATION_CLASSES: readonly AssessmentClass[] = ASSESSMENT_CLASSES.filter((c) => CLASS_INFO[c].violation);

export const FLAG_INFO: Record<StatusFlag, { label: string; meaning: string }> = {
  VISA_VOID_222G: {
    label: 'Visa void (222(g))',
    meaning: 'A visa holder who overstayed: the visa is void under INA 222(g).',
  },
  VWP_INELIGIBLE: {
    label: 'VWP ineligible',
    meaning: 'A Visa Waiver entrant who overstayed may not travel under the Visa Waiver Program again.',
  },
  EMPLOYMENT_AUTH_LAPSED: {
    label: 'Employment authorization lapsed',
    meaning: 'More than 240 days after the admit-until date on a pending same-employer H-1B extension.',
  },
  DATA_ERROR: {
    label: 'Data error',
    meaning: 'The records are missing or contradict a date the rules need; the rules below say which.',
  },
};

export const BAR_LABELS: Record<BarTier, string> = {
  NONE: 'No bar',
  THREE_YEAR: '3-year bar',
  TEN_YEAR: '10-year bar',
};

export const RISK_LEVELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const LEVEL_COLORS: Record<RiskLevel, string> = {
  CRITICAL: 'red',
  HIGH: 'orange',
  MEDIUM: 'yellow',
  LOW: 'gray',
};

export function isAssessmentClass(v: string): v is AssessmentClass {
  return (ASSESSMENT_CLASSES as readonly string[]).includes(v);
}

const numberFormat = new Intl.NumberFormat('en-US');

/** `12,345`. */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** A rate the server rounded to two decimals, as `1.47%`; `—` when there were no expected departures. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${rate.toFixed(2)}%`;
}

/** `1 day`, `214 days`. */
export function formatDays(n: number): string {
  return `${formatCount(n)} day${n === 1 ? '' : 's'}`;
}

/** How long a run took: `850 ms`, `3.2 s`, `2 min 05 s`. */
export function formatElapsed(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** A run's counts by class, in the policy's order, leaving out classes no admission fell in. */
export function classCountRows(counts: Record<string, number>): { cls: AssessmentClass; count: number }[] {
  return ASSESSMENT_CLASSES.map((cls) => ({ cls, count: counts[cls] ?? 0 })).filter((r) => r.count > 0);
}
