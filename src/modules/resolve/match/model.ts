import { COMPARISONS, type ComparisonDef } from './comparisons';
import type { Column, RecordStore } from './store';

export const MODEL_VERSION = 1;

export interface ComparisonParams {
  name: string;
  levels: string[];
  /** P(level | match), estimated by EM on blocked pairs. Index 0 (no evidence) unused. */
  m: number[];
  /** P(level | non-match), estimated from random pairs. Index 0 unused. */
  u: number[];
  /** False when the training data never filled this field: it is then skipped. */
  active: boolean;
}

/** Value counts for term-frequency adjustment; values seen once are left out (count 1 implied). */
export interface TfTable {
  /** Non-missing values in the training data. */
  n: number;
  counts: Record<string, number>;
}

/** Probabilities (0–1) of a match. Pairs at or above `match` link; `review` ≤ p < `match` go to review. */
export interface Thresholds {
  match: number;
  review: number;
}

export interface TrainingSession {
  rule: string;
  pairs: number;
  matchShare: number;
  iterations: number;
  converged: boolean;
}

export interface TrainingInfo {
  records: number;
  candidatePairs: number;
  randomPairs: number;
  /** One EM session per blocking rule with enough pairs. */
  sessions: TrainingSession[];
  /** Estimated number of matching pairs in the training data. */
  estimatedMatches: number;
}
/** A trained Fellegi–Sunter model: plain JSON, versioned, safe to store and reload. */
export interface Model {
  version: typeof MODEL_VERSION;
  comparisons: ComparisonParams[];
  /** P(match) for two records drawn at random. */
  prior: number;
  tf: Record<string, TfTable>;
  thresholds: Thresholds;
  training: TrainingInfo;
}

export const DEFAULT_THRESHOLDS: Thresholds = { match: 0.5, review: 0.01 };

/** TF adjustments are bounded so that one very rare value cannot outweigh everything else. */
const TF_MAX_BITS = 10;
/** Bound on one field's weight: keeps a zero-probability level from deciding alone. */
const LEVEL_MAX_BITS = 24;

export function logit2(p: number): number {
  return Math.log2(p / (1 - p));
}

export function probabilityOf(weight: number): number {
  return 1 / (1 + Math.pow(2, -weight));
}

export function levelWeights(p: ComparisonParams): Float64Array {
  const w = new Float64Array(p.m.length);
  for (let l = 1; l < p.m.length; l++) {
    const raw = Math.log2(p.m[l]! / p.u[l]!);
    w[l] = Math.max(-LEVEL_MAX_BITS, Math.min(LEVEL_MAX_BITS, raw));
  }
  return w;
}

/**
 * Members of one household (spouses, children, siblings travelling together) share a family
 * name, an address, a phone, a city and postal code, a citizenship: counted as independent
 * evidence, those outweigh a different given name and a different date of birth. So a pair whose
 * given names and dates of birth are both present and both plainly different (neither a variant,
 * an initial, a sound-alike, a typo nor a transposition) is held HOUSEHOLD_EVIDENCE_BITS below
 * the prior at most, whatever else a household shares agrees: below any review bar, it neither
 * links nor waits in review, and it pulls down the average that two clusters holding it must
 * clear to merge (cluster.ts). It is not by itself a contradiction (the clustering's pair floor,
 * PAIR_EVIDENCE_FLOOR, lies further down): making it one cost the public benchmarks recall
 * (FEBRL 3 0.9994 → 0.9982, fake_1000 F1 0.9537 → 0.9403) for 0.0007 F1 on the synthetic
 * world. What a household does not share lifts the rule: the same SSN (or one digit off) or the
 * same e-mail user name; and a shared identifier still decides (score.ts). Given and family
 * names swapped is not "different": the family name comparison carries it.
 */
export const HOUSEHOLD_EVIDENCE_BITS = 10;
export const HOUSEHOLD_RULE = 'given name and date of birth both different (another member of a household?)';

/** Comparisons a household does not share, and their levels (1..n) that mean the same person's. */
const PERSONAL_AGREEMENT: Readonly<Record<string, number>> = { ssn: 2, email: 2 };

/** Where the household rule's comparisons sit among the active ones, and their levels. */
interface HouseholdRule {
  given: number;
  family: number;
  birth: number;
  givenOther: number;
  birthOther: number;
  swapped: number;
  /** By active comparison: its levels 1..personal[k] lift the rule (0: none do). */
  personal: Uint8Array;
}

const NO_LEVELS = new Uint8Array(0);

interface ActiveComparison {
  index: number;
  def: ComparisonDef;
  params: ComparisonParams;
  weights: Float64Array;
  tfLevel: Uint8Array;
  tfColumn: Column<unknown> | null;
  tfTable: TfTable | null;
  tfCache: number[];
}

/**
 * Scores record pairs of one store with one model. Built once per run: level weights are
 * precomputed and TF adjustments cached per distinct value, so scoring a pair is a few
 * comparator calls and additions.
 */
export class Scorer {
  readonly active: ActiveComparison[];
  readonly priorWeight: number;
  /** The most a pair the household rule holds may weigh. */
  readonly householdBits: number;
  private readonly household: HouseholdRule;
  /** Columns for weightFromRow that compute every level on the fly. */
  private onTheFly: Int32Array | null = null;

  constructor(
    readonly model: Model,
    readonly store: RecordStore,
    defs: readonly ComparisonDef[] = COMPARISONS,
  ) {
    this.priorWeight = logit2(model.prior);
    this.householdBits = this.priorWeight - HOUSEHOLD_EVIDENCE_BITS;
    this.active = [];
    model.comparisons.forEach((params, index) => {
      const def = defs.find((d) => d.name === params.name);
      if (!def || !params.active) return;
      const tfLevel = new Uint8Array(params.m.length);
      for (const l of def.tfLevels) tfLevel[l] = 1;
      this.active.push({
        index,
        def,
        params,
        weights: levelWeights(params),
        tfLevel,
        tfColumn: def.tfColumn ? def.tfColumn(store) : null,
        tfTable: model.tf[def.name] ?? null,
        tfCache: [],
      });
    });
    const at = (name: string) => this.active.findIndex((c) => c.def.name === name);
    const level = (k: number, name: string) =>
      k < 0 ? -1 : this.active[k]!.def.levels.findIndex((l) => l.name === name);
    const given = at('given_name');
    const birth = at('birth_date');
    const family = at('family_name');
    this.household = {
      // Both or neither: the rule needs the two comparisons.
      given: given >= 0 && birth >= 0 ? given : -1,
      birth: given >= 0 && birth >= 0 ? birth : -1,
      family,
      givenOther: level(given, 'other'),
      birthOther: level(birth, 'other'),
      swapped: level(family, 'swapped'),
      personal: Uint8Array.from(this.active, (c) => PERSONAL_AGREEMENT[c.def.name] ?? 0),
    };
  }

  /** The weight, held at householdBits when the household rule applies to these levels. */
  private held(w: number, given: number, family: number, birth: number, personal: boolean): number {
    const h = this.household;
    const applies = h.given >= 0 && given === h.givenOther && birth === h.birthOther && family !== h.swapped && !personal;
    return applies ? Math.min(w, this.householdBits) : w;
  }

  /** Bits added to an agreeing level for the agreed value: + for rare values, − for common. */
  tfAdjustment(c: ActiveComparison, level: number, valueId: number): number {
    if (c.tfLevel[level] !== 1 || c.tfColumn === null || c.tfTable === null || valueId < 0)
      return 0;
    const cached = c.tfCache[valueId];
    if (cached !== undefined) return cached;
    const table = c.tfTable;
    const key = c.tfColumn.dict.keys[valueId]!;
    const freq = Math.max(table.counts[key] ?? 1, 1) / Math.max(table.n, 1);
    const adj = Math.max(-TF_MAX_BITS, Math.min(TF_MAX_BITS, Math.log2(c.params.u[level]! / freq)));
    c.tfCache[valueId] = adj;
    return adj;
  }

  /** Column of each active comparison in a row set (-1: compute the level on the fly). */
  rowColumns(defs: readonly ComparisonDef[]): Int32Array {
    return Int32Array.from(this.active, (c) => defs.findIndex((d) => d.name === c.def.name));
  }

  /** Match weight of records i and j whose levels were already computed (see rows.ts). */
  weightFromRow(
    levels: Uint8Array,
    offset: number,
    columns: Int32Array,
    i: number,
    j: number,
  ): number {
    const h = this.household;
    let w = this.priorWeight;
    let given = 0;
    let family = 0;
    let birth = 0;
    let personal = false;
    for (let k = 0; k < this.active.length; k++) {
      const c = this.active[k]!;
      const col = columns[k]!;
      const l = col >= 0 ? levels[offset + col]! : c.def.level(this.store, i, j);
      if (l === 0) continue;
      if (k === h.given) given = l;
      else if (k === h.birth) birth = l;
      else if (k === h.family) family = l;
      else if (l <= h.personal[k]!) personal = true;
      w += c.weights[l]!;
      if (c.tfLevel[l] === 1) w += this.tfAdjustment(c, l, c.tfColumn!.ids[i]!);
    }
    return this.held(w, given, family, birth, personal);
  }

  /** Match weight in bits (prior included) of records i and j. */
  weight(i: number, j: number): number {
    return this.weightFromRow(NO_LEVELS, 0, (this.onTheFly ??= new Int32Array(this.active.length).fill(-1)), i, j);
  }
}
