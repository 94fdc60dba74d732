import type { Day } from './dates';
import type { IdFactory } from './ids';
import type { WorldOutput } from './output';
import type { EmployerPool } from './places';
import type { Rng } from './rng';
import type { Schools } from './schools';

/** Shared state of one generation run. Everything in it is bounded in size. */
export interface World {
  readonly seed: number;
  /** The world's as-of date: nothing is dated after it. */
  readonly aod: Day;
  /** Earliest travel date in the world. */
  readonly start: Day;
  readonly ids: IdFactory;
  readonly out: WorldOutput;
  readonly employers: EmployerPool;
  readonly schools: Schools;
  readonly phones: PhoneBook;
  readonly counters: Counters;
  newPersonId(): string;
}

export interface Counters {
  persons: number;
  scenarios: Map<string, number>;
  classes: Map<string, number>;
  oracleMismatches: number;
  mismatchExamples: string[];
  subpoenas: number;
  /** Terminated F-1 students so far (their termination reasons take turns). */
  terminations: number;
}

/** A bounded reservoir of phone numbers seen lately, for background calls. */
export class PhoneBook {
  private readonly ring: string[] = [];
  private next = 0;

  constructor(private readonly size = 2000) {}

  add(phone: string): void {
    if (this.ring.length < this.size) this.ring.push(phone);
    else this.ring[this.next++ % this.size] = phone;
  }

  sample(rng: Rng): string | null {
    return this.ring.length ? rng.pick(this.ring) : null;
  }
}
