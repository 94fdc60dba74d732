import { doubleMetaphone } from 'double-metaphone';
import { daitchMokotoff } from './compare/daitch-mokotoff';
import { nicknameCanonical, nicknameGroups } from './compare/nicknames';
import type { PairCache } from './pair-cache';
import { sym } from './symbols';
import {
  addressTokens,
  codeKey,
  consonantSkeleton,
  emailKey,
  foldName,
  nameKey,
  parseBirthDate,
  phoneKey,
  textKey,
  type ParsedDate,
} from './normalize';
import type { MatchRecord } from './types';

/** Raw values looked up before a dictionary decides whether memoizing them pays (≥ 30 % repeats). */
const MEMO_PROBE = 50_000;

/**
 * Interned values with their features computed once per distinct value, not per record. Stores
 * may share dictionaries (RecordStore's `shared`): an incremental run's stores then compute the
 * features of a value, and compare two values, once for the whole run.
 */
export class Dict<F> {
  readonly index = new Map<string, number>();
  readonly keys: string[] = [];
  readonly feats: F[] = [];
  /** Comparator results by value-id pair, one cache per comparator (see comparisons.ts). */
  readonly caches: (PairCache | undefined)[] = [];
  constructor(private readonly makeFeatures: (key: string) => F) {}

  intern(key: string): number {
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.index.set(key, id);
      this.keys.push(key);
      this.feats.push(this.makeFeatures(key));
    }
    return id;
  }

  // Raw input → value id: names, cities and dates repeat across millions of records, and the
  // regex and Unicode work of normalizing them is most of the preparation cost. Bounded so
  // that unique values cannot grow it without limit, and switched off for a dictionary whose
  // raw values hardly repeat (phones, emails, addresses), where it only costs hashing and memory.
  // Every column of one dictionary normalizes with the same function (names: nameKey).
  private readonly seen = new Map<string, number>();
  private memo = true;
  private lookups = 0;
  private hits = 0;

  /** The value id of a raw value normalized by `normalize` (−1: nothing left), memoized on the raw string. */
  internRaw(raw: string, normalize: (raw: string) => string | null): number {
    if (!this.memo) {
      const key = normalize(raw);
      return key === null ? -1 : this.intern(key);
    }
    let id = this.seen.get(raw);
    this.lookups++;
    if (id === undefined) {
      const key = normalize(raw);
      id = key === null ? -1 : this.intern(key);
      if (this.seen.size >= 500_000) this.seen.clear();
      this.seen.set(raw, id);
    } else this.hits++;
    if (this.lookups === MEMO_PROBE && this.hits < MEMO_PROBE * 0.3) {
      this.memo = false;
      this.seen.clear();
    }
    return id;
  }
}

/** One field across all records: value ids (-1 = missing) and per-value counts for TF. */
export class Column<F> {
  readonly ids: number[] = [];
  readonly counts: number[] = [];
  nonNull = 0;
  constructor(readonly dict: Dict<F>) {}

  push(key: string | null): void {
    this.pushId(key === null ? -1 : this.dict.intern(key));
  }

  /** Push a raw value through `normalize` (memoized by the dictionary). */
  pushRaw(raw: string | null | undefined, normalize: (raw: string) => string | null): void {
    this.pushId(raw === null || raw === undefined || raw === '' ? -1 : this.dict.internRaw(raw, normalize));
  }

  /** This column's values as a snapshot holds them (see RecordStore.snapshot). */
  snapshot(): ColumnSnapshot {
    return { ids: Int32Array.from(this.ids), counts: Int32Array.from(this.counts), nonNull: this.nonNull };
  }

  /** Appends a snapshot's values (value ids of this column's dictionary, rebuilt in the same order). */
  restore(snap: ColumnSnapshot): void {
    for (let k = 0; k < snap.ids.length; k++) this.ids.push(snap.ids[k]!);
    for (let k = 0; k < snap.counts.length; k++) this.counts.push(snap.counts[k]!);
    this.nonNull = snap.nonNull;
  }

  private pushId(id: number): void {
    this.ids.push(id);
    if (id < 0) return;
    while (this.counts.length <= id) this.counts.push(0);
    this.counts[id]!++;
    this.nonNull++;
  }
}

export interface NameFeatures {
  key: string;
  fold: string;
  skeleton: string;
  meta1: string;
  meta2: string;
  dm: string[];
  nick: readonly number[];
  tokens: string[];
  /** Integer ids (see symbols.ts) used to build blocking keys without strings. */
  sym: {
    fold: number;
    meta1: number;
    dm: number[];
    nick: number;
    initial: number;
    prefix2: number;
  };
}

export interface AddressFeatures {
  tokens: string[];
  house: string;
  /** Symbol of 'house|first street word', 0 when either is missing (a blocking key). */
  houseStreet: number;
  /** Sorted character-bigram codes of the whole line: a cheap, typo-tolerant similarity. */
  bigrams: Int32Array;
}

export interface EmailFeatures {
  local: string;
  domain: string;
  /** Symbol of the user name when it is long enough to block on (≥ 4 characters), else 0. */
  localSym: number;
}

function nameFeatures(key: string): NameFeatures {
  const tokens = key.split(' ');
  const [meta1, meta2] = doubleMetaphone(key.replace(/ /g, ''));
  const fold = foldName(key);
  const dm = daitchMokotoff(key);
  return {
    key,
    fold,
    skeleton: consonantSkeleton(fold),
    meta1,
    meta2,
    dm,
    nick: nicknameGroups(key),
    tokens,
    sym: {
      fold: sym(fold),
      meta1: meta1 === '' ? 0 : sym(meta1),
      dm: dm.map(sym),
      nick: sym(nicknameCanonical(tokens[0]!)),
      initial: key.charCodeAt(0),
      prefix2: fold.length >= 2 ? fold.charCodeAt(0) * 256 + fold.charCodeAt(1) : 0,
    },
  };
}

function addressFeatures(key: string): AddressFeatures {
  const tokens = key.split(' ');
  const bigrams = new Int32Array(Math.max(key.length - 1, 0));
  for (let k = 0; k + 1 < key.length; k++)
    bigrams[k] = key.charCodeAt(k) * 65536 + key.charCodeAt(k + 1);
  bigrams.sort();
  const house = tokens.find((t) => /^\d/.test(t)) ?? '';
  const street = tokens.find((t) => !/^\d/.test(t) && t.length > 2);
  return {
    tokens,
    house,
    bigrams,
    houseStreet: house !== '' && street ? sym(`${house}|${street}`) : 0,
  };
}

function emailFeatures(key: string): EmailFeatures {
  const at = key.lastIndexOf('@');
  const local = at < 0 ? key : key.slice(0, at);
  return {
    local,
    domain: at < 0 ? '' : key.slice(at + 1),
    localSym: local.length >= 4 ? sym(local) : 0,
  };
}

const plain = (key: string): string => key;

interface ColumnSnapshot {
  ids: Int32Array;
  counts: Int32Array;
  nonNull: number;
}

const COLUMNS = ['sources', 'given', 'middle', 'family', 'dob', 'address', 'city', 'state', 'postcode', 'phone', 'email', 'ssn', 'employer', 'sex', 'citizenship', 'birthCountry'] as const;
type ColumnName = (typeof COLUMNS)[number];

/**
 * A store as plain data (see RecordStore.snapshot): each column's value ids and each dictionary's
 * values in id order, from which another thread rebuilds the same store (the same ids) computing
 * each distinct value's features once, instead of normalizing every record again.
 */
export interface StoreSnapshot {
  ids: PackedStrings;
  /** Each record's identifier count (-1: none, null), and the identifiers in record order. */
  identifierCounts: Int32Array;
  identifiers: PackedStrings;
  columns: Record<ColumnName, ColumnSnapshot>;
  /** Each column's dictionary's values (the names' one dictionary under given, middle and family alike). */
  dicts: Record<ColumnName, PackedStrings>;
}

/**
 * Strings as one string and their lengths: a thread receives it as two copies of memory, where
 * millions of strings (or arrays of them) are cloned one by one (at a million persons, the
 * record ids and identifiers were most of the 23 s the snapshot took to send).
 */
export interface PackedStrings {
  text: string;
  lengths: Int32Array;
}

export function packStrings(xs: readonly string[]): PackedStrings {
  const lengths = new Int32Array(xs.length);
  for (let i = 0; i < xs.length; i++) lengths[i] = xs[i]!.length;
  return { text: xs.join(''), lengths };
}

export function unpackStrings(p: PackedStrings): string[] {
  const out = new Array<string>(p.lengths.length);
  let at = 0;
  for (let i = 0; i < out.length; i++) out[i] = p.text.slice(at, (at += p.lengths[i]!));
  return out;
}

/** Normalized, interned, column-wise view of the records being matched. */
export class RecordStore {
  readonly ids: string[] = [];
  readonly sources: Column<string>;
  readonly names: Dict<NameFeatures>;
  readonly given: Column<NameFeatures>;
  readonly middle: Column<NameFeatures>;
  readonly family: Column<NameFeatures>;
  readonly dob: Column<ParsedDate>;
  readonly address: Column<AddressFeatures>;
  readonly city: Column<string>;
  readonly state: Column<string>;
  readonly postcode: Column<string>;
  readonly phone: Column<string>;
  readonly email: Column<EmailFeatures>;
  readonly ssn: Column<string>;
  readonly employer: Column<string>;
  readonly sex: Column<string>;
  readonly citizenship: Column<string>;
  readonly birthCountry: Column<string>;

  private readonly sharing: boolean;

  /** A store of its own dictionaries, or one sharing `shared`'s (its values' features and comparisons). */
  constructor(shared?: RecordStore) {
    this.sharing = shared !== undefined;
    const dict = <F>(of: (s: RecordStore) => Dict<F>, make: (key: string) => F): Dict<F> => (shared ? of(shared) : new Dict(make));
    const column = <F>(of: (s: RecordStore) => Column<F>, make: (key: string) => F): Column<F> => new Column(dict((s) => of(s).dict, make));
    this.sources = column((s) => s.sources, plain);
    this.names = dict((s) => s.names, nameFeatures);
    this.given = new Column(this.names);
    this.middle = new Column(this.names);
    this.family = new Column(this.names);
    this.dob = column((s) => s.dob, (k) => parseBirthDate(k)!);
    this.address = column((s) => s.address, addressFeatures);
    this.city = column((s) => s.city, plain);
    this.state = column((s) => s.state, plain);
    this.postcode = column((s) => s.postcode, plain);
    this.phone = column((s) => s.phone, plain);
    this.email = column((s) => s.email, emailFeatures);
    this.ssn = column((s) => s.ssn, plain);
    this.employer = column((s) => s.employer, plain);
    this.sex = column((s) => s.sex, plain);
    this.citizenship = column((s) => s.citizenship, plain);
    this.birthCountry = column((s) => s.birthCountry, plain);
  }
  /** Normalized 'kind|country|value' strings per record. */
  readonly identifiers: (string[] | null)[] = [];

  get size(): number {
    return this.ids.length;
  }

  /**
   * This store as plain data, for a worker thread to rebuild (restore): cheaper to send than the
   * records, and cheaper to rebuild from (at a million persons the records took 25 s to send and
   * the worker about 50 s to normalize). A store sharing another's dictionaries cannot be
   * snapshot (its dictionaries hold values of other stores).
   */
  snapshot(): StoreSnapshot {
    if (this.sharing) throw new Error('a store sharing dictionaries cannot be snapshot');
    const columns = {} as Record<ColumnName, ColumnSnapshot>;
    const dicts = {} as Record<ColumnName, PackedStrings>;
    // The names' one dictionary is packed once and sent once (the message keeps it one object).
    const packed = new Map<readonly string[], PackedStrings>();
    for (const c of COLUMNS) {
      columns[c] = this[c].snapshot();
      const keys = this[c].dict.keys;
      if (!packed.has(keys)) packed.set(keys, packStrings(keys));
      dicts[c] = packed.get(keys)!;
    }
    const identifierCounts = new Int32Array(this.identifiers.length);
    const identifiers: string[] = [];
    this.identifiers.forEach((keys, i) => {
      identifierCounts[i] = keys === null ? -1 : keys.length;
      for (const k of keys ?? []) identifiers.push(k);
    });
    return { ids: packStrings(this.ids), identifierCounts, identifiers: packStrings(identifiers), columns, dicts };
  }

  /** The store a snapshot was taken of: the same value ids, each value's features computed again. */
  static restore(snap: StoreSnapshot): RecordStore {
    const store = new RecordStore();
    for (const c of COLUMNS) {
      const dict = store[c].dict;
      // The names' dictionary comes three times over (given, middle, family): filled once.
      if (dict.keys.length === 0) for (const key of unpackStrings(snap.dicts[c])) dict.intern(key);
      store[c].restore(snap.columns[c]);
    }
    for (const id of unpackStrings(snap.ids)) store.ids.push(id);
    const identifiers = unpackStrings(snap.identifiers);
    let at = 0;
    for (const n of snap.identifierCounts) store.identifiers.push(n < 0 ? null : identifiers.slice(at, (at += n)));
    return store;
  }

  /** Adds records and returns the position of the first one added. */
  add(records: readonly MatchRecord[]): number {
    const start = this.ids.length;
    for (const r of records) this.addOne(r);
    return start;
  }

  private addOne(r: MatchRecord): void {
    this.ids.push(r.id);
    this.sources.push(r.source);
    this.given.pushRaw(r.givenName, nameKey);
    this.middle.pushRaw(r.middleName, nameKey);
    this.family.pushRaw(r.familyName, nameKey);
    this.dob.pushRaw(r.birthDate, dobKey);
    this.address.pushRaw(r.addressLine, addressKey);
    this.city.pushRaw(r.city, textKey);
    this.state.pushRaw(r.state, codeKey);
    this.postcode.pushRaw(r.postalCode, codeKey);
    this.phone.pushRaw(r.phone, phoneKey);
    this.email.pushRaw(r.email, emailKey);
    this.ssn.pushRaw(r.ssn, ssnKey);
    this.employer.pushRaw(r.employer, textKey);
    this.sex.pushRaw(r.sex, sexKey);
    this.citizenship.pushRaw(r.citizenship, codeKey);
    this.birthCountry.pushRaw(r.birthCountry, codeKey);
    this.identifiers.push(identifierKeys(r));
  }
}

const dobKey = (raw: string): string | null => parseBirthDate(raw)?.digits ?? null;
const addressKey = (raw: string): string | null => addressTokens(raw)?.join(' ') ?? null;

function ssnKey(raw: string | null | undefined): string | null {
  const k = codeKey(raw);
  // All-zero and all-same-digit numbers are placeholders, not evidence.
  if (k === null || /^(\d)\1*$/.test(k)) return null;
  return k;
}

function sexKey(raw: string | null | undefined): string | null {
  const k = codeKey(raw);
  if (k === null) return null;
  const c = k[0];
  return c === 'M' || c === 'F' ? c : null;
}

function identifierKeys(r: MatchRecord): string[] | null {
  if (!r.identifiers || r.identifiers.length === 0) return null;
  const keys: string[] = [];
  for (const id of r.identifiers) {
    const value = codeKey(id.value);
    if (value === null) continue;
    const kind = id.kind.trim().toLowerCase();
    keys.push(`${kind}|${codeKey(id.country) ?? ''}|${value}`);
  }
  return keys.length === 0 ? null : keys;
}
