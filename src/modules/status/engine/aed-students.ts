import { nextMonthDayAfter, parseDay } from './days';
import { fixedAed, setAed } from './aed-fixed';
import { claimStateAt, isCapGapPetition } from './claim-facts';
import { addRule, d, dataError, n, RULE, type Evaluation, type PersonContext } from './evaluation';
import { pickSevisRecord, summarizeSevis, type SevisSummary } from './sevis';

// Students and exchange visitors (F, J, M): the SEVIS record as of the AOD decides the end
// of a duration-of-status admission, and a termination can end status inside a fixed one.

function loadSevis(ctx: PersonContext, ev: Evaluation): SevisSummary | null {
  if (ev.sevisLoaded) return ev.sevis;
  ev.sevisLoaded = true;
  ev.sevis = null;
  const wanted = ev.adm.sevisId;
  const pick = pickSevisRecord(ctx.facts.sevisRecords, wanted, ev.info.family, ctx.asOfDay);
  if (!pick) return null;
  if (pick.via === 'VISA_TYPE') {
    if (wanted)
      dataError(ev, `SEVIS ID ${wanted} on the admission is not among the person's SEVIS records`);
    addRule(
      ev,
      RULE.SEVIS_PICK,
      `SEVIS record ${pick.record.sevisId} used: the person's latest ${ev.info.family} record`,
    );
  }
  ev.sevis = summarizeSevis(ctx.cc, pick.record, ctx.asOfDay);
  return ev.sevis;
}

function reasonText(ev: Evaluation, s: SevisSummary): string {
  if (s.terminationReason === null) {
    dataError(
      ev,
      `SEVIS record ${s.sevisId} is TERMINATED without a reason: treated as a status violation`,
    );
    return 'with no reason (a status violation)';
  }
  const known = s.reasonKnown
    ? 'a status violation'
    : 'not a configured reason, so treated as a status violation';
  return `for "${s.terminationReason}" (${known})`;
}

function earlyWithdrawalGrace(ctx: PersonContext, ev: Evaluation): number {
  const g = ctx.cc.config.graceDays;
  if (ev.info.kind === 'F') return g.f1EarlyWithdrawal;
  return ev.info.kind === 'J' ? g.j1EarlyWithdrawal : g.m1;
}

/** Death and change of status end the evaluation of the student class; true when handled. */
function nonViolationEnd(ev: Evaluation, s: SevisSummary): boolean {
  if (s.termination === 'DEATH') {
    ev.outOfScope = true;
    addRule(
      ev,
      RULE.SEVIS_DEATH,
      `SEVIS record ${s.sevisId} terminated on ${d(s.terminationDay)} for Death: OUT_OF_SCOPE`,
    );
    return true;
  }
  if (s.termination === 'CHANGE_OF_STATUS') {
    ev.awaitingChangeOfStatus = true;
    addRule(
      ev,
      RULE.SEVIS_CHANGE_OF_STATUS,
      `SEVIS record ${s.sevisId} terminated on ${d(s.terminationDay)} for Change of Status Approved: evaluated under the new class`,
    );
    return true;
  }
  if (Number.isNaN(s.terminationDay)) {
    dataError(
      ev,
      `SEVIS record ${s.sevisId} is terminated but the termination is undated: no AED can be computed`,
    );
    return true;
  }
  return false;
}

function terminatedDurationOfStatus(ctx: PersonContext, ev: Evaluation, s: SevisSummary): void {
  if (nonViolationEnd(ev, s)) return;
  const term = s.terminationDay;
  const label = `${ev.info.label} D/S`;
  if (s.termination === 'EARLY_WITHDRAWAL') {
    const grace = earlyWithdrawalGrace(ctx, ev);
    setAed(ev, term + grace, 'Termination date plus grace');
    addRule(
      ev,
      RULE.SEVIS_EARLY_WITHDRAWAL,
      `${label}: SEVIS record ${s.sevisId} terminated on ${d(term)} for Authorized Early Withdrawal: AED = ${d(term)} + ${n(grace)} = ${d(term + grace)}`,
    );
    return;
  }
  setAed(ev, term, 'Termination date');
  const what = s.canceledNoShow
    ? `canceled on ${d(term)} although the entry of ${d(ev.admDay)} is recorded, which makes it a No Show termination (a status violation)`
    : `terminated on ${d(term)} ${reasonText(ev, s)}`;
  addRule(
    ev,
    RULE.SEVIS_VIOLATION,
    `${label}: SEVIS record ${s.sevisId} ${what}: AED = termination date ${d(term)}, no grace`,
  );
}

/** Latest cap-gap end from H-1B cap petitions filed while F-1 status or its grace ran. */
function capGapEnd(ctx: PersonContext, ev: Evaluation, graceEnd: number): number {
  const claims = ev.evidence.claims;
  if (!claims) return NaN;
  const { month, day } = ctx.cc.config.capGapEnd;
  let latest = NaN;
  for (const c of claims) {
    if (!isCapGapPetition(ctx.cc, c)) continue;
    const received = parseDay(c.receivedDate);
    const state = claimStateAt(c, ctx.asOfDay);
    const what = `H-1B cap petition ${c.receiptNumber} received ${d(received)}`;
    if (!(received <= graceEnd)) {
      addRule(
        ev,
        RULE.CAP_GAP,
        `${what}, after F-1 status and grace ended (${d(graceEnd)}): no cap-gap`,
      );
      continue;
    }
    let end = NaN;
    if (state.status === 'PENDING') {
      end = nextMonthDayAfter(received, month, day);
      addRule(ev, RULE.CAP_GAP, `${what}, pending: cap-gap extends F-1 status to ${d(end)}`);
    } else if (
      (state.status === 'DENIED' || state.status === 'WITHDRAWN') &&
      !Number.isNaN(state.decisionDay)
    ) {
      end = state.decisionDay;
      addRule(
        ev,
        RULE.CAP_GAP,
        `${what}, ${state.status.toLowerCase()} on ${d(end)}: grace runs from that date`,
      );
    }
    if (!(end <= latest)) latest = end;
  }
  return latest;
}

const END_NAMES = ['program end', 'OPT end', 'STEM OPT end', 'cap-gap end'];

/** The latest known day of a list (NaN when none is known). */
function latestOf(days: readonly number[]): number {
  let latest = NaN;
  for (const day of days)
    if (day > latest || (Number.isNaN(latest) && !Number.isNaN(day))) latest = day;
  return latest;
}

/** F-1 and J-1 admitted for duration of status. */
export function durationOfStatusAed(ctx: PersonContext, ev: Evaluation): void {
  const s = loadSevis(ctx, ev);
  const label = `${ev.info.label} D/S`;
  if (!s) {
    dataError(
      ev,
      `${label}: no SEVIS record dated on or before the AOD, so no AED can be computed`,
    );
    return;
  }
  if (s.termination) return terminatedDurationOfStatus(ctx, ev, s);
  const isF = ev.info.kind === 'F';
  const grace = isF ? ctx.cc.config.graceDays.f1 : ctx.cc.config.graceDays.j1;
  // Candidate ends, in the order the rules list them (NaN where the record has none).
  const ends = [s.programEndDay, NaN, NaN, NaN];
  if (isF) {
    ends[1] = s.postCompletionOptEndDay;
    ends[2] = s.stemOptEndDay;
    ends[3] = capGapEnd(ctx, ev, latestOf(ends) + grace);
  }
  const end = latestOf(ends);
  const parts: string[] = [];
  for (let i = 0; i < ends.length; i++)
    if (!Number.isNaN(ends[i]!)) parts.push(`${END_NAMES[i]} ${d(ends[i]!)}`);
  if (Number.isNaN(end)) {
    dataError(
      ev,
      `${label}: SEVIS record ${s.sevisId} gives no program end, so no AED can be computed`,
    );
    return;
  }
  setAed(ev, end + grace, 'Program end plus grace');
  const basis = parts.length > 1 ? `latest of ${parts.join(', ')} = ${d(end)}` : parts[0]!;
  addRule(
    ev,
    isF ? RULE.AED_F1 : RULE.AED_J1,
    `${label}: AED = ${basis} + ${n(grace)} grace = ${d(end + grace)}`,
  );
}

function deriveM1Aud(ctx: PersonContext, ev: Evaluation): void {
  const s = loadSevis(ctx, ev);
  if (!s || Number.isNaN(s.programEndDay)) return;
  const offset = ctx.cc.config.m1DerivedAdmitUntilOffsetDays;
  ev.audDay = s.programEndDay + offset;
  dataError(
    ev,
    `M-1 admission without a readable admit-until date: AUD derived as SEVIS program end ${d(s.programEndDay)} + ${n(offset)} = ${d(ev.audDay)}`,
  );
  addRule(ev, RULE.AED_M1_DERIVED, `M-1: AUD derived from the SEVIS program end`);
}

/** M-1, and F or J admitted with an AUD: AED = AUD; a termination can end status earlier. */
export function fixedStudentAed(ctx: PersonContext, ev: Evaluation): void {
  if (Number.isNaN(ev.audDay) && ev.info.kind === 'M') deriveM1Aud(ctx, ev);
  fixedAed(ev);
  if (Number.isNaN(ev.aedDay)) return;
  const s = loadSevis(ctx, ev);
  if (!s?.termination || nonViolationEnd(ev, s)) return;
  const term = s.terminationDay;
  const grace = s.termination === 'VIOLATION' ? 0 : earlyWithdrawalGrace(ctx, ev);
  let statusEnd = Math.min(term + grace, ev.audDay);
  if (statusEnd < ev.admDay) statusEnd = ev.admDay;
  const why = s.canceledNoShow
    ? 'as a No Show (record canceled after a recorded entry)'
    : reasonText(ev, s);
  const formula = `min(${d(term)} + ${n(grace)}, AUD ${d(ev.audDay)}) = ${d(statusEnd)}`;
  if (statusEnd >= ev.audDay) {
    addRule(
      ev,
      RULE.STATUS_END,
      `SEVIS record ${s.sevisId} terminated on ${d(term)} ${why}: status end = ${formula}, so the AUD still governs`,
    );
    return;
  }
  ev.statusEndDay = statusEnd;
  addRule(
    ev,
    RULE.STATUS_END,
    `${ev.info.label}: SEVIS record ${s.sevisId} terminated on ${d(term)} ${why}: status end = ${formula}`,
  );
}
