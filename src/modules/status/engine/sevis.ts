import { parseDay } from './days';
import { normalizeCode, type CompiledConfig, type TerminationKind } from './compiled-config';
import type { SevisEventFact, SevisRecordFact } from './types';

/** A SEVIS record's state as of the AOD, read from its history rows. */
export interface SevisSummary {
  sevisId: string;
  /** Upper case: INITIAL, ACTIVE, COMPLETED, TERMINATED, CANCELED, DEACTIVATED. */
  status: string;
  statusDay: number;
  termination: TerminationKind | null;
  /** As recorded (for the rules text); null when the row gives none. */
  terminationReason: string | null;
  /** False when the reason is missing or not in the configured lists. */
  reasonKnown: boolean;
  /** Canceled record of someone whose entry is recorded: a no-show termination. */
  canceledNoShow: boolean;
  terminationDay: number;
  programEndDay: number;
  postCompletionOptEndDay: number;
  stemOptEndDay: number;
}

function eventDay(e: SevisEventFact): number {
  const d = parseDay(e.statusDate);
  // Undated rows sort before every dated one: they can only be the latest if nothing is dated.
  return Number.isNaN(d) ? -Infinity : d;
}

function terminationOf(cc: CompiledConfig, s: SevisSummary, e: SevisEventFact): void {
  if (s.status === 'CANCELED' || s.status === 'CANCELLED') {
    // The summary is only read for a person whose entry is recorded, so per the rules this
    // is a no-show termination, not a cancellation.
    s.termination = 'VIOLATION';
    s.canceledNoShow = true;
    s.reasonKnown = true;
  } else if (s.status === 'TERMINATED') {
    const reason = e.terminationReason?.trim() ?? '';
    const kind = reason ? cc.terminationReasons.get(reason.toLowerCase()) : undefined;
    s.termination = kind ?? 'VIOLATION';
    s.terminationReason = reason || null;
    s.reasonKnown = kind !== undefined;
  } else {
    return;
  }
  s.terminationDay = s.statusDay;
}

/** Latest history row on or before the AOD gives the status; later rows are ignored. */
export function summarizeSevis(
  cc: CompiledConfig,
  record: SevisRecordFact,
  asOfDay: number,
): SevisSummary | null {
  let latest = -1;
  let latestDay = -Infinity;
  let programDay = -Infinity;
  let postDay = -Infinity;
  let stemDay = -Infinity;
  const s: SevisSummary = {
    sevisId: record.sevisId,
    status: '',
    statusDay: NaN,
    termination: null,
    terminationReason: null,
    reasonKnown: true,
    canceledNoShow: false,
    terminationDay: NaN,
    programEndDay: NaN,
    postCompletionOptEndDay: NaN,
    stemOptEndDay: NaN,
  };
  const events = record.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const d = eventDay(e);
    if (d > asOfDay) continue;
    // `>=`: of rows with the same date, the later row in the history wins.
    if (d >= latestDay) {
      latest = i;
      latestDay = d;
    }
    if (e.programEndDate && d >= programDay) {
      programDay = d;
      s.programEndDay = parseDay(e.programEndDate);
    }
    if (e.optType && e.optEndDate) {
      const type = normalizeCode(e.optType);
      if (type === 'POSTCOMPLETION' && d >= postDay) {
        postDay = d;
        s.postCompletionOptEndDay = parseDay(e.optEndDate);
      } else if (type === 'STEM' && d >= stemDay) {
        stemDay = d;
        s.stemOptEndDay = parseDay(e.optEndDate);
      }
    }
  }
  if (latest === -1) return null;
  const last = events[latest]!;
  s.status = normalizeCode(last.status);
  s.statusDay = Number.isFinite(latestDay) ? latestDay : NaN;
  terminationOf(cc, s, last);
  if (Number.isNaN(s.programEndDay) && s.status === 'COMPLETED') s.programEndDay = s.statusDay;
  return s;
}

function visaFamily(visaType: string | null): string {
  if (!visaType) return '';
  const code = normalizeCode(visaType);
  return code.length > 0 ? code[0]! : '';
}

function latestDayOf(record: SevisRecordFact, asOfDay: number): number {
  let best = -Infinity;
  for (const e of record.events) {
    const d = eventDay(e);
    if (d <= asOfDay && d > best) best = d;
  }
  return best;
}

export interface SevisPick {
  record: SevisRecordFact;
  /** How it was found: the admission's SEVIS ID, or (no usable ID) the student visa type. */
  via: 'SEVIS_ID' | 'VISA_TYPE';
}

/**
 * The admission's own SEVIS record, or else the person's most recently updated record of the
 * same student family (F, J or M): after a change of status the admission carries no SEVIS ID.
 */
export function pickSevisRecord(
  records: readonly SevisRecordFact[],
  sevisId: string | null,
  family: string,
  asOfDay: number,
): SevisPick | null {
  if (sevisId) {
    for (const r of records) if (r.sevisId === sevisId) return { record: r, via: 'SEVIS_ID' };
  }
  let best: SevisRecordFact | null = null;
  let bestDay = -Infinity;
  for (const r of records) {
    if (!r.events.some((e) => visaFamily(e.visaType) === family)) continue;
    const d = latestDayOf(r, asOfDay);
    if (best === null || d > bestDay) {
      best = r;
      bestDay = d;
    }
  }
  return best ? { record: best, via: 'VISA_TYPE' } : null;
}

/**
 * SEVIS terminations for cause (a configured violation reason) dated on or before the AOD,
 * across all of a person's records and history rows; a reinstatement does not erase one.
 */
export function countTerminationsForCause(
  cc: CompiledConfig,
  records: readonly SevisRecordFact[],
  asOfDay: number,
): number {
  let count = 0;
  for (const r of records) {
    const seen = new Set<number>();
    for (const e of r.events) {
      if (normalizeCode(e.status) !== 'TERMINATED' || !e.terminationReason) continue;
      const day = parseDay(e.statusDate);
      if (day > asOfDay || seen.has(day)) continue;
      if (cc.terminationReasons.get(e.terminationReason.trim().toLowerCase()) !== 'VIOLATION')
        continue;
      seen.add(day);
      count++;
    }
  }
  return count;
}
