import { addRule, d, dataError, RULE, type Evaluation } from './evaluation';

/** Sets the AED; an end before the admission date becomes the admission date itself. */
export function setAed(ev: Evaluation, day: number, what: string): void {
  if (day < ev.admDay) {
    ev.aedDay = ev.admDay;
    addRule(
      ev,
      RULE.AED_CLAMPED,
      `${what} ${d(day)} is before the admission date ${d(ev.admDay)}: AED = admission date ${d(ev.admDay)}`,
    );
  } else {
    ev.aedDay = day;
  }
}

/** Fixed-date classes (B1/B2, H, L, O, E, TN, M-1, ...): AED = AUD. */
export function fixedAed(ev: Evaluation): void {
  const label = ev.info.label;
  if (Number.isNaN(ev.audDay)) {
    dataError(
      ev,
      `${label} is a fixed-date class but the admit-until date is ${ev.ds ? 'missing' : 'unreadable'}: no AED can be computed, so no overstay is claimed`,
    );
    return;
  }
  if (ev.audDay < ev.admDay) dataError(ev, `AUD ${d(ev.audDay)} is before the admission date`);
  setAed(ev, ev.audDay, 'AUD');
  addRule(ev, RULE.AED_FIXED, `${label} fixed date: AED = AUD ${d(ev.aedDay)}`);
}
