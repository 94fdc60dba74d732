import { nameKey } from '../normalize';
import { NICKNAME_GROUPS } from './nickname-data';

function buildIndex(text: string): Map<string, number[]> {
  const index = new Map<string, number[]>();
  let group = 0;
  for (const line of text.split('\n')) {
    const m = /^\s*([a-z ]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const names = [m[1]!, ...m[2]!.split(/\s+/)].map((n) => nameKey(n)).filter((n) => n !== null);
    for (const n of new Set(names)) {
      const list = index.get(n) ?? [];
      list.push(group);
      index.set(n, list);
    }
    group++;
  }
  return index;
}

const INDEX = buildIndex(NICKNAME_GROUPS);

/** Group ids a name key belongs to (empty when it is in no group). */
export function nicknameGroups(key: string): readonly number[] {
  return INDEX.get(key) ?? [];
}

/** Whether two name keys are the same given name in formal and familiar form. */
export function isNickname(a: string, b: string): boolean {
  if (a === b) return false;
  const ga = INDEX.get(a);
  const gb = INDEX.get(b);
  if (!ga || !gb) return false;
  for (const g of ga) if (gb.includes(g)) return true;
  return false;
}

/**
 * A stable canonical key for blocking: the lowest group id, so Bob and Robert share a block.
 * Names in no group block on themselves.
 */
export function nicknameCanonical(key: string): string {
  const g = INDEX.get(key);
  return g && g.length > 0 ? `#${Math.min(...g)}` : key;
}
