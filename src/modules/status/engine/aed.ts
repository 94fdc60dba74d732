import { parseDay } from './days';
import { fixedAed, setAed } from './aed-fixed';
import { durationOfStatusAed, fixedStudentAed } from './aed-students';
import { addRule, d, dataError, n, RULE, type Evaluation, type PersonContext } from './evaluation';

// Section 3 of the rules: the authorized end date (AED) of one admission under its current
// class and admit-until date. Called again after an approved extension or change of status.

function addSatisfactoryDeparture(ctx: PersonContext, ev: Evaluation): void {
  const grants = ev.evidence.grants;
  if (!grants || Number.isNaN(ev.aedDay)) return;
  let total = 0;
  for (const g of grants) total += Math.max(0, Math.trunc(g.days));
  const max = ctx.cc.config.visaWaiver.satisfactoryDepartureMaxDays;
  const added = Math.min(total, max);
  if (added <= 0) return;
  const before = ev.aedDay;
  ev.aedDay += added;
  const limited = total > max ? ` (limited to ${max})` : '';
  addRule(
    ev,
    RULE.SATISFACTORY_DEPARTURE,
    `Satisfactory departure granted for ${n(total)}${limited}: AED = ${d(before)} + ${n(added)} = ${d(ev.aedDay)}`,
  );
}

/** Visa Waiver (WT, WB): AUD capped at the 90-day period; derived when missing. */
function visaWaiverAed(ctx: PersonContext, ev: Evaluation): void {
  const vw = ctx.cc.config.visaWaiver;
  const lastOfPeriod = ev.admDay + vw.capDays - 1;
  if (Number.isNaN(ev.audDay)) {
    const derived = ev.admDay + vw.derivedAdmitUntilOffsetDays;
    dataError(
      ev,
      `Visa Waiver admission with a ${ev.ds ? 'missing' : 'unreadable'} admit-until date: AUD derived as AD ${d(ev.admDay)} + ${n(vw.derivedAdmitUntilOffsetDays)} = ${d(derived)}`,
    );
    if (Number.isNaN(derived)) return;
    ev.aedDay = derived;
    addRule(ev, RULE.AED_VWP_DERIVED, `Visa Waiver: AED = derived AUD ${d(derived)}`);
  } else if (ev.audDay > lastOfPeriod) {
    dataError(
      ev,
      `Visa Waiver AUD ${d(ev.audDay)} is beyond the ${vw.capDays}-day admission period (${d(ev.admDay)} to ${d(lastOfPeriod)})`,
    );
    ev.aedDay = lastOfPeriod;
    addRule(
      ev,
      RULE.AED_VWP_CAPPED,
      `Visa Waiver: AED = AUD capped at ${vw.capDays} days = AD ${d(ev.admDay)} + ${n(vw.capDays - 1)} = ${d(lastOfPeriod)}`,
    );
  } else {
    if (ev.audDay < ev.admDay) dataError(ev, `AUD ${d(ev.audDay)} is before the admission date`);
    setAed(ev, ev.audDay, 'AUD');
    addRule(
      ev,
      RULE.AED_VWP,
      `Visa Waiver: AED = AUD ${d(ev.aedDay)} (within the ${vw.capDays}-day period ending ${d(lastOfPeriod)})`,
    );
  }
  addSatisfactoryDeparture(ctx, ev);
}

/** A worker whose employment ended keeps status for the grace period, never past the AUD. */
function workerStatusEnd(ctx: PersonContext, ev: Evaluation): void {
  const ends = ev.evidence.employmentEnds;
  if (!ends || Number.isNaN(ev.aedDay)) return;
  let ended = NaN;
  for (const e of ends) {
    const day = parseDay(e.endDate);
    if (!(day >= ev.admDay) || !(day < ev.audDay)) continue;
    if (Number.isNaN(ended) || day < ended) ended = day;
  }
  if (Number.isNaN(ended)) return;
  const grace = ctx.cc.config.graceDays.worker;
  const statusEnd = Math.min(ended + grace, ev.audDay);
  const formula = `min(${d(ended)} + ${n(grace)} grace, AUD ${d(ev.audDay)}) = ${d(statusEnd)}`;
  if (statusEnd >= ev.audDay) {
    addRule(
      ev,
      RULE.STATUS_END,
      `${ev.info.label} employment ended ${d(ended)}: status end = ${formula}, so the AUD still governs`,
    );
    return;
  }
  ev.statusEndDay = statusEnd;
  addRule(
    ev,
    RULE.STATUS_END,
    `${ev.info.label} employment ended ${d(ended)}: status end = ${formula}`,
  );
}

export function computeAed(ctx: PersonContext, ev: Evaluation): void {
  ev.aedDay = NaN;
  ev.statusEndDay = NaN;
  switch (ev.info.kind) {
    case 'OUT_OF_SCOPE': {
      const list = ctx.cc.config.outOfScopeClassPrefixes.join(', ');
      ev.outOfScope = true;
      addRule(
        ev,
        RULE.OUT_OF_SCOPE_CLASS,
        `Class ${ev.info.label} is in the out-of-scope list (${list}): OUT_OF_SCOPE`,
      );
      return;
    }
    case 'LPR':
      return;
    case 'VWP':
      return visaWaiverAed(ctx, ev);
    case 'F':
    case 'J':
      return ev.ds ? durationOfStatusAed(ctx, ev) : fixedStudentAed(ctx, ev);
    case 'M':
      return fixedStudentAed(ctx, ev);
    case 'WORKER':
      fixedAed(ev);
      return workerStatusEnd(ctx, ev);
    case 'FIXED':
      return fixedAed(ev);
  }
}
