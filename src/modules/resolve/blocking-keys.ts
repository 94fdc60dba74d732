import { nicknameCanonical } from './match/compare/nicknames';
import { chunkCount, claimChunks, DEFAULT_BLOCKING, DEFAULT_RULES, GrowInt, groupByFirst, NAME_BLOCK_CAP, sharedCounter, shareInts, sharedInt32, TIGHT_BLOCK_CAP, type BlockingRule, type CandidatePairs, type RecordStore } from './match';

/**
 * Blocking as the database run does it. The matching core's rules say which records meet;
 * its numeric keys are built from process-local symbol numbers and store-local value ids, so
 * they cannot be stored. This file states each default rule again over the store's string
 * features (same rule names, same fields; a test checks that both give the same blocks) and
 * hashes those strings to 32-bit block numbers that can be stored (match_blocks) and looked up
 * by a later run. Candidate pairs come from the blocks' sorted members, not through a Map, so a full
 * run and an incremental run see exactly the same blocks. A hash collision merges two blocks:
 * it only adds candidates, and identically in both kinds of run. The two lowest bits of a block
 * number say which cap the block has (capOf): 0 BLOCK_CAP, 1 NAME_BLOCK_CAP, 2 TIGHT_BLOCK_CAP.
 */
export const BLOCK_CAP = DEFAULT_BLOCKING.maxBlockSize;

/**
 * The version of the stored match index: the blocks (rules, keys, caps, hash) and, from 3, the
 * evidence stored with each pair. An index written with another version cannot be extended by
 * an incremental run (its blocks or pairs are not those a full run would make now), so the run
 * is a full one.
 * 1: until 2026-11-22 (caps held in a map; only family_alone narrow).
 * 2: every name rule capped at NAME_BLOCK_CAP, the cap carried in the block number's low bit.
 * 3: swapped given and family names under one proving identifier are no surname conflict
 *    (deterministic.ts): such pairs link instead of waiting in review.
 * 4: four name rules capped at TIGHT_BLOCK_CAP; the cap in the block number's two low bits.
 * 5: organization mentions carry their DSO identifier and label (migration 0023), so that
 *    organizations are clustered again from the index alone.
 * 6: the household rule (match/model.ts): a pair whose given names and dates of birth both
 *    differ is held below the review bar, so stored pairs and review items change; clustering's
 *    pair floor is counted from the model's prior (match/cluster.ts).
 * 7: the two rules on the date of birth and an initial replaced by birth_date_name_phonetic
 *    (the date with either name's sound, or with both initials).
 */
export const BLOCKING_VERSION = 7;

type KeyFn = (s: RecordStore, i: number) => string[];

function name(s: RecordStore, ids: number[], i: number) {
  const id = ids[i]!;
  return id < 0 ? null : s.names.feats[id]!;
}
/** Record i's date of birth: its key (the date as written) with its parts. */
function dob(s: RecordStore, i: number) {
  const id = s.dob.ids[i]!;
  return id < 0 ? null : s.dob.dict.feats[id]!;
}
function dobKey(s: RecordStore, i: number): string | null {
  const id = s.dob.ids[i]!;
  return id < 0 ? null : s.dob.dict.keys[id]!;
}
function value(ids: number[], keys: string[], i: number): string | null {
  const id = ids[i]!;
  return id < 0 ? null : keys[id]!;
}
const g = (s: RecordStore, i: number) => name(s, s.given.ids, i);
const f = (s: RecordStore, i: number) => name(s, s.family.ids, i);
type Part = string | number | null | undefined | false;
const missing = (p: Part) => p === null || p === undefined || p === false || p === '';
// A key of parts joined by '|', or none when a part is missing; one function per number of
// parts (no rest array, no join): they run for every rule of every record.
const key1 = (a: Part): string[] => (missing(a) ? [] : [`${a}`]);
const key2 = (a: Part, b: Part): string[] => (missing(a) || missing(b) ? [] : [`${a}|${b}`]);
const key3 = (a: Part, b: Part, c: Part): string[] => (missing(a) || missing(b) || missing(c) ? [] : [`${a}|${b}|${c}`]);
const key4 = (a: Part, b: Part, c: Part, d: Part): string[] => (missing(a) || missing(b) || missing(c) || missing(d) ? [] : [`${a}|${b}|${c}|${d}`]);

/** The default rules over string features, by rule name. */
export const STABLE_KEYS: Readonly<Record<string, KeyFn>> = {
  name_pair_phonetic: (s, i) => {
    const a = g(s, i)?.meta1;
    const b = f(s, i)?.meta1;
    return a && b ? [a < b ? `${a}|${b}` : `${b}|${a}`] : [];
  },
  family_phonetic_birth_year: (s, i) => key2(f(s, i)?.meta1, dob(s, i)?.year),
  nickname_family_dm: (s, i) => {
    const gn = g(s, i);
    const fn = f(s, i);
    return gn && fn ? fn.dm.map((code) => `${nicknameCanonical(gn.tokens[0]!)}|${code}`) : [];
  },
  birth_date_name_phonetic: (s, i) => {
    const d = dobKey(s, i);
    const gn = g(s, i);
    const fn = f(s, i);
    const [x, y] = [gn?.key[0], fn?.key[0]].sort();
    return [...key2(d, gn?.meta1), ...(fn?.meta1 === gn?.meta1 ? [] : key2(d, fn?.meta1)), ...key3(d, x, y)];
  },
  given_family_initial_birth_year: (s, i) => key3(g(s, i)?.fold, f(s, i)?.key[0], dob(s, i)?.year),
  given_family_initial_birth_day: (s, i) => {
    const d = dob(s, i);
    return d && d.month > 0 ? key4(g(s, i)?.fold, f(s, i)?.key[0], d.month, d.day) : [];
  },
  given_family_prefix: (s, i) => {
    const fold = f(s, i)?.fold;
    return fold && fold.length >= 2 ? key2(g(s, i)?.fold, fold.slice(0, 2)) : [];
  },
  given_birth_year: (s, i) => key2(g(s, i)?.fold, dob(s, i)?.year),
  family_given_initial: (s, i) => key2(f(s, i)?.fold, g(s, i)?.key[0]),
  family_city: (s, i) => key2(f(s, i)?.fold, value(s.city.ids, s.city.dict.keys, i)),
  given_city: (s, i) => key2(g(s, i)?.fold, value(s.city.ids, s.city.dict.keys, i)),
  family_alone: (s, i) => key1(f(s, i)?.fold),
  postcode_family_initial: (s, i) => key2(value(s.postcode.ids, s.postcode.dict.keys, i), f(s, i)?.key[0]),
  postcode_birth_year: (s, i) => key2(value(s.postcode.ids, s.postcode.dict.keys, i), dob(s, i)?.year),
  address_house_street: (s, i) => {
    const id = s.address.ids[i]!;
    if (id < 0) return [];
    const a = s.address.dict.feats[id]!;
    const street = a.tokens.find((t) => !/^\d/.test(t) && t.length > 2);
    return key2(a.house, street);
  },
  ssn: (s, i) => key1(value(s.ssn.ids, s.ssn.dict.keys, i)),
  phone: (s, i) => key1(value(s.phone.ids, s.phone.dict.keys, i)),
  email: (s, i) => key1(value(s.email.ids, s.email.dict.keys, i)),
  email_user: (s, i) => {
    const id = s.email.ids[i]!;
    const local = id < 0 ? '' : s.email.dict.feats[id]!.local;
    return local.length >= 4 ? [local] : [];
  },
  identifier: (s, i) => s.identifiers[i] ?? [],
};

/** FNV-1a state after `text`, from `h`. */
function fnv(text: string, h = 0x811c9dc5): number {
  for (let k = 0; k < text.length; k++) {
    h ^= text.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

// The rule-name part of every block's text is hashed once per rule.
const rulePrefix = new Map<string, number>();

/** FNV-1a of `${rule}\u0001${key}` as a signed 32-bit block number, its two low bits `capCode`. */
function blockHash(rule: string, key: string, capCode: number): number {
  let h = rulePrefix.get(rule);
  if (h === undefined) rulePrefix.set(rule, (h = fnv(`${rule}\u0001`)));
  return (fnv(key, h) & ~3) | capCode;
}

// The caps a stored block can have, by the code in its number's two low bits (3 is unused).
const CAPS = [BLOCK_CAP, NAME_BLOCK_CAP, TIGHT_BLOCK_CAP] as const;

/** The code of a rule's cap (an index in CAPS); no other cap can be stored. */
function capCodeOf(rule: BlockingRule): number {
  if (rule.maxBlockSize === undefined || rule.maxBlockSize >= BLOCK_CAP) return 0;
  const code = CAPS.indexOf(rule.maxBlockSize);
  if (code < 0) throw new Error(`blocking rule ${rule.name}: a stored block's cap is one of ${CAPS.join(', ')}, not ${rule.maxBlockSize}`);
  return code;
}

/** A stored block's cap, from its number's two low bits. */
export const capOf = (block: number): number => CAPS[block & 3] ?? TIGHT_BLOCK_CAP;

// ruleBlocksOf's codes of one record, sorted in place (typed: numeric order, no comparator).
let scratch = new Float64Array(64);

/**
 * Distinct block numbers of record i, ascending, each with the mask of the rules whose keys led
 * there (bit r for rules[r]; two rules meet in one number only by a hash collision).
 */
export function ruleBlocksOf(store: RecordStore, i: number, rules: readonly BlockingRule[] = DEFAULT_RULES): { blocks: number[]; masks: number[] } {
  // block * 32 + rule: exact in a double, and ordered by block, then rule.
  let n = 0;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    const fn = STABLE_KEYS[rule.name];
    if (!fn) throw new Error(`blocking rule ${rule.name} has no stable form in blocking-keys.ts`);
    const capCode = capCodeOf(rule);
    for (const key of fn(store, i)) {
      if (n === scratch.length) {
        const grown = new Float64Array(n * 2);
        grown.set(scratch);
        scratch = grown;
      }
      scratch[n++] = blockHash(rule.name, key, capCode) * 32 + r;
    }
  }
  const found = scratch.subarray(0, n).sort();
  const blocks: number[] = [];
  const masks: number[] = [];
  for (const code of found) {
    const block = Math.floor(code / 32);
    const bit = 1 << (code - block * 32);
    if (blocks.length > 0 && blocks[blocks.length - 1] === block) masks[masks.length - 1]! |= bit;
    else {
      blocks.push(block);
      masks.push(bit);
    }
  }
  return { blocks, masks };
}

/** Every record's blocks as compressed rows: record i's are list[start[i]..start[i + 1]), ascending, made by the rules (masks) in `rules`. */
export interface RecordBlocks {
  start: Int32Array;
  list: Int32Array;
  rules: Int32Array;
}

/** Ranges of a store's records, claimed by either thread (see claimBlocks), from a shared counter. */
export interface BlockJob {
  n: number;
  next: Int32Array;
}

/** The blocks of the records [from, from + count.length): how many each has, and the blocks and masks of all, in order. */
export interface BlockRange {
  from: number;
  count: Int32Array;
  list: Int32Array;
  rules: Int32Array;
}

export const blockJob = (n: number): BlockJob => ({ n, next: sharedCounter() });

/** Claims ranges of the job's records until none is left; each range's blocks (ruleBlocksOf over `store`). */
export function claimBlocks(store: RecordStore, job: BlockJob): BlockRange[] {
  const out: BlockRange[] = [];
  const list = new GrowInt();
  const rules = new GrowInt();
  claimChunks(job.next, job.n, (from, to) => {
    list.length = rules.length = 0;
    const count = new Int32Array(to - from);
    for (let i = from; i < to; i++) {
      const found = ruleBlocksOf(store, i);
      count[i - from] = found.blocks.length;
      for (let k = 0; k < found.blocks.length; k++) {
        list.push(found.blocks[k]!);
        rules.push(found.masks[k]!);
      }
    }
    out.push({ from, count, list: list.view().slice(), rules: rules.view().slice() });
  });
  return out;
}

/** Every range's blocks as one set of compressed rows, in record order. */
export function joinBlocks(ranges: BlockRange[], job: BlockJob): RecordBlocks {
  ranges.sort((x, y) => x.from - y.from);
  if (ranges.length !== chunkCount(job.n)) throw new Error(`record blocks: ${ranges.length} ranges of ${chunkCount(job.n)} made`);
  const start = new Int32Array(job.n + 1);
  let total = 0;
  for (const r of ranges) for (let k = 0; k < r.count.length; k++) start[r.from + k + 1] = total += r.count[k]!;
  const list = sharedInt32(total);
  const rules = sharedInt32(total);
  for (const r of ranges) {
    list.set(r.list, start[r.from]);
    rules.set(r.rules, start[r.from]);
  }
  return { start, list, rules };
}

/** Distinct block numbers of record i, ascending. */
export function blocksOf(store: RecordStore, i: number, rules: readonly BlockingRule[] = DEFAULT_RULES): number[] {
  return ruleBlocksOf(store, i, rules).blocks;
}

/**
 * Block memberships (block number, record position, mask of the rules that made the block),
 * grouped by block with members ascending.
 */
export interface Memberships {
  block: Int32Array;
  member: Int32Array;
  rules: Int32Array;
  length: number;
}

/** Members must be added in ascending position order: the sort is stable. */
export class MembershipBuilder {
  private block = new GrowInt();
  private member = new GrowInt();
  private rules = new GrowInt();

  /** `rules`: the mask of the rules that made the block (see ruleBlocksOf), 0 when unknown. */
  add(block: number, member: number, rules = 0): void {
    this.block.push(block);
    this.member.push(member);
    this.rules.push(rules);
  }

  /** Grouped by block: two stable 16-bit radix passes, linear in the number of memberships. */
  build(): Memberships {
    let block = this.block.view();
    let member = this.member.view();
    let rules = this.rules.view();
    // Once built, the builder is empty: only the sorted columns are held (the unsorted ones
    // go after the first pass, not with the builder).
    this.block = new GrowInt();
    this.member = new GrowInt();
    this.rules = new GrowInt();
    for (const shift of [0, 16]) {
      const count = new Int32Array(65537);
      for (let k = 0; k < block.length; k++) count[((block[k]! >>> shift) & 0xffff) + 1]!++;
      for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
      const nb = sharedInt32(block.length);
      const nm = sharedInt32(block.length);
      const nr = sharedInt32(block.length);
      for (let k = 0; k < block.length; k++) {
        const d = (block[k]! >>> shift) & 0xffff;
        const at = count[d]!++;
        nb[at] = block[k]!;
        nm[at] = member[k]!;
        nr[at] = rules[k]!;
      }
      block = nb;
      member = nm;
      rules = nr;
    }
    return { block, member, rules, length: block.length };
  }
}

export interface BlockPairs {
  /** With each pair, the mask of the rules whose blocks it shares (Memberships.rules). */
  pairs: CandidatePairs;
  /** Blocks over the cap, with their size: they produce no pairs. */
  oversized: Map<number, number>;
}

/**
 * Candidate pairs (a < b) of records sharing a block of at most its cap (capOf, and at most
 * `cap`) members, each once, in (a, b) order. With `isNew`, only pairs with at least one new
 * record are made (an incremental batch); `extraSize` adds members a block has elsewhere
 * (stored records not loaded here) to its size; `capOfBlock` replaces capOf (a block's number
 * and its rules' mask; bench/blocking-yield.bench.ts tries other caps with it).
 *
 * Record by record: a's partners are the later members of its blocks, de-duplicated with a
 * stamp and sorted. Nothing holds the pairs before de-duplication: at 300,000 persons they were
 * about three times the 33M distinct pairs, and sorting them out of memory that large took
 * most of the stage. On this thread alone; blockPairsWith shares the records with a worker.
 */
export function blockPairs(m: Memberships, n: number, opts: BlockPairOptions = {}): BlockPairs {
  const { job, oversized } = pairJob(m, n, opts);
  return { pairs: joinRanges(claimPairs(job), job), oversized };
}

/**
 * blockPairs, the records' pairs made by this thread and `worker` together (each claims ranges
 * of records as it comes to them: a worker still busy with earlier jobs leaves them all to this
 * thread, which then does not wait for it). The same pairs in the same order.
 */
export async function blockPairsWith(m: Memberships, n: number, worker: { pairs(job: PairJob): Promise<PairRange[]> }, opts: BlockPairOptions = {}): Promise<BlockPairs> {
  const { job, oversized } = pairJob(m, n, opts);
  return { pairs: joinRanges(await bothShares(job, worker.pairs(job), () => claimPairs(job)), job), oversized };
}

/**
 * The ranges of a job claimed by this thread (`mine`, run now) and by a worker already asked
 * (`theirs`). When this thread claimed every range, the worker never came to the job (busy with
 * earlier ones): its answer, an empty share, is not waited for.
 */
export async function bothShares<R>(job: { n: number }, theirs: Promise<R[]>, mine: () => R[]): Promise<R[]> {
  theirs.catch(() => undefined);
  const claimed = mine();
  return claimed.length === chunkCount(job.n) ? claimed : [...claimed, ...(await theirs)];
}

export interface BlockPairOptions {
  cap?: number;
  isNew?: Uint8Array;
  extraSize?: (block: number) => number;
  capOfBlock?: (block: number, rules: number) => number;
}

/** What either thread reads to make the pairs of a range of records (in shared memory), and the counter they claim ranges from. */
export interface PairJob {
  member: Int32Array;
  rules: Int32Array;
  /** Each membership's block end (exclusive), or -1 when its block makes no pairs. */
  endOf: Int32Array;
  /** Each record's memberships (compressed rows, see groupByFirst). */
  start: Int32Array;
  order: Int32Array;
  n: number;
  isNew: Uint8Array | null;
  next: Int32Array;
}

/** The pairs of the records [from, ...) of one claimed range, in (a, b) order. */
export interface PairRange {
  from: number;
  a: Int32Array;
  b: Int32Array;
  rules: Int32Array;
}

function pairJob(m: Memberships, n: number, opts: BlockPairOptions): { job: PairJob; oversized: Map<number, number> } {
  const limit = opts.cap ?? BLOCK_CAP;
  const capOfBlock = opts.capOfBlock ?? capOf;
  const oversized = new Map<number, number>();
  const endOf = sharedInt32(m.length);
  for (let start = 0; start < m.length; ) {
    let end = start + 1;
    while (end < m.length && m.block[end] === m.block[start]) end++;
    const size = end - start + (opts.extraSize?.(m.block[start]!) ?? 0);
    const over = size > Math.min(limit, capOfBlock(m.block[start]!, m.rules[start]!));
    if (over) oversized.set(m.block[start]!, size);
    endOf.fill(over || end - start < 2 ? -1 : end, start, end);
    start = end;
  }
  const { start, order } = groupByFirst(m.member, n);
  const isNew = opts.isNew ? shared8(opts.isNew) : null;
  return { job: { member: shareInts(m.member), rules: shareInts(m.rules), endOf, start, order, n, isNew, next: sharedCounter() }, oversized };
}

const shared8 = (x: Uint8Array) => {
  const out = new Uint8Array(new SharedArrayBuffer(x.length));
  out.set(x);
  return out;
};

/** Claims ranges of the job's records until none is left; the pairs of each range claimed. */
export function claimPairs(job: PairJob): PairRange[] {
  const { member, rules, endOf, start, order, isNew } = job;
  const stamp = new Int32Array(job.n).fill(-1);
  // While stamp[b] === a: the rules of the blocks a and b share.
  const mask = new Int32Array(job.n);
  let partners = new Int32Array(64);
  const as = new GrowInt();
  const bs = new GrowInt();
  const rs = new GrowInt();
  const out: PairRange[] = [];
  claimChunks(job.next, job.n, (from, to) => {
    as.length = bs.length = rs.length = 0;
    for (let a = from; a < to; a++) {
      let found = 0;
      for (let e = start[a]!; e < start[a + 1]!; e++) {
        const k = order[e]!;
        const end = endOf[k]!;
        for (let j = k + 1; j < end; j++) {
          const b = member[j]!;
          if (b === a || (isNew && !isNew[a] && !isNew[b])) continue;
          if (stamp[b] === a) {
            mask[b]! |= rules[k]!;
            continue;
          }
          stamp[b] = a;
          mask[b] = rules[k]!;
          if (found === partners.length) {
            const grown = new Int32Array(found * 2);
            grown.set(partners);
            partners = grown;
          }
          partners[found++] = b;
        }
      }
      if (found > 1) partners.subarray(0, found).sort();
      for (let k = 0; k < found; k++) {
        as.push(a);
        bs.push(partners[k]!);
        rs.push(mask[partners[k]!]!);
      }
    }
    out.push({ from, a: as.view().slice(), b: bs.view().slice(), rules: rs.view().slice() });
  });
  return out;
}

const EMPTY_RANGE: PairRange = { from: 0, a: new Int32Array(0), b: new Int32Array(0), rules: new Int32Array(0) };

/** The ranges' pairs as one set of columns in shared memory, in range order. */
function joinRanges(ranges: PairRange[], job: PairJob): CandidatePairs {
  ranges.sort((x, y) => x.from - y.from);
  if (ranges.length !== chunkCount(job.n)) throw new Error(`block pairs: ${ranges.length} ranges of ${chunkCount(job.n)} made`);
  const length = ranges.reduce((t, r) => t + r.a.length, 0);
  const a = sharedInt32(length);
  const b = sharedInt32(length);
  const rules = new Uint32Array(new SharedArrayBuffer(4 * length));
  // Each range is let go once copied: the pairs are not held twice over.
  for (let k = 0, at = 0; k < ranges.length; k++) {
    const r = ranges[k]!;
    a.set(r.a, at);
    b.set(r.b, at);
    rules.set(r.rules, at);
    at += r.a.length;
    ranges[k] = EMPTY_RANGE;
  }
  return { a, b, rules, length };
}
