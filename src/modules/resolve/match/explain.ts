import { identifierEvidence, PROVEN_BITS } from './deterministic';
import { HOUSEHOLD_RULE, probabilityOf, Scorer, type Model } from './model';
import { RecordStore } from './store';
import type { FieldContribution, MatchRecord, PairExplanation } from './types';

const NAME_FIELDS = new Set(['given_name', 'family_name', 'middle_name']);

function rarity(field: string, tf: number): string {
  const noun = NAME_FIELDS.has(field) ? 'name' : 'value';
  if (tf >= 1) return `, rare ${noun}`;
  if (tf <= -1) return `, common ${noun}`;
  return '';
}

function signed(w: number): string {
  const r = Math.round(w * 10) / 10;
  return r > 0 ? `+${r.toFixed(1)}` : r === 0 ? '0.0' : r.toFixed(1);
}

/** Per-field contributions of records i and j of a store, in comparison order. */
export function contributions(scorer: Scorer, i: number, j: number): FieldContribution[] {
  const out: FieldContribution[] = [];
  for (const c of scorer.active) {
    const level = c.def.level(scorer.store, i, j);
    const info = c.def.levels[level]!;
    if (level === 0) {
      out.push({
        field: c.def.name,
        level: info.name,
        text: `${c.def.label}: no evidence (missing), 0.0`,
        weight: 0,
      });
      continue;
    }
    const tf = c.tfLevel[level] === 1 ? scorer.tfAdjustment(c, level, c.tfColumn!.ids[i]!) : 0;
    const w = c.weights[level]! + tf;
    const measured = /^(jw_|high|mid)/.test(info.name) ? c.def.detail?.(scorer.store, i, j) : '';
    const what = measured ? measured : info.label;
    out.push({
      field: c.def.name,
      level: info.name,
      text: `${c.def.label}: ${what}${rarity(c.def.name, tf)}, ${signed(w)}`,
      weight: w,
    });
  }
  return out;
}

/**
 * Why two records do or do not match, field by field, readable by an analyst:
 * "surname: Jaro–Winkler 0.94, +6.1". Weights are bits; they add up to the total with the prior.
 */
export function explainPair(model: Model, a: MatchRecord, b: MatchRecord): PairExplanation {
  const store = new RecordStore();
  store.add([a, b]);
  const scorer = new Scorer(model, store);
  const parts = contributions(scorer, 0, 1);
  const evidence = identifierEvidence(store, 0, 1);
  let weight = scorer.priorWeight + parts.reduce((s, c) => s + c.weight, 0);
  // The scorer holds a household pair at exactly householdBits (see Scorer).
  const held = weight > scorer.householdBits && scorer.weight(0, 1) === scorer.householdBits;
  if (held) weight = scorer.householdBits;
  const deterministic = evidence.proving.map((p) => `same ${p}`);
  if (deterministic.length > 0 && evidence.conflicts.length === 0)
    weight = Math.max(weight, PROVEN_BITS);
  return {
    weight,
    probability: probabilityOf(weight),
    prior: model.prior,
    contributions: parts,
    deterministic,
    conflicts: evidence.conflicts,
    held: held ? `${HOUSEHOLD_RULE}: held at ${scorer.householdBits.toFixed(1)} bits` : null,
  };
}
