import { createHash } from 'node:crypto';
import type { MatchRecord } from './match';

/**
 * An entity's id is derived from its oldest mention (the smallest mention key). The same
 * cluster therefore keeps its id across runs, an entity that absorbs another keeps the id of
 * the one holding the oldest record, and undoing a merge gives the split-off entity back its
 * old id. Leads, audit rows and exports keep pointing at the same person.
 */
export function entityIdFor(oldestMention: number): string {
  const h = createHash('sha1').update(`leadtrac:entity:${oldestMention}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50; // version 5 (name-based, SHA-1)
  h[8] = (h[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const isUpper = (s: string) => s === s.toUpperCase() && s !== s.toLowerCase();

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/** The name most of an entity's records use (oldest first on ties), written as people write it. */
export function displayName(names: readonly (string | null)[]): string {
  const counts = new Map<string, { n: number; first: number; forms: string[] }>();
  names.forEach((name, i) => {
    const t = name?.replace(/\s+/g, ' ').trim();
    if (!t) return;
    const k = t.toLowerCase();
    const c = counts.get(k) ?? { n: 0, first: i, forms: [] };
    c.n++;
    c.forms.push(t);
    counts.set(k, c);
  });
  let best: { n: number; first: number; forms: string[] } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n || (c.n === best.n && c.first < best.first)) best = c;
  if (!best) return '(no name)';
  return best.forms.find((f) => !isUpper(f)) ?? titleCase(best.forms[0]!);
}

export function personName(r: MatchRecord): string | null {
  const parts = [r.givenName, r.middleName, r.familyName].filter((p): p is string => !!p && p.trim() !== '');
  return parts.length > 0 ? parts.join(' ') : null;
}
