import type { Tx } from '../../db/database';
import type { CopyBinaryWriter } from '../../db/copy-binary';
import { copyBinary, withoutIndexes, type CopyOptions } from './copy';
import { keys } from './keys';
import { ORG_ROLES } from './mention-keys';
import type { IndexedOrg, OrgFields } from './org-engine';
import { LINK_MENTION, type LinkRow } from './resolve.repo';
import type { LinkMethod } from './resolve.types';

/** SQL of the match index: resolved mentions, their blocks and the scored pairs kept. */
export interface IndexRow {
  mention: number;
  recordId: number;
  role: string;
  kind: 'person' | 'organization';
  rep: number;
  fingerprint: string | null;
  blocks: number[] | null;
  /** Organizations: what their clustering reads. */
  org: OrgFields | null;
}

export interface PairRow {
  a: number;
  b: number;
  weight: number;
  proven: boolean;
  conflicts: string[];
}

const num = (v: unknown) => Number(v);

export async function clearIndex(tx: Tx): Promise<void> {
  await tx.exec(`TRUNCATE match_index_state, match_pairs, match_oversized, match_mentions, match_blocks;`);
}

/** Marks the index whole, written with this blocking version (see indexBlockingVersion). */
export async function markIndexWhole(tx: Tx, blockingVersion: number): Promise<void> {
  await tx.query(`INSERT INTO match_index_state (blocking_version) VALUES ($1)`, [blockingVersion]);
}

/**
 * The rows' block memberships, in block order: appended to the stored tens of millions, each goes
 * to a leaf of the block index, and in block order one after the next instead of one at random.
 */
function blockRows(rows: readonly IndexRow[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) for (const b of r.blocks ?? []) out.push([b, r.mention]);
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

export async function writeMentions(tx: Tx, rows: readonly IndexRow[]): Promise<void> {
  await writeMentionRows(tx, rows);
  await copyBinary(tx, 'match_blocks', BLOCK_COLUMNS, function* (w) {
    for (const [block, mention] of blockRows(rows)) yield writeBlock(w, block, mention);
  });
}

/** match_mentions rows only (a full run writes the blocks from its columns, writeWholeIndex). */
async function writeMentionRows(tx: Tx, rows: Iterable<IndexRow>, opts: CopyOptions = {}): Promise<void> {
  await copyBinary(tx, 'match_mentions', MENTION_COLUMNS, function* (w) {
    for (const r of rows) {
      w.row(MENTION_COLUMNS.length);
      w.int8n(r.mention);
      w.int8n(r.recordId);
      w.text(r.role);
      w.text(r.kind);
      w.int8n(r.rep);
      w.text(r.fingerprint);
      w.text(r.org?.key);
      w.text(r.org?.code);
      w.text(r.org?.dso);
      w.text(r.org?.label);
      yield;
    }
  }, opts);
}

const MENTION_COLUMNS = ['mention', 'source_record_id', 'role', 'kind', 'rep', 'fingerprint', 'org_key', 'org_code', 'org_dso', 'org_label'];
const BLOCK_COLUMNS = ['block', 'mention'];
const PAIR_COLUMNS = ['a', 'b', 'weight', 'proven', 'conflicts'];

/** A match_blocks row (see writeWholeIndex). */
export function writeBlock(w: CopyBinaryWriter, block: number, mention: number): void {
  w.row(2);
  w.int4(block);
  w.int8n(mention);
}

/** A match_pairs row (see writeWholeIndex). */
export function writePair(w: CopyBinaryWriter, a: number, b: number, weight: number, proven: boolean, conflicts: readonly string[]): void {
  w.row(5);
  w.int8n(a);
  w.int8n(b);
  w.float8(weight);
  w.bool(proven);
  w.textArray(conflicts);
}

/**
 * A full run's index (into the tables clearIndex emptied in this transaction), streamed: the
 * mentions (their rows' `blocks` are not read), then the block memberships and the pairs that
 * `blocks` and `pairs` write (with writeBlock and writePair, yielding between rows or groups of
 * rows; see copyBinary), so that tens of millions of rows are never objects at once. Loaded
 * frozen, without the indexes and keys, which are built after.
 */
export async function writeWholeIndex(
  tx: Tx,
  index: { mentions: Iterable<IndexRow>; blocks: (w: CopyBinaryWriter) => Iterable<unknown>; pairs: (w: CopyBinaryWriter) => Iterable<unknown> },
  lap: (part: string) => void = () => {},
): Promise<void> {
  await withoutIndexes(tx, ['match_mentions', 'match_blocks', 'match_pairs'], async () => {
    const freeze = { freeze: true };
    await writeMentionRows(tx, index.mentions, freeze);
    lap('mentions');
    await copyBinary(tx, 'match_blocks', BLOCK_COLUMNS, index.blocks, freeze);
    lap('blocks');
    await copyBinary(tx, 'match_pairs', PAIR_COLUMNS, index.pairs, freeze);
    lap('pairs');
  }, { keys: true });
  lap('index builds');
}

export async function writePairs(tx: Tx, rows: readonly PairRow[]): Promise<void> {
  await copyBinary(tx, 'match_pairs', PAIR_COLUMNS, function* (w) {
    for (const p of rows) yield writePair(w, p.a, p.b, p.weight, p.proven, p.conflicts);
  });
}

export async function writeOversized(tx: Tx, blocks: ReadonlyMap<number, number>): Promise<void> {
  if (blocks.size === 0) return;
  await tx.query(
    `INSERT INTO match_oversized (block, members) SELECT * FROM unnest($1::int[], $2::int[])
     ON CONFLICT (block) DO UPDATE SET members = EXCLUDED.members`,
    [[...blocks.keys()], [...blocks.values()]],
  );
}

/** Removes mentions from the index with their pairs and open review items. */
export async function forgetMentions(tx: Tx, mentions: readonly number[]): Promise<void> {
  if (mentions.length === 0) return;
  await tx.query(`DELETE FROM match_pairs WHERE a = ANY(${keys('$1', 'bigint')}) OR b = ANY(${keys('$1', 'bigint')})`, [mentions]);
  await tx.query(`UPDATE review_queue SET status = 'closed', updated_at = now() WHERE status = 'open' AND (mention_a = ANY(${keys('$1', 'bigint')}) OR mention_b = ANY(${keys('$1', 'bigint')}))`, [mentions]);
  await tx.query(`DELETE FROM match_blocks WHERE mention = ANY(${keys('$1', 'bigint')})`, [mentions]);
  await tx.query(`DELETE FROM match_mentions WHERE mention = ANY(${keys('$1', 'bigint')})`, [mentions]);
}

export async function repsByFingerprint(tx: Tx, prints: readonly string[]): Promise<Map<string, number>> {
  if (prints.length === 0) return new Map();
  const rows = await tx.query<{ fingerprint: string; rep: string }>(
    `SELECT fingerprint, min(rep) AS rep FROM match_mentions WHERE fingerprint = ANY(${keys('$1', 'text')}) AND rep = mention GROUP BY fingerprint`,
    [prints],
  );
  return new Map(rows.map((r) => [r.fingerprint, num(r.rep)]));
}

/**
 * Blocks a batch pushed over their cap: their stored pairs that no other block makes, and their
 * stored members' entries, leave the index (a full run would have neither).
 */
export async function forgetOversized(tx: Tx, blocks: readonly number[], pairs: readonly { a: number; b: number }[]): Promise<void> {
  if (pairs.length > 0)
    await tx.query(`DELETE FROM match_pairs WHERE (a, b) IN (SELECT * FROM unnest($1::bigint[], $2::bigint[]))`, [pairs.map((p) => p.a), pairs.map((p) => p.b)]);
  if (blocks.length > 0) await tx.query(`DELETE FROM match_blocks WHERE block = ANY(${keys('$1', 'int')})`, [blocks]);
}

export async function oversizedAmong(tx: Tx, blocks: readonly number[]): Promise<Map<number, number>> {
  if (blocks.length === 0) return new Map();
  const rows = await tx.query<{ block: number; members: number }>(`SELECT block, members FROM match_oversized WHERE block = ANY(${keys('$1', 'int')})`, [blocks]);
  return new Map(rows.map((r) => [num(r.block), num(r.members)]));
}

/** Representatives that share any of the blocks. */
export async function repsInBlocks(tx: Tx, blocks: readonly number[]): Promise<number[]> {
  if (blocks.length === 0) return [];
  const rows = await tx.query<{ mention: string }>(`SELECT DISTINCT mention FROM match_blocks WHERE block = ANY(${keys('$1', 'int')})`, [blocks]);
  return rows.map((r) => num(r.mention));
}

/** Indexed mentions of records that a newer version (in these batches) replaces. */
export async function supersededMentions(tx: Tx, batchIds: readonly string[]): Promise<number[]> {
  if (batchIds.length === 0) return [];
  const rows = await tx.query<{ mention: string }>(
    `SELECT m.mention FROM source_records n
     JOIN source_records o ON o.source = n.source AND o.record_id = n.record_id AND o.version < n.version
     JOIN match_mentions m ON m.source_record_id = o.id
     WHERE n.batch_id = ANY($1::uuid[]) AND n.version > 1`,
    [batchIds],
  );
  return rows.map((r) => num(r.mention));
}

/** Indexed mentions whose source record no longer exists (disposed). */
export async function orphanMentions(tx: Tx): Promise<number[]> {
  const rows = await tx.query<{ mention: string }>(
    `SELECT m.mention FROM match_mentions m WHERE NOT EXISTS (SELECT 1 FROM source_records r WHERE r.id = m.source_record_id)`,
  );
  return rows.map((r) => num(r.mention));
}

function toPair(r: { a: string; b: string; weight: number; proven: boolean; conflicts: string[] | string }): PairRow {
  return { a: num(r.a), b: num(r.b), weight: Number(r.weight), proven: r.proven, conflicts: Array.isArray(r.conflicts) ? r.conflicts : [] };
}

/** Stored pairs with both ends in the set. */
export async function pairsAmong(tx: Tx, mentions: readonly number[]): Promise<PairRow[]> {
  if (mentions.length < 2) return [];
  const rows = await tx.query<{ a: string; b: string; weight: number; proven: boolean; conflicts: string[] }>(
    `SELECT a, b, weight, proven, conflicts FROM match_pairs WHERE a = ANY(${keys('$1', 'bigint')}) AND b = ANY($1::bigint[])`,
    [mentions],
  );
  return rows.map(toPair);
}

/** Stored pairs with an end in the set. */
export async function pairsTouching(tx: Tx, mentions: readonly number[]): Promise<PairRow[]> {
  if (mentions.length === 0) return [];
  const rows = await tx.query<{ a: string; b: string; weight: number; proven: boolean; conflicts: string[] }>(
    `SELECT a, b, weight, proven, conflicts FROM match_pairs WHERE a = ANY(${keys('$1', 'bigint')})
     UNION ALL SELECT a, b, weight, proven, conflicts FROM match_pairs WHERE b = ANY(${keys('$1', 'bigint')}) AND NOT a = ANY($1::bigint[])`,
    [mentions],
  );
  return rows.map(toPair);
}

/** Non-representative mentions folded onto these representatives. */
export async function duplicatesOf(tx: Tx, reps: readonly number[]): Promise<{ mention: number; rep: number }[]> {
  if (reps.length === 0) return [];
  const rows = await tx.query<{ mention: string; rep: string }>(
    `SELECT mention, rep FROM match_mentions WHERE rep = ANY(${keys('$1', 'bigint')}) AND mention <> rep`,
    [reps],
  );
  return rows.map((r) => ({ mention: num(r.mention), rep: num(r.rep) }));
}

/** Representative of each mention (unknown mentions are left out). */
export async function repsOf(tx: Tx, mentions: readonly number[]): Promise<Map<number, number>> {
  if (mentions.length === 0) return new Map();
  const rows = await tx.query<{ mention: string; rep: string }>(`SELECT mention, rep FROM match_mentions WHERE mention = ANY(${keys('$1', 'bigint')})`, [mentions]);
  return new Map(rows.map((r) => [num(r.mention), num(r.rep)]));
}

const ORG_COLUMNS = 'mention, role, org_key, org_code, org_dso, org_label';
type OrgColumns = { mention: string; role: string; org_key: string | null; org_code: string | null; org_dso: string | null; org_label: string | null };
const toOrg = (r: OrgColumns): IndexedOrg => ({ mention: num(r.mention), role: r.role, key: r.org_key, code: r.org_code, dso: r.org_dso, label: r.org_label });

/** An organization mention with its link: `org` null when it is not in the index, `link` when it has none. */
export interface OrgWithLink {
  mention: number;
  org: IndexedOrg | null;
  link: LinkRow | null;
}

type OrgLinkColumns = OrgColumns & { entity_id: string | null; method: LinkMethod | null; match_weight: number | null };
const ORG_LINK_COLUMNS = `m.role, m.org_key, m.org_code, m.org_dso, m.org_label, l.entity_id::text AS entity_id, l.method, l.match_weight`;
const toOrgWithLink = (r: OrgLinkColumns): OrgWithLink => ({
  mention: num(r.mention),
  org: r.role === null ? null : toOrg(r),
  link: r.entity_id === null ? null : { entityId: r.entity_id, method: r.method!, weight: r.match_weight === null ? null : Number(r.match_weight) },
});

/**
 * Indexed organization mentions sharing a name key or a school code, with their links: joined
 * here, a probe per row, where asking for the links of a school's 150,000 mentions by their
 * keys took seven times as long.
 */
export async function orgsByKeys(tx: Tx, names: readonly string[], codes: readonly string[]): Promise<OrgWithLink[]> {
  if (names.length === 0 && codes.length === 0) return [];
  const rows = await tx.query<OrgLinkColumns>(
    `SELECT m.mention, ${ORG_LINK_COLUMNS}
     FROM match_mentions m LEFT JOIN record_links l ON l.source_record_id = m.source_record_id AND l.role = m.role
     WHERE m.kind = 'organization' AND (m.org_key = ANY(${keys('$1', 'text')}) OR m.org_code = ANY(${keys('$2', 'text')}))`,
    [names, codes],
  );
  return rows.map(toOrgWithLink);
}

/** How many records each of these entities has linked (an index-only count). */
export async function linkCounts(tx: Tx, entityIds: readonly string[]): Promise<Map<string, number>> {
  if (entityIds.length === 0) return new Map();
  const rows = await tx.query<{ entity_id: string; n: string }>(
    `SELECT entity_id::text AS entity_id, count(*) AS n FROM record_links WHERE entity_id = ANY(${keys('$1', 'uuid')}) GROUP BY entity_id`,
    [entityIds],
  );
  return new Map(rows.map((r) => [r.entity_id, num(r.n)]));
}

/**
 * Organization mentions linked to these entities, with their index rows, but the indexed ones
 * whose name key or school code is in `seenNames` or `seenCodes` (orgsByKeys gave those).
 */
export async function orgMatesOf(tx: Tx, entityIds: readonly string[], seenNames: readonly string[], seenCodes: readonly string[]): Promise<OrgWithLink[]> {
  if (entityIds.length === 0) return [];
  const rows = await tx.query<OrgLinkColumns>(
    `SELECT ${LINK_MENTION} AS mention, ${ORG_LINK_COLUMNS}
     FROM record_links l LEFT JOIN match_mentions m ON m.source_record_id = l.source_record_id AND m.role = l.role
     WHERE l.entity_id = ANY(${keys('$1', 'uuid')}) AND l.role = ANY($2::text[])
       AND NOT (coalesce(m.org_key = ANY($3::text[]), false) OR coalesce(m.org_code = ANY($4::text[]), false))`,
    [entityIds, ORG_ROLES, seenNames, seenCodes],
  );
  return rows.map(toOrgWithLink);
}

/** Indexed organization mentions, as their clustering reads them. */
export async function orgRows(tx: Tx, mentions: readonly number[]): Promise<IndexedOrg[]> {
  if (mentions.length === 0) return [];
  const rows = await tx.query<OrgColumns>(
    `SELECT ${ORG_COLUMNS} FROM match_mentions WHERE kind = 'organization' AND mention = ANY(${keys('$1', 'bigint')})`,
    [mentions],
  );
  return rows.map(toOrg);
}

/** A mention becomes a representative of its own, with its blocks (fingerprint null: kept apart). */
export async function setRepresentative(tx: Tx, mention: number, blocks: readonly number[], fingerprint: string | null): Promise<void> {
  await tx.query(`UPDATE match_mentions SET rep = mention, fingerprint = $2 WHERE mention = $1`, [mention, fingerprint]);
  await tx.query(`DELETE FROM match_blocks WHERE mention = $1`, [mention]);
  await tx.query(`INSERT INTO match_blocks (block, mention) SELECT unnest($2::int[]), $1`, [mention, blocks]);
}

/** Re-points every mention folded onto `from` (and `from` itself) to `to`. */
export async function refoldGroup(tx: Tx, from: number, to: number, fingerprint: string): Promise<void> {
  await tx.query(`DELETE FROM match_pairs WHERE a = $1 OR b = $1`, [from]);
  await tx.query(`UPDATE review_queue SET status = 'closed', updated_at = now() WHERE status = 'open' AND (mention_a = $1 OR mention_b = $1)`, [from]);
  await tx.query(`UPDATE match_mentions SET rep = $2 WHERE rep = $1 AND mention <> $2`, [from, to]);
  await tx.query(`UPDATE match_mentions SET fingerprint = $2 WHERE mention = $1`, [from, fingerprint]);
  await tx.query(`DELETE FROM match_blocks WHERE mention = $1`, [from]);
}

export async function setFingerprint(tx: Tx, mention: number, fingerprint: string | null): Promise<void> {
  await tx.query(`UPDATE match_mentions SET fingerprint = $2 WHERE mention = $1`, [mention, fingerprint]);
}

export async function pointTo(tx: Tx, mentions: readonly number[], rep: number): Promise<void> {
  if (mentions.length === 0) return;
  await tx.query(`UPDATE match_mentions SET rep = $2 WHERE mention = ANY(${keys('$1', 'bigint')})`, [mentions, rep]);
}
