import { addYears, parseDay } from './days';
import { computeAed } from './aed';
import { applyClaims } from './claims';
import { finishAssessment } from './classify';
import { classInfo, compileConfig } from './compiled-config';
import {
  addRule,
  dataError,
  RULE,
  type AdmissionEvidence,
  type Evaluation,
  type PersonContext,
} from './evaluation';
import { attachEvidence } from './evidence';
import { matchDepartures, type DepartureMatches } from './match-departures';
import { DEFAULT_STATUS_CONFIG, type StatusConfig } from './status-config';
import type { AdmissionFact, Assessment, PersonFacts } from './types';

interface Stays {
  admissions: readonly AdmissionFact[];
  admDays: number[];
  matches: DepartureMatches;
  evidence: AdmissionEvidence[];
}

/** Admissions that exist at the AOD (an unreadable date is kept, and flagged later). */
function admissionsAsOf(
  all: readonly AdmissionFact[],
  asOfDay: number,
): { admissions: readonly AdmissionFact[]; admDays: number[] } {
  const days = all.map((a) => parseDay(a.admissionDate));
  if (!days.some((day) => day > asOfDay)) return { admissions: all, admDays: days };
  const admissions: AdmissionFact[] = [];
  const admDays: number[] = [];
  for (let i = 0; i < all.length; i++) {
    if (days[i]! > asOfDay) continue;
    admissions.push(all[i]!);
    admDays.push(days[i]!);
  }
  return { admissions, admDays };
}

function laterAdmission(admDays: readonly number[], i: number): number {
  const own = admDays[i]!;
  let later = NaN;
  for (const day of admDays) if (day > own && !(later <= day)) later = day;
  return later;
}

function describeDeparture(ev: Evaluation, byNumber: boolean): void {
  const dep = ev.departure!;
  if (byNumber) {
    addRule(
      ev,
      RULE.MATCH_ADMISSION_NUMBER,
      `Departure ${dep.recordId} on ${dep.departureDate} carries this admission number`,
    );
    return;
  }
  const other =
    dep.passportNumber && ev.adm.passportNumber && dep.passportNumber !== ev.adm.passportNumber;
  const passport = other
    ? ` (departure passport ${dep.passportNumber} differs from ${ev.adm.passportNumber})`
    : '';
  addRule(
    ev,
    RULE.MATCH_PERSON,
    `Departure ${dep.recordId} on ${dep.departureDate} closes the most recent open admission of this person${passport}`,
  );
}

function newEvaluation(ctx: PersonContext, stays: Stays, i: number): Evaluation {
  const adm = stays.admissions[i]!;
  const info = classInfo(ctx.cc, adm.classOfAdmission);
  const j = stays.matches.departureOf[i]!;
  return {
    adm,
    admDay: stays.admDays[i]!,
    original: info,
    info,
    audDay: parseDay(adm.admitUntilDate),
    ds: !adm.admitUntilDate,
    aedDay: NaN,
    statusEndDay: NaN,
    departure: j === -1 ? null : ctx.facts.departures[j]!,
    departureDay: j === -1 ? NaN : stays.matches.departureDays[j]!,
    evidence: stays.evidence[i]!,
    sevis: null,
    sevisLoaded: false,
    outOfScope: false,
    adjusted: false,
    awaitingChangeOfStatus: false,
    pendingTimelyDay: NaN,
    aosReceiptDay: NaN,
    h1bPendingExtension: false,
    laterAdmissionDay: j === -1 ? laterAdmission(stays.admDays, i) : NaN,
    flags: 0,
    rules: [],
  };
}

function assessAdmission(ctx: PersonContext, stays: Stays, i: number): Assessment {
  const ev = newEvaluation(ctx, stays, i);
  if (ev.info.code === '')
    dataError(ev, `Class of admission "${ev.adm.classOfAdmission}" is empty or unreadable`);
  if (Number.isNaN(ev.admDay))
    dataError(ev, `Admission date "${ev.adm.admissionDate}" is unreadable`);
  if (ev.departure) describeDeparture(ev, stays.matches.byAdmissionNumber[i]!);
  const originalAudDay = ev.audDay;
  computeAed(ctx, ev);
  if (!ev.outOfScope) applyClaims(ctx, ev);
  return finishAssessment(ctx, ev, originalAudDay);
}

/**
 * Assesses every admission of one person as of `asOf` (`YYYY-MM-DD`): one assessment per
 * admission dated on or before the AOD, in input order. Records dated after the AOD are
 * ignored, so a run is reproducible for a given AOD. Pure: no I/O, no clock, no time zone.
 */
export function assessPerson(
  facts: PersonFacts,
  asOf: string,
  config: StatusConfig = DEFAULT_STATUS_CONFIG,
): Assessment[] {
  const asOfDay = parseDay(asOf);
  if (Number.isNaN(asOfDay)) throw new RangeError(`as-of date must be YYYY-MM-DD, got ${asOf}`);
  const cc = compileConfig(config);
  const birthDay = parseDay(facts.birthDate);
  const ctx: PersonContext = {
    cc,
    facts,
    asOf,
    asOfDay,
    adultFromDay: Number.isNaN(birthDay)
      ? NaN
      : addYears(birthDay, config.unlawfulPresence.minimumAgeYears),
  };
  const { admissions, admDays } = admissionsAsOf(facts.admissions, asOfDay);
  const matches = matchDepartures(admissions, admDays, facts.departures, asOfDay);
  const evidence = attachEvidence(facts, admissions, admDays, matches, asOfDay);
  const stays: Stays = { admissions, admDays, matches, evidence };
  const out = new Array<Assessment>(admissions.length);
  for (let i = 0; i < admissions.length; i++) out[i] = assessAdmission(ctx, stays, i);
  return out;
}
