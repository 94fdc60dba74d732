import { formatTimestamp, yearOf, type Day } from './dates';
import { METROS } from './geo';
import type { Rng } from './rng';
import type { World } from './world';

// Call detail records obtained by subpoena or court order. Every row carries the legal
// process reference; the ingest refuses a file in which any row lacks one.

const CARRIERS = [
  'EASTLINE WIRELESS',
  'PINNACLE CELLULAR',
  'BLUEWAVE TELECOM',
  'LIBERTY MOBILE CO',
];

export interface Target {
  phone: string;
  personId: string;
}

interface Call {
  t: number; // seconds since epoch day 0 of the window, for sorting
  day: Day;
  seconds: number;
  from: string;
  to: string;
}

export function nextLegalProcessRef(world: World, rng: Rng): string {
  world.counters.subpoenas++;
  const kind = rng.chance(0.8) ? 'SUBPOENA' : 'COURT-ORDER';
  return `${kind}-${yearOf(world.aod)}-${String(world.counters.subpoenas).padStart(4, '0')}`;
}

function cellSite(rng: Rng, phone: string): string {
  const area = phone.slice(2, 5);
  const metro = METROS.find((m) => m.areaCodes.includes(area)) ?? rng.pick(METROS);
  return `${metro.code}-${rng.int(100, 999)}-${rng.pick(['A', 'B', 'C'])}`;
}

/**
 * Toll records of `targets` over the window: calls among the targets (a ring calls itself
 * often) and to or from `contacts` (family, employers, anyone). Returns the number of rows.
 */
export function emitCalls(
  world: World,
  rng: Rng,
  ref: string,
  targets: readonly Target[],
  contacts: readonly string[],
  window: [Day, Day],
  ringCalls: [number, number],
): number {
  const calls: Call[] = [];
  const add = (from: string, to: string) => {
    const day = rng.int(window[0], window[1]);
    const seconds = rng.int(7 * 3600, 23 * 3600);
    calls.push({ t: day * 86400 + seconds, day, seconds, from, to });
  };
  for (const a of targets) {
    for (const b of targets) {
      if (a === b) continue;
      const n = rng.int(ringCalls[0], ringCalls[1]);
      for (let i = 0; i < n; i++) add(a.phone, b.phone);
    }
    const outside = rng.int(4, 16);
    for (let i = 0; i < outside; i++) {
      const other =
        contacts.length && rng.chance(0.6)
          ? rng.pick(contacts)
          : (world.phones.sample(rng) ?? world.ids.usPhone(rng.pick(METROS).areaCodes));
      if (other === a.phone) continue;
      if (rng.chance(0.5)) add(a.phone, other);
      else add(other, a.phone);
    }
  }
  calls.sort((x, y) => x.t - y.t);
  const carrier = rng.pick(CARRIERS);
  for (const c of calls) {
    const sms = rng.chance(0.3);
    world.out.emit(
      'cdr',
      {
        legal_process_ref: ref,
        calling_number: c.from,
        called_number: c.to,
        start_time: formatTimestamp(c.day, c.seconds),
        duration_seconds: sms ? '0' : String(rng.int(5, 1800)),
        call_type: sms ? 'SMS' : 'VOICE',
        carrier,
        cell_site: cellSite(rng, c.from),
      },
      [],
    );
  }
  return calls.length;
}
