import { parseDay } from './days';
import { computeAed } from './aed';
import { classInfo, LPR_CLASS } from './compiled-config';
import { claimForm, claimStateAt, type ClaimForm, type ClaimState } from './claim-facts';
import { addRule, d, dataError, RULE, type Evaluation, type PersonContext } from './evaluation';
import type { ClaimFact } from './types';

// Section 4 of the rules: benefit applications. Decisions are applied in the order the
// claims were received; timeliness is judged against the AED in force at that point, so an
// approved extension makes a later filing timely.

function becomePermanentResident(ev: Evaluation, what: string, on: string): void {
  ev.adjusted = true;
  ev.info = LPR_CLASS;
  ev.ds = true;
  ev.audDay = NaN;
  ev.aedDay = NaN;
  ev.statusEndDay = NaN;
  ev.pendingTimelyDay = NaN;
  ev.aosReceiptDay = NaN;
  ev.h1bPendingExtension = false;
  ev.awaitingChangeOfStatus = false;
  addRule(
    ev,
    RULE.CLAIM_APPROVED_ADJUSTMENT,
    `${what} ${on}: adjusted to permanent residence, so no admit-until date applies`,
  );
}

function approve(
  ctx: PersonContext,
  ev: Evaluation,
  c: ClaimFact,
  form: ClaimForm,
  state: ClaimState,
  what: string,
): void {
  const undated = Number.isNaN(state.decisionDay);
  if (undated)
    dataError(
      ev,
      `${what} is APPROVED without a readable decision date: taken as decided by the AOD`,
    );
  const on = undated ? 'approved' : `approved on ${d(state.decisionDay)}`;
  if (form === 'ADJUSTMENT') return becomePermanentResident(ev, what, on);

  const requested = c.requestedClass ? classInfo(ctx.cc, c.requestedClass) : ev.info;
  const change = requested.code !== '' && requested.code !== ev.info.code;
  if (!change && c.approvedUntilDate === null) {
    dataError(
      ev,
      `${what} ${on} as an extension but gives no approved-until date: the AUD is unchanged`,
    );
    return;
  }
  ev.info = change ? requested : ev.info;
  ev.ds = c.approvedUntilDate === null;
  ev.audDay = parseDay(c.approvedUntilDate);
  ev.sevisLoaded = false;
  ev.awaitingChangeOfStatus = false;
  const until = ev.ds ? 'for duration of status' : `until ${d(ev.audDay)}`;
  if (change) {
    addRule(
      ev,
      RULE.CLAIM_APPROVED_CHANGE,
      `${what} ${on}: change of status to ${ev.info.label} ${until}; re-evaluated under the new class`,
    );
  } else {
    addRule(
      ev,
      RULE.CLAIM_APPROVED_EXTENSION,
      `${what} ${on}: extension ${until} replaces the AUD; re-evaluated`,
    );
  }
  computeAed(ctx, ev);
}

function denied(ev: Evaluation, state: ClaimState, timely: boolean, what: string): void {
  const verb = state.status === 'DENIED' ? 'denied' : 'withdrawn';
  if (!timely) {
    addRule(
      ev,
      RULE.CLAIM_UNTIMELY,
      `${what}, after the AED ${d(ev.aedDay)}, was ${verb}: an untimely filing has no effect`,
    );
    return;
  }
  const decided = state.decisionDay;
  if (Number.isNaN(decided)) {
    dataError(ev, `${what} was ${verb} but the decision date is missing or unreadable: no effect`);
    return;
  }
  if (Number.isNaN(ev.aedDay)) {
    addRule(
      ev,
      RULE.CLAIM_TIMELY_DENIED,
      `${what} was ${verb} on ${d(decided)}; there is no AED to move`,
    );
  } else if (decided > ev.aedDay) {
    const before = ev.aedDay;
    ev.aedDay = decided;
    addRule(
      ev,
      RULE.CLAIM_TIMELY_DENIED,
      `${what}, on or before the AED ${d(before)}, was ${verb} on ${d(decided)}: AED = decision date ${d(decided)}`,
    );
  } else {
    addRule(
      ev,
      RULE.CLAIM_TIMELY_DENIED,
      `${what} was ${verb} on ${d(decided)}, not after the AED ${d(ev.aedDay)}: the AED stands`,
    );
  }
}

function sameEmployerH1bExtension(ctx: PersonContext, ev: Evaluation, c: ClaimFact): boolean {
  if (!ev.info.isH1B || c.sameEmployer !== true) return false;
  return !c.requestedClass || classInfo(ctx.cc, c.requestedClass).isH1B;
}

function pending(
  ctx: PersonContext,
  ev: Evaluation,
  c: ClaimFact,
  form: ClaimForm,
  received: number,
  timely: boolean,
  what: string,
): void {
  if (timely) {
    if (!(ev.pendingTimelyDay <= received)) ev.pendingTimelyDay = received;
    const basis = Number.isNaN(ev.aedDay)
      ? 'with no computable AED, so taken as timely'
      : `on or before the AED ${d(ev.aedDay)}`;
    addRule(ev, RULE.CLAIM_TIMELY_PENDING, `${what}, ${basis}, is pending at the AOD`);
    if (form === 'EXTENSION_OR_CHANGE' && sameEmployerH1bExtension(ctx, ev, c))
      ev.h1bPendingExtension = true;
    return;
  }
  if (form === 'ADJUSTMENT') {
    if (!(ev.aosReceiptDay <= received)) ev.aosReceiptDay = received;
    addRule(
      ev,
      RULE.CLAIM_AOS_AFTER_AED,
      `${what}, after the AED ${d(ev.aedDay)}, is pending: overstay accrual stops at the receipt date`,
    );
    return;
  }
  addRule(
    ev,
    RULE.CLAIM_UNTIMELY,
    `${what}, after the AED ${d(ev.aedDay)}, is pending: an untimely filing has no effect unless approved`,
  );
}

/** Applies a decided claim; returns true when it is still pending at the AOD. */
function applyDecided(
  ctx: PersonContext,
  ev: Evaluation,
  c: ClaimFact,
  form: ClaimForm,
  what: string,
): boolean {
  const state = claimStateAt(c, ctx.asOfDay);
  const timely = Number.isNaN(ev.aedDay) || parseDay(c.receivedDate) <= ev.aedDay;
  switch (state.status) {
    case 'APPROVED':
      approve(ctx, ev, c, form, state, what);
      return false;
    case 'DENIED':
    case 'WITHDRAWN':
      denied(ev, state, timely, what);
      return false;
    case 'PENDING':
      // A decision dated after the AOD is not mentioned: the output must not depend on it.
      return true;
    case 'UNKNOWN':
      dataError(
        ev,
        `${what} has status "${c.status}", which is not PENDING, APPROVED, DENIED or WITHDRAWN: ignored`,
      );
      return false;
  }
}

function describeClaim(c: ClaimFact): string {
  return `${c.formType} ${c.receiptNumber} received ${d(parseDay(c.receivedDate))}`;
}

/**
 * Applies the admission's claims (received on or before the AOD, sorted by receipt). Decided
 * claims go first, in receipt order; claims still pending are then judged against the AED
 * those decisions produced, so an approval can never leave a "late" filing before the AED.
 */
export function applyClaims(ctx: PersonContext, ev: Evaluation): void {
  const claims = ev.evidence.claims;
  let stillPending: ClaimFact[] | null = null;
  for (const c of claims ?? []) {
    if (ev.outOfScope || ev.adjusted) break;
    const form = claimForm(ctx.cc, c);
    if (form === 'OTHER') continue;
    if (ev.info.kind === 'VWP' && form !== 'ADJUSTMENT') {
      addRule(
        ev,
        RULE.CLAIM_NO_EFFECT_VWP,
        `${describeClaim(c)}: a Visa Waiver entrant cannot extend or change status, so it has no effect`,
      );
      continue;
    }
    if (applyDecided(ctx, ev, c, form, describeClaim(c))) (stillPending ??= []).push(c);
  }
  if (stillPending && !ev.outOfScope && !ev.adjusted) {
    for (const c of stillPending) {
      const form = claimForm(ctx.cc, c);
      const received = parseDay(c.receivedDate);
      const timely = Number.isNaN(ev.aedDay) || received <= ev.aedDay;
      pending(ctx, ev, c, form, received, timely, describeClaim(c));
    }
  }
  if (ev.awaitingChangeOfStatus && !ev.outOfScope) {
    dataError(
      ev,
      'SEVIS shows an approved change of status but no approved change is on file: no AED can be computed, so no overstay is claimed',
    );
  }
}
