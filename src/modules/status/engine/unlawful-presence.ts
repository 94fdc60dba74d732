import { parseDay } from './days';
import { hasUpper } from './compiled-config';
import {
  addRule,
  d,
  FLAG_EMPLOYMENT_AUTH_LAPSED,
  FLAG_VISA_VOID_222G,
  FLAG_VWP_INELIGIBLE,
  n,
  RULE,
  type Evaluation,
  type PersonContext,
} from './evaluation';
import type { Outcome } from './classify';
import type { BarTier } from './types';

// Section 6 of the rules: unlawful presence, the bar tier it reaches, and the flags.

function earliestFinding(ev: Evaluation): number {
  let first = NaN;
  for (const f of ev.evidence.findings ?? []) {
    const day = parseDay(f.findingDate);
    if (!(first <= day)) first = day;
  }
  return first;
}

/** Days in (start, end] that count: none before the minimum-age birthday. */
function countedDays(ctx: PersonContext, ev: Evaluation, start: number, end: number): number {
  if (!(end > start)) return 0;
  const adultFrom = ctx.adultFromDay;
  if (adultFrom - 1 > start) {
    const counted = Math.max(0, end - (adultFrom - 1));
    addRule(
      ev,
      RULE.UNDER_18,
      `${n(end - start - counted)} of ${n(end - start)} fell before the ${ctx.cc.config.unlawfulPresence.minimumAgeYears}th birthday ${d(adultFrom)} and do not count`,
    );
    return counted;
  }
  return end - start;
}

function isDurationOfStatus(ev: Evaluation): boolean {
  return ev.ds && (ev.info.kind === 'F' || ev.info.kind === 'J');
}

function unlawfulPresence(
  ctx: PersonContext,
  ev: Evaluation,
  o: Outcome,
  findingDay: number,
): number {
  if (o.cls === 'OUT_OF_SCOPE' || o.cls === 'INDETERMINATE_LAND' || o.cls === 'PENDING_BENEFIT')
    return 0;
  if (!isDurationOfStatus(ev)) {
    if (o.overstayDays === 0) return 0;
    const days = countedDays(ctx, ev, ev.aedDay, ev.aedDay + o.overstayDays);
    addRule(
      ev,
      RULE.UNLAWFUL_PRESENCE,
      `Fixed-date admission: unlawful presence = overstay days (${n(o.overstayDays)}), counted ${n(days)}`,
    );
    return days;
  }
  if (Number.isNaN(findingDay)) {
    if (o.overstayDays > 0)
      addRule(
        ev,
        RULE.UNLAWFUL_PRESENCE,
        'Duration-of-status admission with no formal finding of unlawful presence: 0 days',
      );
    return 0;
  }
  const days = countedDays(ctx, ev, findingDay, o.accrualEndDay);
  addRule(
    ev,
    RULE.UNLAWFUL_PRESENCE,
    `Formal finding of unlawful presence on ${d(findingDay)}: counted from the next day to ${d(o.accrualEndDay)} = ${n(days)}`,
  );
  return days;
}

function barTier(ctx: PersonContext, ev: Evaluation, up: number): BarTier {
  const t = ctx.cc.config.unlawfulPresence;
  if (up >= t.tenYearBarAtLeastDays) {
    addRule(
      ev,
      RULE.BAR,
      `Unlawful presence ${n(up)} is ${t.tenYearBarAtLeastDays} or more: TEN_YEAR`,
    );
    return 'TEN_YEAR';
  }
  if (up > t.threeYearBarAboveDays) {
    addRule(
      ev,
      RULE.BAR,
      `Unlawful presence ${n(up)} is more than ${t.threeYearBarAboveDays} and fewer than ${t.tenYearBarAtLeastDays}: THREE_YEAR`,
    );
    return 'THREE_YEAR';
  }
  return 'NONE';
}

function setFlags(ctx: PersonContext, ev: Evaluation, o: Outcome, findingDay: number): void {
  if (ev.h1bPendingExtension && ev.departure === null && !Number.isNaN(ev.audDay)) {
    const last = ev.audDay + ctx.cc.config.h1bPendingExtensionWorkDays;
    const lapsed = ctx.asOfDay > last;
    if (lapsed) ev.flags |= FLAG_EMPLOYMENT_AUTH_LAPSED;
    addRule(
      ev,
      RULE.H1B_240_DAY,
      `Same-employer H-1B extension pending: work allowed to AUD ${d(ev.audDay)} + ${n(ctx.cc.config.h1bPendingExtensionWorkDays)} = ${d(last)}${lapsed ? ', now past: EMPLOYMENT_AUTH_LAPSED' : ''}`,
    );
  }
  if (ev.original.kind === 'VWP') {
    if (o.overstayDays >= 1) {
      ev.flags |= FLAG_VWP_INELIGIBLE;
      addRule(
        ev,
        RULE.FLAG_VWP,
        `Visa Waiver entrant with an overstay of ${n(o.overstayDays)}: VWP_INELIGIBLE`,
      );
    }
    return;
  }
  const foil = ev.adm.visaFoilNumber;
  const visaHolder =
    (foil !== undefined && foil !== null && foil !== '') ||
    !hasUpper(ctx.cc.visaExempt, ev.adm.citizenshipCountry);
  if (!visaHolder) return;
  const ds = isDurationOfStatus(ev);
  if (!ds && o.overstayDays >= 1) {
    ev.flags |= FLAG_VISA_VOID_222G;
    addRule(
      ev,
      RULE.FLAG_222G,
      `Visa holder overstayed a fixed-date admission by ${n(o.overstayDays)}: VISA_VOID_222G`,
    );
  } else if (ds && !Number.isNaN(findingDay)) {
    ev.flags |= FLAG_VISA_VOID_222G;
    addRule(
      ev,
      RULE.FLAG_222G,
      `Visa holder on a duration-of-status admission with a formal finding (${d(findingDay)}): VISA_VOID_222G`,
    );
  }
}

/** Unlawful-presence days and bar tier; sets the flags on the evaluation. */
export function unlawfulPresenceAndFlags(
  ctx: PersonContext,
  ev: Evaluation,
  o: Outcome,
): { unlawfulPresenceDays: number; barTier: BarTier } {
  if (o.cls === 'OUT_OF_SCOPE') return { unlawfulPresenceDays: 0, barTier: 'NONE' };
  const findingDay = earliestFinding(ev);
  const up = unlawfulPresence(ctx, ev, o, findingDay);
  const tier = barTier(ctx, ev, up);
  setFlags(ctx, ev, o, findingDay);
  return { unlawfulPresenceDays: up, barTier: tier };
}
