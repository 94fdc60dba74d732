/**
 * Analyst decisions as clustering constraints, in mention keys: groups whose mentions must
 * share an entity (confirm, merge, the records split out), and pairs of sides that must not
 * (reject, split). Active decisions never contradict each other: a decision that would is
 * refused (see findContradiction), so the order they were made in does not matter.
 */
export interface DecisionConstraints {
  id: string;
  must: number[][];
  cannot: [number[], number[]][];
}

export class UnionFind {
  private readonly parent = new Map<number, number>();

  find(x: number): number {
    let r = x;
    for (let p = this.parent.get(r); p !== undefined && p !== r; p = this.parent.get(r)) r = p;
    let c = x;
    while (c !== r) {
      const next = this.parent.get(c) ?? r;
      this.parent.set(c, r);
      c = next;
    }
    return r;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // The smaller key roots the set: results never depend on the order of unions.
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }
}

/** Must-groups merged across decisions (a mention in two groups joins them). */
export function mustGroups(decisions: readonly DecisionConstraints[], mapKey: (m: number) => number = (m) => m): UnionFind {
  const uf = new UnionFind();
  for (const d of decisions) {
    for (const g of d.must) for (let k = 1; k < g.length; k++) uf.union(mapKey(g[0]!), mapKey(g[k]!));
  }
  return uf;
}

export interface Contradiction {
  /** The earlier decision the new one contradicts (null: it contradicts itself). */
  decisionId: string | null;
  a: number;
  b: number;
}

/**
 * Whether adding `next` to the active decisions would put a must-not pair inside a must-group.
 * `mapKey` folds identical duplicates onto their representative.
 */
export function findContradiction(
  active: readonly DecisionConstraints[],
  next: DecisionConstraints,
  mapKey: (m: number) => number = (m) => m,
): Contradiction | null {
  const all = [...active, next];
  const uf = mustGroups(all, mapKey);
  for (const d of all) {
    for (const [left, right] of d.cannot) {
      for (const a of left) {
        for (const b of right) {
          if (uf.find(mapKey(a)) !== uf.find(mapKey(b))) continue;
          return { decisionId: blame(active, next, d, a, b, mapKey), a, b };
        }
      }
    }
  }
  return null;
}

/** Which decision the new one clashes with: the other side of the must/cannot conflict. */
function blame(
  active: readonly DecisionConstraints[],
  next: DecisionConstraints,
  offending: DecisionConstraints,
  a: number,
  b: number,
  mapKey: (m: number) => number,
): string | null {
  if (offending !== next) return offending.id;
  // The new decision's must-not pair sits in a group some earlier decision made.
  for (const d of active) {
    const uf = mustGroups([d, next], mapKey);
    const alone = mustGroups([next], mapKey);
    if (uf.find(mapKey(a)) === uf.find(mapKey(b)) && alone.find(mapKey(a)) !== alone.find(mapKey(b))) return d.id;
  }
  return null;
}

/** Every mention a set of decisions names. */
export function mentionsOf(decisions: readonly DecisionConstraints[]): number[] {
  const out = new Set<number>();
  for (const d of decisions) {
    for (const g of d.must) for (const m of g) out.add(m);
    for (const [l, r] of d.cannot) for (const m of [...l, ...r]) out.add(m);
  }
  return [...out];
}
