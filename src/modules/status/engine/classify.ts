import { formatDayOrNull } from './days';
import { hasUpper } from './compiled-config';
import {
  addRule,
  d,
  flagArray,
  FLAG_DATA_ERROR,
  n,
  RULE,
  type Evaluation,
  type PersonContext,
} from './evaluation';
import type { Assessment, AssessmentClass } from './types';
import { unlawfulPresenceAndFlags } from './unlawful-presence';

// Section 5 of the rules: the class and overstay days of one evaluated admission, then the
// assembled result (section 6 lives in unlawful-presence.ts).

export interface Outcome {
  cls: AssessmentClass;
  overstayDays: number;
  /** Last day of the stay counted for unlawful presence (DD, AOD or I-485 receipt). */
  accrualEndDay: number;
}

function departed(ev: Evaluation): Outcome {
  const dd = ev.departureDay;
  if (ev.pendingTimelyDay <= dd && dd > ev.aedDay) {
    addRule(
      ev,
      RULE.CLAIM_PENDING_AT_DEPARTURE,
      `Departed ${d(dd)} while a timely claim received ${d(ev.pendingTimelyDay)} was pending: authorized stay ran to the departure, AED = ${d(dd)}`,
    );
    ev.aedDay = dd;
  }
  const aed = ev.aedDay;
  if (Number.isNaN(aed)) {
    addRule(
      ev,
      RULE.CLASSIFIED,
      `Departed ${d(dd)}; no AED could be computed, so no overstay is claimed: COMPLIANT_DEPARTURE`,
    );
    return { cls: 'COMPLIANT_DEPARTURE', overstayDays: 0, accrualEndDay: dd };
  }
  if (dd <= aed) {
    addRule(
      ev,
      RULE.CLASSIFIED,
      `Departed ${d(dd)}, on or before the AED ${d(aed)}: COMPLIANT_DEPARTURE`,
    );
    return { cls: 'COMPLIANT_DEPARTURE', overstayDays: 0, accrualEndDay: dd };
  }
  const days = dd - aed;
  addRule(
    ev,
    RULE.CLASSIFIED,
    `Departed ${d(dd)}, after the AED ${d(aed)}: OUT_OF_COUNTRY_OVERSTAY, overstay = ${d(dd)} - ${d(aed)} = ${n(days)}`,
  );
  return { cls: 'OUT_OF_COUNTRY_OVERSTAY', overstayDays: days, accrualEndDay: dd };
}

function isIndeterminateLand(ctx: PersonContext, ev: Evaluation): boolean {
  const mode = ev.adm.mode;
  if (!mode || (mode !== ctx.cc.landMode && mode.trim().toLowerCase() !== ctx.cc.landMode))
    return false;
  return hasUpper(ctx.cc.landCountries, ev.adm.citizenshipCountry);
}

function noDeparture(ctx: PersonContext, ev: Evaluation): Outcome {
  const aod = ctx.asOfDay;
  const aed = ev.aedDay;
  const none: Outcome = { cls: 'IN_STATUS', overstayDays: 0, accrualEndDay: aod };
  if (isIndeterminateLand(ctx, ev)) {
    addRule(
      ev,
      RULE.INDETERMINATE_LAND,
      `Admitted at a land port as a ${ev.adm.citizenshipCountry} citizen with no matched departure: INDETERMINATE_LAND (land departures are largely not captured)`,
    );
    none.cls = 'INDETERMINATE_LAND';
  } else if (!Number.isNaN(ev.pendingTimelyDay)) {
    addRule(
      ev,
      RULE.CLASSIFIED,
      `No departure; a timely claim received ${d(ev.pendingTimelyDay)} is pending at the AOD: PENDING_BENEFIT`,
    );
    none.cls = 'PENDING_BENEFIT';
  } else if (!Number.isNaN(ev.aosReceiptDay)) {
    const days = ev.aosReceiptDay - aed;
    addRule(
      ev,
      RULE.CLASSIFIED,
      `No departure; I-485 received ${d(ev.aosReceiptDay)} after the AED ${d(aed)} is pending: OVERSTAY_ACCRUAL_STOPPED_AOS, overstay = ${d(ev.aosReceiptDay)} - ${d(aed)} = ${n(days)}`,
    );
    return {
      cls: 'OVERSTAY_ACCRUAL_STOPPED_AOS',
      overstayDays: days,
      accrualEndDay: ev.aosReceiptDay,
    };
  } else if (Number.isNaN(aed)) {
    addRule(
      ev,
      RULE.CLASSIFIED,
      `No departure and no computable AED, so no overstay is claimed: IN_STATUS`,
    );
  } else if (aod <= aed) {
    if (ev.statusEndDay < aod) {
      addRule(
        ev,
        RULE.CLASSIFIED,
        `No departure; status ended ${d(ev.statusEndDay)} but the AUD ${d(aed)} has not passed at the AOD ${ctx.asOf}: STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD (overstay 0 until the AUD passes)`,
      );
      none.cls = 'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD';
    } else {
      addRule(
        ev,
        RULE.CLASSIFIED,
        `No departure and the AOD ${ctx.asOf} is on or before the AED ${d(aed)}: IN_STATUS`,
      );
    }
  } else {
    const days = aod - aed;
    addRule(
      ev,
      RULE.CLASSIFIED,
      `No departure and the AOD ${ctx.asOf} is after the AED ${d(aed)}: SUSPECTED_IN_COUNTRY_OVERSTAY, overstay = ${n(days)}`,
    );
    return { cls: 'SUSPECTED_IN_COUNTRY_OVERSTAY', overstayDays: days, accrualEndDay: aod };
  }
  return none;
}

function outcomeOf(ctx: PersonContext, ev: Evaluation): Outcome {
  if (ev.outOfScope) return { cls: 'OUT_OF_SCOPE', overstayDays: 0, accrualEndDay: NaN };
  const o = ev.departure ? departed(ev) : noDeparture(ctx, ev);
  if (
    !Number.isNaN(ev.laterAdmissionDay) &&
    (o.cls === 'SUSPECTED_IN_COUNTRY_OVERSTAY' || o.cls === 'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD')
  ) {
    ev.flags |= FLAG_DATA_ERROR;
    addRule(
      ev,
      RULE.LATER_ADMISSION,
      `The person was admitted again on ${d(ev.laterAdmissionDay)}, so a departure after this admission was not recorded: the in-country finding is doubtful`,
    );
  }
  return o;
}

export function finishAssessment(
  ctx: PersonContext,
  ev: Evaluation,
  originalAudDay: number,
): Assessment {
  const o = outcomeOf(ctx, ev);
  const { unlawfulPresenceDays: up, barTier: tier } = unlawfulPresenceAndFlags(ctx, ev, o);
  const adm = ev.adm;
  // Reuse the input string when the date is unchanged: most admissions allocate no new date.
  const audText = ev.ds
    ? null
    : ev.audDay === originalAudDay
      ? adm.admitUntilDate
      : formatDayOrNull(ev.audDay);
  // Out of scope means no end date is claimed, whatever was computed before scope was known.
  const scoped = o.cls !== 'OUT_OF_SCOPE';
  return {
    admissionNumber: adm.admissionNumber,
    entityId: ctx.facts.entityId,
    class: o.cls,
    classOfAdmission: ev.original.code,
    evaluatedClass: ev.info.code,
    citizenshipCountry: adm.citizenshipCountry,
    admissionDate: adm.admissionDate,
    admitUntilDate: audText,
    aed: !scoped
      ? null
      : ev.aedDay === ev.audDay && audText !== null
        ? audText
        : formatDayOrNull(ev.aedDay),
    statusEndDate: scoped ? formatDayOrNull(ev.statusEndDay) : null,
    departureDate: ev.departure ? ev.departure.departureDate : null,
    departureRecordId: ev.departure ? ev.departure.recordId : null,
    overstayDays: o.overstayDays,
    unlawfulPresenceDays: up,
    barTier: tier,
    flags: flagArray(ev.flags),
    rules: ev.rules,
    asOf: ctx.asOf,
    configVersion: ctx.cc.config.version,
  };
}
