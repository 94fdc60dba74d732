import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that the hash covers, in a fixed order. */
export interface ChainedFields {
  seq: string;
  occurredAt: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  outcome: string;
  purpose: string | null;
  requestId: string;
  clientIp: string | null;
  subjectType: string | null;
  subjectIds: readonly string[];
  details: unknown;
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function chainHash(prevHash: string, f: ChainedFields): string {
  const body = canonicalJson([
    f.seq,
    f.occurredAt,
    f.actorId,
    f.actorUsername,
    f.action,
    f.outcome,
    f.purpose,
    f.requestId,
    f.clientIp,
    f.subjectType,
    f.subjectIds,
    f.details,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface StoredLink extends ChainedFields {
  prevHash: string;
  hash: string;
}

/**
 * Check rows (in seq order) against the hash of the row before them. Returns the index of the
 * first row that does not link or whose content does not match its hash, and the hash to carry on.
 */
export function checkChain(
  rows: readonly StoredLink[],
  prevHash: string,
): { brokenAt: number | null; reason: string | null; lastHash: string } {
  let prev = prevHash;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.prevHash !== prev) return { brokenAt: i, reason: 'does not link to the row before it', lastHash: prev };
    if (row.hash !== chainHash(prev, row)) return { brokenAt: i, reason: 'has content that does not match its hash', lastHash: prev };
    prev = row.hash;
  }
  return { brokenAt: null, reason: null, lastHash: prev };
}
