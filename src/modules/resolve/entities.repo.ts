import type { Tx } from '../../db/database';
import type { EntityConflict } from './entities.service';
import { keys } from './keys';

/** SQL behind the helpers other modules call (conflicts, merges, disposal). */
export async function conflictsOfEntity(tx: Tx, entityId: string): Promise<EntityConflict[]> {
  const rows = await tx.query<{
    record_a: string; role_a: string; record_b: string; role_b: string; entity_a: string | null; entity_b: string | null; weight: number; conflicts: string[];
  }>(
    `SELECT record_a::text, role_a, record_b::text, role_b, entity_a::text, entity_b::text, weight, conflicts
     FROM resolution_conflicts WHERE entity_a = $1::uuid OR entity_b = $1::uuid ORDER BY weight DESC`,
    [entityId],
  );
  return rows.map((r) => ({
    recordA: r.record_a, roleA: r.role_a, recordB: r.record_b, roleB: r.role_b, entityA: r.entity_a, entityB: r.entity_b,
    weight: Number(r.weight), conflicts: r.conflicts,
  }));
}

export async function followMerges(tx: Tx, entityId: string): Promise<string> {
  let id = entityId;
  for (let hops = 0; hops < 100; hops++) {
    const rows = await tx.query<{ merged_into: string | null; retired_at: unknown }>(`SELECT merged_into::text AS merged_into, retired_at FROM entities WHERE id = $1::uuid`, [id]);
    const next = rows[0]?.merged_into ?? null;
    if (!rows[0] || rows[0].retired_at === null || next === null) return id;
    id = next;
  }
  return id;
}

export async function mentionsOfRecords(tx: Tx, recordIds: readonly string[]): Promise<number[]> {
  if (recordIds.length === 0) return [];
  const rows = await tx.query<{ mention: string }>(`SELECT mention FROM match_mentions WHERE source_record_id = ANY(${keys('$1', 'bigint')})`, [recordIds]);
  return rows.map((r) => Number(r.mention));
}
