import type { LinkMethod } from './resolve.types';

/**
 * Organizations (schools, employers) are resolved deterministically: the same SEVP school code
 * is the same school, and the same name once case, accents, punctuation and a trailing legal
 * form ("Inc", "LLC"…) are set aside is the same organization. Analyst decisions apply as for
 * persons: must-groups are joined first, and no union may join two sides of a must-not.
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
}

export interface OrgClusters {
  clusterOf: Int32Array;
  method: LinkMethod[];
}

/** Clusters org mentions given in mention order; constraints are positions. */
export function clusterOrgs(items: readonly OrgItem[], must: number[][] = [], cannot: [number[], number[]][] = []): OrgClusters {
  const n = items.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const sides = cannot.flatMap(([l, r]) => l.flatMap((x) => r.map((y) => [x, y] as const)));
  const union = (x: number, y: number): boolean => {
    const rx = find(x);
    const ry = find(y);
    if (rx === ry) return true;
    for (const [p, q] of sides) {
      const rp = find(p);
      const rq = find(q);
      if ((rp === rx && rq === ry) || (rp === ry && rq === rx)) return false;
    }
    if (rx < ry) parent[ry] = rx;
    else parent[rx] = ry;
    return true;
  };
  for (const g of must) for (let k = 1; k < g.length; k++) union(g[0]!, g[k]!);
  const viaCode = new Uint8Array(n);
  for (const field of ['code', 'key'] as const) {
    const first = new Map<string, number>();
    items.forEach((it, i) => {
      const v = it[field];
      if (v === null) return;
      const f = first.get(v);
      if (f === undefined) first.set(v, i);
      else if (union(f, i) && field === 'code') viaCode[f] = viaCode[i] = 1;
    });
  }
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
