import { parseDay } from './days';
import type { AdmissionFact, DepartureFact } from './types';

export interface DepartureMatches {
  /** For each admission (same order as given): index of its departure in `departures`, or -1. */
  departureOf: number[];
  /** For each admission: matched because the departure carried its admission number. */
  byAdmissionNumber: boolean[];
  /** Parsed departure days, same order as `departures` (NaN when unreadable). */
  departureDays: number[];
}

function orderedUsableDepartures(days: readonly number[], asOfDay: number): number[] {
  const order: number[] = [];
  for (let j = 0; j < days.length; j++) {
    const d = days[j]!;
    if (d <= asOfDay) order.push(j); // NaN (unreadable) and after-AOD departures drop out here
  }
  // Earliest first, so the first departure after an admission is the one that closes it.
  order.sort((a, b) => days[a]! - days[b]! || a - b);
  return order;
}

function closeByNumber(
  admissions: readonly AdmissionFact[],
  admDays: readonly number[],
  departureOf: number[],
  number: string,
  depDay: number,
): number {
  for (let i = 0; i < admissions.length; i++) {
    // `!(a > d)` rather than `a <= d`: an admission with an unreadable date can still be closed
    // by a departure naming it, but a departure before a known admission date never is.
    if (
      departureOf[i] === -1 &&
      admissions[i]!.admissionNumber === number &&
      !(admDays[i]! > depDay)
    ) {
      return i;
    }
  }
  return -1;
}

function mostRecentOpenBefore(
  admissions: readonly AdmissionFact[],
  admDays: readonly number[],
  departureOf: number[],
  departure: DepartureFact,
  depDay: number,
): number {
  let best = -1;
  for (let i = 0; i < admissions.length; i++) {
    const ad = admDays[i]!;
    if (departureOf[i] !== -1 || !(ad <= depDay)) continue;
    if (best === -1 || ad > admDays[best]!) {
      best = i;
    } else if (ad === admDays[best]!) {
      // Same-day admissions: the one on the same travel document wins.
      const samePassport = admissions[i]!.passportNumber === departure.passportNumber;
      if (samePassport) best = i;
    }
  }
  return best;
}

/**
 * Section 2 of the rules. First every departure that names an admission number closes that
 * admission (earliest departure first); then the rest, in date order, each close the most
 * recent still-open admission of the person that began on or before the departure date. The
 * person is already entity-resolved, so the travel document only breaks ties; a passport that
 * differs is reported in the rules text rather than blocking the match.
 */
export function matchDepartures(
  admissions: readonly AdmissionFact[],
  admDays: readonly number[],
  departures: readonly DepartureFact[],
  asOfDay: number,
): DepartureMatches {
  const n = admissions.length;
  const departureOf = new Array<number>(n).fill(-1);
  const byAdmissionNumber = new Array<boolean>(n).fill(false);
  const departureDays = departures.map((d) => parseDay(d.departureDate));
  if (n === 0 || departures.length === 0) return { departureOf, byAdmissionNumber, departureDays };

  const order = orderedUsableDepartures(departureDays, asOfDay);
  const byPerson: number[] = [];
  for (const j of order) {
    const number = departures[j]!.admissionNumber;
    const i = number
      ? closeByNumber(admissions, admDays, departureOf, number, departureDays[j]!)
      : -1;
    if (i === -1) {
      byPerson.push(j);
    } else {
      departureOf[i] = j;
      byAdmissionNumber[i] = true;
    }
  }
  for (const j of byPerson) {
    const i = mostRecentOpenBefore(
      admissions,
      admDays,
      departureOf,
      departures[j]!,
      departureDays[j]!,
    );
    if (i !== -1) departureOf[i] = j;
  }
  return { departureOf, byAdmissionNumber, departureDays };
}
