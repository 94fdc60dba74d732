import { addressLevel, addressSimilarity, codeLevel, fuzzyLevel } from './compare/text';
import { dateLevel } from './compare/dates';
import { jaroWinkler } from './compare/jaro-winkler';
import { isSwappedNames, nameLevel, NAME_LEVEL } from './compare/names';
import { PairCache } from './pair-cache';
import type { Column, RecordStore } from './store';
import { sharedIdentifiers, conflictingIdentifiers } from './identifiers';

export interface LevelInfo {
  name: string;
  /** How an analyst reads it: "Jaro–Winkler ≥ 0.92". */
  label: string;
}

/**
 * One field comparison with ordered levels, Splink style. Level 0 is always "no evidence"
 * (a value missing on either side) and weighs 0; the last level is "disagree".
 */
export interface ComparisonDef {
  name: string;
  label: string;
  levels: LevelInfo[];
  /** Levels whose weight uses the frequency of the agreed value (term-frequency adjustment). */
  tfLevels: number[];
  tfColumn?: (s: RecordStore) => Column<unknown>;
  level(s: RecordStore, i: number, j: number): number;
  /** Records with the field filled: a comparison nobody fills is skipped entirely. */
  filled(s: RecordStore): number;
  /** A measured similarity to show analysts, e.g. "Jaro–Winkler 0.94". */
  detail?(s: RecordStore, i: number, j: number): string;
}

const NULL_LEVEL: LevelInfo = { name: 'null', label: 'missing on one side' };

const NAME_LEVELS: LevelInfo[] = [
  NULL_LEVEL,
  { name: 'exact', label: 'exact' },
  { name: 'variant', label: 'spelling variant or nickname' },
  { name: 'jw_high', label: 'Jaro–Winkler ≥ 0.92' },
  { name: 'jw_mid', label: 'Jaro–Winkler ≥ 0.88' },
  { name: 'phonetic', label: 'sounds alike' },
  { name: 'initial', label: 'initial only' },
  { name: 'other', label: 'different' },
];

function jwDetail(col: (s: RecordStore) => Column<unknown>) {
  return (s: RecordStore, i: number, j: number): string => {
    const c = col(s);
    const a = c.dict.keys[c.ids[i]!];
    const b = c.dict.keys[c.ids[j]!];
    if (a === undefined || b === undefined) return '';
    return `Jaro–Winkler ${jaroWinkler(a, b).toFixed(2)}`;
  };
}

/** Given and family names of i and j swapped (see isSwapped). */
function swapped(s: RecordStore, i: number, j: number): boolean {
  const gi = s.given.ids[i]!;
  const fi = s.family.ids[i]!;
  const gj = s.given.ids[j]!;
  const fj = s.family.ids[j]!;
  if (gi < 0 || fi < 0 || gj < 0 || fj < 0) return false;
  const f = s.names.feats;
  return isSwappedNames(f[gi]!, f[fi]!, f[gj]!, f[fj]!);
}

// Slots in Dict.caches, one per comparator that reads the dictionary.
const LEVEL_CACHE = 0;

/** nameLevel by name-id pair, cached (given and family names share the dictionary). */
function nameLevelOf(s: RecordStore, a: number, b: number): number {
  const d = s.names;
  const cache = (d.caches[LEVEL_CACHE] ??= new PairCache(
    (x, y) => nameLevel(d.feats[x]!, d.feats[y]!),
    20,
  ));
  return cache.get(a, b);
}

const givenName: ComparisonDef = {
  name: 'given_name',
  label: 'given name',
  filled: (s) => s.given.nonNull,
  levels: NAME_LEVELS,
  tfLevels: [NAME_LEVEL.exact],
  tfColumn: (s) => s.given,
  level(s, i, j) {
    const a = s.given.ids[i]!;
    const b = s.given.ids[j]!;
    if (a < 0 || b < 0) return 0;
    const lvl = a === b ? NAME_LEVEL.exact : nameLevelOf(s, a, b);
    // A swap is scored once, on the family-name comparison.
    if (lvl >= NAME_LEVEL.phonetic && swapped(s, i, j)) return 0;
    return lvl;
  },
  detail: jwDetail((s) => s.given),
};

const familyName: ComparisonDef = {
  name: 'family_name',
  label: 'surname',
  filled: (s) => s.family.nonNull,
  levels: [...NAME_LEVELS, { name: 'swapped', label: 'given and family names swapped' }],
  tfLevels: [NAME_LEVEL.exact],
  tfColumn: (s) => s.family,
  level(s, i, j) {
    const a = s.family.ids[i]!;
    const b = s.family.ids[j]!;
    if (a < 0 || b < 0) return 0;
    const lvl = a === b ? NAME_LEVEL.exact : nameLevelOf(s, a, b);
    if (lvl >= NAME_LEVEL.phonetic && swapped(s, i, j)) return 8;
    return lvl;
  },
  detail: jwDetail((s) => s.family),
};

const middleName: ComparisonDef = {
  name: 'middle_name',
  label: 'middle name',
  filled: (s) => s.middle.nonNull,
  levels: [
    NULL_LEVEL,
    { name: 'exact', label: 'exact' },
    { name: 'initial', label: 'same initial' },
    { name: 'other', label: 'different' },
  ],
  tfLevels: [],
  level(s, i, j) {
    const a = s.middle.ids[i]!;
    const b = s.middle.ids[j]!;
    if (a < 0 || b < 0) return 0;
    const ka = s.names.keys[a]!;
    const kb = s.names.keys[b]!;
    if (ka === kb || jaroWinkler(ka, kb) >= 0.92) return 1;
    if ((ka.length === 1 || kb.length === 1) && ka[0] === kb[0]) return 2;
    return 3;
  },
};

const birthDate: ComparisonDef = {
  name: 'birth_date',
  label: 'date of birth',
  filled: (s) => s.dob.nonNull,
  levels: [
    NULL_LEVEL,
    { name: 'exact', label: 'exact' },
    { name: 'transposed', label: 'day and month transposed' },
    { name: 'one_edit', label: 'one digit different' },
    { name: 'other_year', label: 'same day and month, other year' },
    { name: 'other_day_or_month', label: 'same year, other day or month' },
    { name: 'two_edits', label: 'two digits different' },
    { name: 'same_year', label: 'same year only' },
    { name: 'other', label: 'different' },
  ],
  tfLevels: [1],
  tfColumn: (s) => s.dob,
  level(s, i, j) {
    const a = s.dob.ids[i]!;
    const b = s.dob.ids[j]!;
    if (a < 0 || b < 0) return 0;
    if (a === b) return 1;
    const d = s.dob.dict;
    const cache = (d.caches[LEVEL_CACHE] ??= new PairCache(
      (x, y) => dateLevel(d.feats[x]!, d.feats[y]!),
      18,
    ));
    return cache.get(a, b);
  },
};

const address: ComparisonDef = {
  name: 'address',
  label: 'address',
  filled: (s) => s.address.nonNull,
  levels: [
    NULL_LEVEL,
    { name: 'exact', label: 'exact' },
    { name: 'high', label: 'nearly the same (bigram Dice ≥ 0.8, or one line missing)' },
    { name: 'mid', label: 'similar (bigram Dice ≥ 0.55)' },
    { name: 'other', label: 'different' },
  ],
  tfLevels: [],
  level(s, i, j) {
    const a = s.address.ids[i]!;
    const b = s.address.ids[j]!;
    if (a < 0 || b < 0) return 0;
    const d = s.address.dict;
    return addressLevel(d.feats[a]!, d.feats[b]!, d.keys[a]!, d.keys[b]!);
  },
  detail(s, i, j) {
    const d = s.address.dict;
    const sim = addressSimilarity(d.feats[s.address.ids[i]!]!, d.feats[s.address.ids[j]!]!);
    return `bigram Dice ${sim.dice.toFixed(2)}`;
  },
};

type ColumnPick = (s: RecordStore) => Column<unknown>;

function simple(
  name: string,
  label: string,
  col: ColumnPick,
  kind: 'exact' | 'code' | 'fuzzy',
  tf: boolean,
): ComparisonDef {
  const levels: LevelInfo[] = [NULL_LEVEL, { name: 'exact', label: 'exact' }];
  if (kind === 'code') levels.push({ name: 'one_edit', label: 'one character different' });
  if (kind === 'fuzzy') levels.push({ name: 'jw_high', label: 'Jaro–Winkler ≥ 0.9' });
  levels.push({ name: 'other', label: 'different' });
  return {
    name,
    label,
    levels,
    filled: (s) => col(s).nonNull,
    tfLevels: tf ? [1] : [],
    ...(tf ? { tfColumn: col } : {}),
    level(s, i, j) {
      const c = col(s);
      const a = c.ids[i]!;
      const b = c.ids[j]!;
      if (a < 0 || b < 0) return 0;
      if (a === b) return 1;
      if (kind === 'exact') return 2;
      const keys = c.dict.keys;
      const cache = (c.dict.caches[LEVEL_CACHE] ??= new PairCache(
        kind === 'code'
          ? (x, y) => codeLevel(keys[x]!, keys[y]!)
          : (x, y) => fuzzyLevel(keys[x]!, keys[y]!, 0.9),
        16,
      ));
      return cache.get(a, b);
    },
    ...(kind === 'fuzzy' ? { detail: jwDetail(col) } : {}),
  };
}

const email: ComparisonDef = {
  name: 'email',
  label: 'email',
  filled: (s) => s.email.nonNull,
  levels: [
    NULL_LEVEL,
    { name: 'exact', label: 'exact' },
    { name: 'same_user', label: 'same user name, other domain' },
    { name: 'jw_high', label: 'user names Jaro–Winkler ≥ 0.88' },
    { name: 'other', label: 'different' },
  ],
  tfLevels: [1],
  tfColumn: (s) => s.email,
  level(s, i, j) {
    const a = s.email.ids[i]!;
    const b = s.email.ids[j]!;
    if (a < 0 || b < 0) return 0;
    if (a === b) return 1;
    const fa = s.email.dict.feats[a]!;
    const fb = s.email.dict.feats[b]!;
    if (fa.local === fb.local) return 2;
    return jaroWinkler(fa.local, fb.local) >= 0.88 ? 3 : 4;
  },
};

const identifiers: ComparisonDef = {
  name: 'identifiers',
  label: 'identifiers',
  filled: (s) => s.identifiers.reduce((k, ids) => k + (ids ? 1 : 0), 0),
  levels: [
    NULL_LEVEL,
    { name: 'shared', label: 'same document or system number' },
    { name: 'conflict', label: 'different lifetime numbers (A-number, FIN)' },
  ],
  tfLevels: [],
  level(s, i, j) {
    const a = s.identifiers[i];
    const b = s.identifiers[j];
    if (!a || !b) return 0;
    if (sharedIdentifiers(a, b).length > 0) return 1;
    return conflictingIdentifiers(a, b).length > 0 ? 2 : 0;
  },
};

/** The default comparison set. Fields absent from a data set simply stay at level 0. */
export const COMPARISONS: readonly ComparisonDef[] = [
  givenName,
  middleName,
  familyName,
  birthDate,
  address,
  simple('city', 'city', (s) => s.city, 'fuzzy', true),
  simple('state', 'state', (s) => s.state, 'exact', false),
  simple('postal_code', 'postal code', (s) => s.postcode, 'code', true),
  simple('ssn', 'SSN', (s) => s.ssn, 'code', true),
  simple('phone', 'phone', (s) => s.phone, 'code', true),
  email,
  simple('employer', 'employer', (s) => s.employer, 'fuzzy', true),
  simple('sex', 'sex', (s) => s.sex, 'exact', false),
  simple('citizenship', 'citizenship', (s) => s.citizenship, 'exact', false),
  simple('birth_country', 'country of birth', (s) => s.birthCountry, 'exact', false),
  identifiers,
];
