import type { Tx } from '../../db/database';
import { applyLinks, retireEntities, upsertEntities, type LinkRow } from './resolve.repo';
import type { DesiredEntity, DesiredLink } from './resolve.types';

export interface ApplyStats {
  linksChanged: number;
  linksRemoved: number;
  entitiesCreated: number;
  /** Entities (already existing) whose records changed. */
  entitiesChanged: number;
  entitiesRetired: number;
}

/**
 * Writes what a run decided for a closed set of mentions: `old` holds their current links
 * (and those of `removed`, mentions that left the index). Only links that differ are written,
 * so re-running on unchanged data writes nothing. An entity none of whose records is left is
 * retired, pointing at the entity that now holds its oldest record.
 */
export async function applyResults(
  tx: Tx,
  desired: { links: readonly DesiredLink[]; entities: readonly DesiredEntity[] },
  old: ReadonlyMap<number, LinkRow>,
  removed: readonly number[],
  lap: (part: string) => void = () => {},
): Promise<ApplyStats> {
  const changed = desired.links.filter((l) => {
    const o = old.get(l.mention);
    return !o || o.entityId !== l.entityId || o.method !== l.method || !sameWeight(o.weight, l.weight);
  });
  const oldIds = new Set([...old.values()].map((o) => o.entityId));
  const touched = new Set(changed.map((l) => l.entityId));
  const entities = desired.entities.filter((e) => touched.has(e.id));
  const created = await upsertEntities(tx, entities);
  lap('entities');
  const removedSet = new Set(removed);
  await applyLinks(tx, changed, removed.filter((m) => old.has(m)));
  lap('links');
  const desiredIds = new Set(desired.entities.map((e) => e.id));
  const target = new Map(desired.links.map((l) => [l.mention, l.entityId]));
  const oldest = new Map<string, number>();
  for (const [m, o] of old) if (!oldest.has(o.entityId) || m < oldest.get(o.entityId)!) oldest.set(o.entityId, m);
  const gone = [...oldIds].filter((id) => !desiredIds.has(id));
  const retired = await retireEntities(
    tx,
    gone.map((id) => {
      const m = oldest.get(id)!;
      return { id, mergedInto: removedSet.has(m) ? null : (target.get(m) ?? null) };
    }),
  );
  lap('retired');
  const changedExisting = [...touched].filter((id) => oldIds.has(id)).length;
  return {
    linksChanged: changed.length,
    linksRemoved: removed.filter((m) => old.has(m)).length,
    entitiesCreated: created,
    entitiesChanged: changedExisting + Math.max(0, entities.length - created - changedExisting),
    entitiesRetired: retired,
  };
}

/** Link weights are stored as `real`: compare at that precision. */
function sameWeight(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.fround(a) === Math.fround(b);
}

export function addStats(x: ApplyStats, y: ApplyStats): ApplyStats {
  return {
    linksChanged: x.linksChanged + y.linksChanged,
    linksRemoved: x.linksRemoved + y.linksRemoved,
    entitiesCreated: x.entitiesCreated + y.entitiesCreated,
    entitiesChanged: x.entitiesChanged + y.entitiesChanged,
    entitiesRetired: x.entitiesRetired + y.entitiesRetired,
  };
}

export const NO_CHANGES: ApplyStats = { linksChanged: 0, linksRemoved: 0, entitiesCreated: 0, entitiesChanged: 0, entitiesRetired: 0 };
