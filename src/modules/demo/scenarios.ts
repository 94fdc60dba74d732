import type { StatusClass } from './types';

// The catalog of planted situations. Each person's life follows one scenario, which fixes
// the class its last admission is meant to end in. Weights give realistic proportions:
// most visits end in a compliant departure; overstays are a few percent.

export type Planner =
  'visitor' | 'vwp' | 'student' | 'exchange' | 'vocational' | 'worker' | 'out_of_scope' | 'land';

export interface ScenarioDef {
  readonly name: string;
  readonly planner: Planner;
  readonly weight: number;
  readonly final: StatusClass;
  /** A lead the unit should find about this person. */
  readonly lead?: 'IN_COUNTRY_OVERSTAY' | 'STATUS_VIOLATION';
  /** Looks like a violation on the surface but is not one (or not a lead). */
  readonly trap?: string;
  /** May lead a family unit (dependents travel with the principal). */
  readonly family?: boolean;
}

const s = (
  name: string,
  planner: Planner,
  weight: number,
  final: StatusClass,
  extra: Partial<ScenarioDef> = {},
): ScenarioDef => ({
  name,
  planner,
  weight,
  final,
  ...extra,
});
const OVERSTAY = { lead: 'IN_COUNTRY_OVERSTAY' } as const;
const VIOLATION = { lead: 'STATUS_VIOLATION' } as const;

export const SCENARIOS: readonly ScenarioDef[] = [
  s('B_COMPLIANT', 'visitor', 26, 'COMPLIANT_DEPARTURE', { family: true }),
  s('B_IN_STATUS', 'visitor', 3.5, 'IN_STATUS', { family: true }),
  s('B_OUT_OF_COUNTRY_OVERSTAY', 'visitor', 1.2, 'OUT_OF_COUNTRY_OVERSTAY', { family: true }),
  s('B_IN_COUNTRY_OVERSTAY', 'visitor', 0.7, 'SUSPECTED_IN_COUNTRY_OVERSTAY', {
    ...OVERSTAY,
    family: true,
  }),
  s('B_EXTENSION_PENDING', 'visitor', 0.5, 'PENDING_BENEFIT', {
    trap: 'admit-until date passed but a timely I-539 is pending',
  }),
  s('B_EXTENSION_APPROVED', 'visitor', 0.6, 'COMPLIANT_DEPARTURE', {
    trap: 'departed after the I-94 date, within an approved extension',
  }),
  s('B_EXTENSION_DENIED_STAYED', 'visitor', 0.25, 'SUSPECTED_IN_COUNTRY_OVERSTAY', OVERSTAY),
  s('B_EXTENSION_DENIED_LEFT_LATE', 'visitor', 0.2, 'OUT_OF_COUNTRY_OVERSTAY'),
  s('B_EXTENSION_UNTIMELY', 'visitor', 0.2, 'SUSPECTED_IN_COUNTRY_OVERSTAY', OVERSTAY),
  s('B_AOS_AFTER_AED', 'visitor', 0.3, 'OVERSTAY_ACCRUAL_STOPPED_AOS', {
    trap: 'overstayed, then filed I-485 (accrual stopped)',
  }),
  s('B_AOS_TIMELY', 'visitor', 0.3, 'PENDING_BENEFIT', { trap: 'I-485 filed in time and pending' }),
  s('B_REMOVED', 'visitor', 0.1, 'OUT_OF_COUNTRY_OVERSTAY', {
    trap: 'overstayed, arrested and removed (departure without I-94 number)',
  }),
  s('B_EXIT_NOT_RECORDED', 'visitor', 0.25, 'COMPLIANT_DEPARTURE', {
    trap: 'an earlier trip has no recorded exit although the person re-entered later',
  }),
  s('WT_COMPLIANT', 'vwp', 23, 'COMPLIANT_DEPARTURE', { family: true }),
  s('WT_IN_STATUS', 'vwp', 2.5, 'IN_STATUS', { family: true }),
  s('WT_OUT_OF_COUNTRY_OVERSTAY', 'vwp', 1.0, 'OUT_OF_COUNTRY_OVERSTAY'),
  s('WT_IN_COUNTRY_OVERSTAY', 'vwp', 0.6, 'SUSPECTED_IN_COUNTRY_OVERSTAY', {
    ...OVERSTAY,
    family: true,
  }),
  s('WT_I539_NO_EFFECT', 'vwp', 0.15, 'SUSPECTED_IN_COUNTRY_OVERSTAY', OVERSTAY),
  s('WT_AOS_IMMEDIATE_RELATIVE', 'vwp', 0.2, 'PENDING_BENEFIT', {
    trap: 'Visa Waiver entrant with a timely immediate-relative I-485',
  }),
  s('WT_MISSING_AUD_DEPARTED', 'vwp', 0.15, 'COMPLIANT_DEPARTURE'),
  s('WT_MISSING_AUD_STAYED', 'vwp', 0.08, 'SUSPECTED_IN_COUNTRY_OVERSTAY', OVERSTAY),
  s('WT_AUD_EXCEEDS_CAP', 'vwp', 0.08, 'OUT_OF_COUNTRY_OVERSTAY'),
  s('F1_IN_PROGRAM', 'student', 4.5, 'IN_STATUS'),
  s('F1_COMPLETED_DEPARTED', 'student', 2.0, 'COMPLIANT_DEPARTURE'),
  s('F1_COMPLETED_OVERSTAY', 'student', 0.25, 'SUSPECTED_IN_COUNTRY_OVERSTAY', OVERSTAY),
  s('F1_OPT_IN_STATUS', 'student', 1.2, 'IN_STATUS', {
    trap: 'program ended, on post-completion OPT',
  }),
  s('F1_OPT_DEPARTED', 'student', 0.8, 'COMPLIANT_DEPARTURE'),
  s('F1_STEM_OPT', 'student', 0.8, 'IN_STATUS', { trap: 'program ended years ago, on STEM OPT' }),
  s('F1_TERMINATED', 'student', 0.6, 'SUSPECTED_IN_COUNTRY_OVERSTAY', VIOLATION),
  s('F1_TERMINATED_LEFT', 'student', 0.2, 'OUT_OF_COUNTRY_OVERSTAY'),
  s('F1_EARLY_WITHDRAWAL_DEPARTED', 'student', 0.2, 'COMPLIANT_DEPARTURE'),
  s('F1_EARLY_WITHDRAWAL_STAYED', 'student', 0.1, 'SUSPECTED_IN_COUNTRY_OVERSTAY', OVERSTAY),
  s('F1_CHANGE_TO_H1B', 'student', 0.5, 'IN_STATUS', {
    trap: 'SEVIS terminated for an approved change of status to H-1B',
  }),
  s('F1_CAP_GAP_PENDING', 'student', 0.25, 'PENDING_BENEFIT', {
    trap: 'H-1B cap petition pending (cap-gap)',
  }),
  s('F1_DEATH', 'student', 0.02, 'OUT_OF_SCOPE'),
  s('F1_CANCELED_AFTER_ENTRY', 'student', 0.1, 'SUSPECTED_IN_COUNTRY_OVERSTAY', VIOLATION),
  s('F1_FRAUD_SCHOOL', 'student', 0.6, 'SUSPECTED_IN_COUNTRY_OVERSTAY', VIOLATION),
  s('J1_IN_PROGRAM', 'exchange', 1.0, 'IN_STATUS'),
  s('J1_COMPLETED_DEPARTED', 'exchange', 1.2, 'COMPLIANT_DEPARTURE'),
  s('J1_OVERSTAY', 'exchange', 0.2, 'SUSPECTED_IN_COUNTRY_OVERSTAY', OVERSTAY),
  s('M1_COMPLIANT', 'vocational', 0.3, 'COMPLIANT_DEPARTURE'),
  s('M1_IN_PROGRAM', 'vocational', 0.15, 'IN_STATUS'),
  s(
    'M1_TERMINATED_WITHIN_PERIOD',
    'vocational',
    0.15,
    'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD',
    VIOLATION,
  ),
  s('W_IN_STATUS', 'worker', 5, 'IN_STATUS', { family: true }),
  s('W_COMPLIANT', 'worker', 2.5, 'COMPLIANT_DEPARTURE', { family: true }),
  s('W_EXTENSION_APPROVED', 'worker', 1.2, 'IN_STATUS'),
  s('W_EXTENSION_PENDING', 'worker', 0.5, 'PENDING_BENEFIT', {
    trap: 'H-1B extension pending past the I-94 date',
  }),
  s('W_EMPLOYMENT_ENDED', 'worker', 0.35, 'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD', VIOLATION),
  s('W_OVERSTAY', 'worker', 0.15, 'SUSPECTED_IN_COUNTRY_OVERSTAY', OVERSTAY),
  s('W_TREATY_INVESTOR', 'worker', 0.4, 'IN_STATUS'),
  s('OOS_DIPLOMAT', 'out_of_scope', 1.2, 'OUT_OF_SCOPE'),
  s('OOS_TRANSIT', 'out_of_scope', 0.8, 'OUT_OF_SCOPE'),
  s('OOS_CREW', 'out_of_scope', 1.0, 'OUT_OF_SCOPE'),
  s('LAND_NO_EXIT', 'land', 4.5, 'INDETERMINATE_LAND', {
    family: true,
    trap: 'land entry without a recorded exit (no overstay claimed)',
  }),
  s('LAND_WITH_EXIT', 'land', 2.0, 'COMPLIANT_DEPARTURE'),
  s('LAND_TN_NO_EXIT', 'land', 0.5, 'INDETERMINATE_LAND'),
];

const BY_NAME = new Map(SCENARIOS.map((d) => [d.name, d]));

export function scenario(name: string): ScenarioDef {
  const d = BY_NAME.get(name);
  if (!d) throw new Error(`unknown scenario ${name}`);
  return d;
}

export const SCENARIO_WEIGHTS = SCENARIOS.map((d) => ({ value: d, weight: d.weight }));
export const FAMILY_SCENARIOS = SCENARIOS.filter((d) => d.family).map((d) => ({
  value: d,
  weight: d.weight,
}));
/** Scenarios whose person ends up a suspected violator still in the country (rings, overlaps, tips). */
export const VIOLATOR_SCENARIOS = SCENARIOS.filter((d) => d.lead).map((d) => ({
  value: d,
  weight: d.weight,
}));
