import type { DecisionConstraints } from './constraints';
import { displayName, entityIdFor } from './entity-ids';
import type { OrgMention } from './mentions';
import { clusterOrgs, orgCode, orgKey } from './org-clusters';
import type { DesiredEntity, DesiredLink } from './resolve.types';

/** Organization mentions of one set (all, or the ones a batch or decision touches) → entities. */
export interface OrgSetResult {
  links: DesiredLink[];
  entities: DesiredEntity[];
}

/**
 * What organization clustering reads of a mention, as the match index keeps it (match_mentions'
 * org_ columns): the name key, the school code and the DSO identifier, compared as codes are
 * (upper case, letters and digits only), and the label that names the entity (the name as
 * received, or the code when there is no name).
 */
export interface OrgFields {
  key: string | null;
  code: string | null;
  dso: string | null;
  label: string | null;
}

export interface IndexedOrg extends OrgFields {
  mention: number;
  role: string;
}

export const indexedOrg = (m: OrgMention): IndexedOrg => ({
  mention: m.mention,
  role: m.role,
  key: orgKey(m.name),
  code: orgCode(m.code),
  dso: orgCode(m.dso),
  label: m.name ?? m.code,
});

export function clusterOrgSet(mentions: readonly IndexedOrg[], decisions: readonly DecisionConstraints[]): OrgSetResult {
  const sorted = [...mentions].sort((x, y) => x.mention - y.mention);
  const pos = new Map(sorted.map((m, i) => [m.mention, i]));
  const at = (ms: readonly number[]) => ms.map((m) => pos.get(m)).filter((p): p is number => p !== undefined);
  const must = decisions.flatMap((d) => d.must.map(at)).filter((g) => g.length > 1);
  const cannot = decisions
    .flatMap((d) => d.cannot.map(([l, r]) => [at(l), at(r)] as [number[], number[]]))
    .filter(([l, r]) => l.length > 0 && r.length > 0);
  const c = clusterOrgs(sorted, must, cannot);
  const members = new Map<number, number[]>();
  sorted.forEach((_, i) => {
    const list = members.get(c.clusterOf[i]!) ?? [];
    list.push(i);
    members.set(c.clusterOf[i]!, list);
  });
  const links: DesiredLink[] = [];
  const entities: DesiredEntity[] = [];
  for (const list of members.values()) {
    const first = sorted[list[0]!]!;
    const id = entityIdFor(first.mention);
    const school = list.some((i) => sorted[i]!.role === 'school');
    for (const i of list) links.push({ mention: sorted[i]!.mention, entityId: id, method: c.method[i]!, weight: null });
    entities.push({
      id,
      kind: 'organization',
      orgType: school ? 'school' : 'employer',
      displayName: displayName(list.map((i) => sorted[i]!.label)),
    });
  }
  return { links, entities };
}
