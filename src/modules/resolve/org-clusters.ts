import type { LinkMethod } from './resolve.types';

/**
 * Organizations (schools, employers) are resolved deterministically:
 * - the same SEVP school code is the same school;
 * - the same name, once case, accents, punctuation and a trailing legal form ("Inc", "LLC"…)
 *   are set aside, is the same organization, unless both sides carry school codes and none in
 *   common: two certified schools with one name (a "State University" in two places, or two
 *   schools of one generic name in a city) stay apart, except when the records name a
 *   designated school official (DSO) in common, as the campuses of one school do.
 * Analyst decisions apply as for persons: must-groups are joined first, and no union may join
 * two sides of a must-not.
 */
const LEGAL_FORMS = new Set(['inc', 'llc', 'co', 'corp', 'corporation', 'company', 'ltd', 'limited', 'plc', 'lp', 'llp']);

export function orgKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  if (words[0] === 'the') words.shift();
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  return words.length === 0 ? null : words.join(' ');
}

export function orgCode(code: string | null | undefined): string | null {
  const c = code?.trim().toUpperCase().replace(/[^A-Z0-9]/g, '');
  return c ? c : null;
}

export interface OrgItem {
  code: string | null;
  key: string | null;
  /** The DSO identifier on a school's record, if any. */
  dso?: string | null;
}

export interface OrgClusters {
  clusterOf: Int32Array;
  method: LinkMethod[];
}

/** Clusters org mentions given in mention order; constraints are positions. */
export function clusterOrgs(items: readonly OrgItem[], must: number[][] = [], cannot: [number[], number[]][] = []): OrgClusters {
  const n = items.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  // School codes and DSO identifiers of each cluster, kept at its root.
  const codes = items.map((it) => new Set(it.code === null ? [] : [it.code]));
  const dsos = items.map((it) => new Set(it.dso ? [it.dso] : []));
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const sides = cannot.flatMap(([l, r]) => l.flatMap((x) => r.map((y) => [x, y] as const)));
  /** Two schools under one name: both clusters hold codes (none shared, or they would be one) and no DSO in common. */
  const otherSchool = (rx: number, ry: number): boolean =>
    codes[rx]!.size > 0 && codes[ry]!.size > 0 && ![...dsos[rx]!].some((d) => dsos[ry]!.has(d));
  const union = (x: number, y: number, byName = false): boolean => {
    const rx = find(x);
    const ry = find(y);
    if (rx === ry) return true;
    if (byName && otherSchool(rx, ry)) return false;
    for (const [p, q] of sides) {
      const rp = find(p);
      const rq = find(q);
      if ((rp === rx && rq === ry) || (rp === ry && rq === rx)) return false;
    }
    const [root, child] = rx < ry ? [rx, ry] : [ry, rx];
    parent[child] = root;
    for (const c of codes[child]!) codes[root]!.add(c);
    for (const d of dsos[child]!) dsos[root]!.add(d);
    return true;
  };
  for (const g of must) for (let k = 1; k < g.length; k++) union(g[0]!, g[k]!);
  const viaCode = new Uint8Array(n);
  const firstWithCode = new Map<string, number>();
  items.forEach((it, i) => {
    if (it.code === null) return;
    const f = firstWithCode.get(it.code);
    if (f === undefined) firstWithCode.set(it.code, i);
    else if (union(f, i)) viaCode[f] = viaCode[i] = 1;
  });
  // A name is tried against every cluster it has met that it could not join, not only the
  // first: two campuses may each be refused by another school of the same name, yet share a DSO.
  const apartByName = new Map<string, number[]>();
  items.forEach((it, i) => {
    if (it.key === null) return;
    const met = apartByName.get(it.key);
    if (met === undefined) return void apartByName.set(it.key, [i]);
    let joined = false;
    for (const m of met) if (union(m, i, true)) joined = true;
    if (!joined) met.push(i);
  });
  const clusterOf = new Int32Array(n);
  const size = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    clusterOf[i] = find(i);
    size.set(clusterOf[i]!, (size.get(clusterOf[i]!) ?? 0) + 1);
  }
  const manual = new Set(must.filter((g) => g.length > 1).flat());
  const method = Array.from({ length: n }, (_, i): LinkMethod => {
    if (size.get(clusterOf[i]!)! < 2) return 'singleton';
    if (manual.has(i)) return 'manual';
    return viaCode[i] ? 'identifier' : 'probabilistic';
  });
  return { clusterOf, method };
}
