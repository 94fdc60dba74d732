import type { RecordStore } from './store';
import { key, sym } from './symbols';

/**
 * A blocking rule: records that share any of their keys become candidate pairs. Keys are
 * small integers built from interned parts (symbols.ts), pushed onto `out`.
 */
export interface BlockingRule {
  name: string;
  /** Comparisons whose fields the rule reads: EM leaves them out when trained on this rule's pairs. */
  fields: string[];
  /** A tighter block cap for a wide rule (the run's cap applies when smaller). */
  maxBlockSize?: number;
  keys(s: RecordStore, i: number, out: number[]): void;
}

function given(s: RecordStore, i: number) {
  const id = s.given.ids[i]!;
  return id < 0 ? null : s.names.feats[id]!.sym;
}

function family(s: RecordStore, i: number) {
  const id = s.family.ids[i]!;
  return id < 0 ? null : s.names.feats[id]!.sym;
}

function dob(s: RecordStore, i: number) {
  const id = s.dob.ids[i]!;
  return id < 0 ? null : { id, ...s.dob.dict.feats[id]! };
}

/** A field's interned value id + 1 (so 0 means missing). */
const idOf = (ids: number[], i: number): number => ids[i]! + 1;

/** A rule on one exact field value. */
function exact(name: string, field: string, ids: (s: RecordStore) => number[]): BlockingRule {
  return {
    name,
    fields: [field],
    keys(s, i, out) {
      const v = idOf(ids(s), i);
      if (v > 0) out.push(key(v));
    },
  };
}

/**
 * The cap of the rules keyed on names alone or with only a birth year. Their blocks grow with
 * the population (a common name pair, a surname and a year), and the pairs of a block grow with
 * its square: at 100,000 synthetic persons blocks of 51–500 records made half of all candidate
 * pairs (8.6M of 16.2M) and held 0.2 % of the true pairs that no other rule found. With this cap
 * a record meets at most 49 others per rule, so candidate pairs grow with the records; a common
 * name's records still meet through the rules with a full date, a place or an identifier.
 */
export const NAME_BLOCK_CAP = 50;

/**
 * The cap of the name rules whose blocks, at scale, hold many pairs and almost no true pair that
 * another rule does not find. At 300,000 synthetic persons (1.6M records after folding, 32.8M
 * candidate pairs) family_phonetic_birth_year, given_birth_year, family_given_initial and
 * family_city made 11.3M pairs that no other rule made, and among them 4,906 of the 4.39M true
 * pairs. At this cap they make 22.1M pairs in all (−33 %) and find 98.34 % of the true pairs
 * directly, against 98.43 %; clustering joins most of the rest through a third record. Their
 * rare keys (an unusual surname with a given initial, a name in a small town) still meet.
 * family_alone keeps NAME_BLOCK_CAP: at this cap RLdata10000 lost recall (F1 0.9731 → 0.9692).
 */
export const TIGHT_BLOCK_CAP = 10;

/**
 * The default rules. Each survives a different kind of damage, so a pair is lost only when
 * every rule's fields are corrupted at once: swap-invariant phonetic names, dates with either
 * initial, names with a city or a birth year, addresses, and every exact contact or document
 * number. The wide ones (family_alone) are bounded by the block cap, which is reported.
 */
export const DEFAULT_RULES: readonly BlockingRule[] = [
  {
    name: 'name_pair_phonetic',
    fields: ['given_name', 'family_name'],
    maxBlockSize: NAME_BLOCK_CAP,
    keys(s, i, out) {
      const g = given(s, i);
      const f = family(s, i);
      if (g && f && g.meta1 > 0 && f.meta1 > 0)
        out.push(key(Math.min(g.meta1, f.meta1), Math.max(g.meta1, f.meta1)));
    },
  },
  {
    name: 'family_phonetic_birth_year',
    fields: ['family_name', 'birth_date'],
    maxBlockSize: TIGHT_BLOCK_CAP,
    keys(s, i, out) {
      const f = family(s, i);
      const d = dob(s, i);
      if (f && d && f.meta1 > 0) out.push(key(f.meta1, d.year));
    },
  },
  {
    name: 'nickname_family_dm',
    fields: ['given_name', 'family_name'],
    maxBlockSize: NAME_BLOCK_CAP,
    keys(s, i, out) {
      const g = given(s, i);
      const f = family(s, i);
      if (g && f) for (const code of f.dm) out.push(key(g.nick, code));
    },
  },
  {
    // The full date with either name's sound, or with both initials (in either order): a pair
    // meets when one of its names is misspelt beyond recognition, transliterated or swapped into
    // the other field while the other sounds the same, or when both are misspelt but begin with
    // the same letters. It replaced two rules keyed on the date and one initial, whose blocks
    // fill as the population grows (a date and a letter: 11–50 records each at a million
    // persons, where they made 90.8M of 128.8M candidate pairs).
    name: 'birth_date_name_phonetic',
    fields: ['birth_date'],
    keys(s, i, out) {
      const d = dob(s, i);
      if (!d) return;
      const gn = given(s, i);
      const fn = family(s, i);
      const g = gn?.meta1 ?? 0;
      const f = fn?.meta1 ?? 0;
      if (g > 0) out.push(key(d.id, g));
      if (f > 0 && f !== g) out.push(key(d.id, f));
      if (gn && fn) out.push(key(d.id, Math.min(gn.initial, fn.initial), Math.max(gn.initial, fn.initial)));
    },
  },
  {
    name: 'given_family_initial_birth_year',
    fields: ['given_name', 'family_name', 'birth_date'],
    keys(s, i, out) {
      const g = given(s, i);
      const f = family(s, i);
      const d = dob(s, i);
      if (g && f && d) out.push(key(g.fold, f.initial, d.year));
    },
  },
  {
    name: 'given_family_initial_birth_day',
    fields: ['given_name', 'family_name', 'birth_date'],
    keys(s, i, out) {
      const g = given(s, i);
      const f = family(s, i);
      const d = dob(s, i);
      if (g && f && d && d.month > 0) out.push(key(g.fold, f.initial, d.month, d.day));
    },
  },
  {
    name: 'given_family_prefix',
    fields: ['given_name', 'family_name'],
    maxBlockSize: NAME_BLOCK_CAP,
    keys(s, i, out) {
      const g = given(s, i);
      const f = family(s, i);
      if (g && f && f.prefix2 > 0) out.push(key(g.fold, f.prefix2));
    },
  },
  {
    name: 'given_birth_year',
    fields: ['given_name', 'birth_date'],
    maxBlockSize: TIGHT_BLOCK_CAP,
    keys(s, i, out) {
      const g = given(s, i);
      const d = dob(s, i);
      if (g && d) out.push(key(g.fold, d.year));
    },
  },
  {
    name: 'family_given_initial',
    fields: ['family_name', 'given_name'],
    maxBlockSize: TIGHT_BLOCK_CAP,
    keys(s, i, out) {
      const g = given(s, i);
      const f = family(s, i);
      if (g && f) out.push(key(f.fold, g.initial));
    },
  },
  {
    name: 'family_city',
    fields: ['family_name', 'city'],
    maxBlockSize: TIGHT_BLOCK_CAP,
    keys(s, i, out) {
      const f = family(s, i);
      const c = idOf(s.city.ids, i);
      if (f && c > 0) out.push(key(f.fold, c));
    },
  },
  {
    name: 'given_city',
    fields: ['given_name', 'city'],
    keys(s, i, out) {
      const g = given(s, i);
      const c = idOf(s.city.ids, i);
      if (g && c > 0) out.push(key(g.fold, c));
    },
  },
  {
    // Wide on purpose, with its own small cap: rare surnames still link records whose other
    // fields are all damaged or missing; common ones are skipped (and reported), otherwise
    // this one rule would produce most candidate pairs of a large run.
    name: 'family_alone',
    fields: ['family_name'],
    maxBlockSize: NAME_BLOCK_CAP,
    keys(s, i, out) {
      const f = family(s, i);
      if (f) out.push(key(f.fold));
    },
  },
  {
    name: 'postcode_family_initial',
    fields: ['postal_code', 'family_name'],
    keys(s, i, out) {
      const p = idOf(s.postcode.ids, i);
      const f = family(s, i);
      if (p > 0 && f) out.push(key(p, f.initial));
    },
  },
  {
    name: 'postcode_birth_year',
    fields: ['postal_code', 'birth_date'],
    keys(s, i, out) {
      const p = idOf(s.postcode.ids, i);
      const d = dob(s, i);
      if (p > 0 && d) out.push(key(p, d.year));
    },
  },
  {
    name: 'address_house_street',
    fields: ['address'],
    keys(s, i, out) {
      const id = s.address.ids[i]!;
      const hs = id < 0 ? 0 : s.address.dict.feats[id]!.houseStreet;
      if (hs > 0) out.push(key(hs));
    },
  },
  exact('ssn', 'ssn', (s) => s.ssn.ids),
  exact('phone', 'phone', (s) => s.phone.ids),
  exact('email', 'email', (s) => s.email.ids),
  {
    name: 'email_user',
    fields: ['email'],
    keys(s, i, out) {
      const id = s.email.ids[i]!;
      const local = id < 0 ? 0 : s.email.dict.feats[id]!.localSym;
      if (local > 0) out.push(key(local));
    },
  },
  {
    name: 'identifier',
    fields: ['identifiers'],
    keys(s, i, out) {
      for (const k of s.identifiers[i] ?? []) out.push(key(sym(k)));
    },
  },
];

/**
 * Extra rules used only to train EM sessions, never to generate candidates: single-field
 * blocks give the cleanest estimate of the other fields' m, but are too wide to score.
 */
export const TRAINING_RULES: readonly BlockingRule[] = [
  exact('birth_date_alone', 'birth_date', (s) => s.dob.ids),
  {
    name: 'given_alone',
    fields: ['given_name'],
    keys(s, i, out) {
      const g = given(s, i);
      if (g) out.push(key(g.fold));
    },
  },
  exact('postcode_alone', 'postal_code', (s) => s.postcode.ids),
];
