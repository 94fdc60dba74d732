import { DATE_LEVEL, dateLevel } from './compare/dates';
import { NAME_LEVEL, nameLevel } from './compare/names';
import {
  conflictingIdentifiers,
  describeIdentifier,
  PROVING_KINDS,
  sharedIdentifiers,
} from './identifiers';
import type { RecordStore } from './store';

export interface IdentifierEvidence {
  /** Shared identifiers that prove identity, described for analysts. */
  proving: string[];
  /** Contradictions: what an analyst must look at before trusting the link. */
  conflicts: string[];
  /** Lifetime numbers that differ: the records must not be merged automatically. */
  cannotLink: boolean;
}

/** Weight given to an identifier-proven link (bits): above any probabilistic evidence. */
export const PROVEN_BITS = 60;

function kindOf(key: string): string {
  return key.slice(0, key.indexOf('|'));
}

function dobConflict(s: RecordStore, i: number, j: number): string | null {
  const a = s.dob.ids[i]!;
  const b = s.dob.ids[j]!;
  if (a < 0 || b < 0) return null;
  const level = dateLevel(s.dob.dict.feats[a]!, s.dob.dict.feats[b]!);
  if (level < DATE_LEVEL.otherYear) return null;
  return `different dates of birth (${s.dob.dict.keys[a]} vs ${s.dob.dict.keys[b]})`;
}

function sameName(s: RecordStore, x: number, y: number): boolean {
  return nameLevel(s.names.feats[x]!, s.names.feats[y]!) !== NAME_LEVEL.other;
}

function nameConflict(s: RecordStore, i: number, j: number): string | null {
  const fa = s.family.ids[i]!;
  const fb = s.family.ids[j]!;
  if (fa < 0 || fb < 0 || sameName(s, fa, fb)) return null;
  // Given and family names swapped on one record (transliterated names often are): the same
  // surname, not another one. The swap must hold both ways when both given names are there.
  const ga = s.given.ids[i]!;
  const gb = s.given.ids[j]!;
  if (gb >= 0 && sameName(s, fa, gb) && (ga < 0 || sameName(s, ga, fb))) return null;
  if (ga >= 0 && gb < 0 && sameName(s, ga, fb)) return null;
  return `different surnames (${s.names.keys[fa]} vs ${s.names.keys[fb]})`;
}

/**
 * identifierEvidence(s, i, j).cannotLink without describing anything: clustering asks it for
 * every member pair it checks when two clusters meet.
 */
export function identifiersForbid(s: RecordStore, i: number, j: number): boolean {
  const a = s.identifiers[i];
  const b = s.identifiers[j];
  return !!a && !!b && conflictingIdentifiers(a, b).length > 0 && !sharedIdentifiers(a, b).some((k) => PROVING_KINDS.has(kindOf(k)));
}

/** What the hard identifiers of two records say about them, and what contradicts it. */
export function identifierEvidence(s: RecordStore, i: number, j: number): IdentifierEvidence {
  const a = s.identifiers[i];
  const b = s.identifiers[j];
  const none: IdentifierEvidence = { proving: [], conflicts: [], cannotLink: false };
  if (!a || !b) return none;
  const proving = sharedIdentifiers(a, b).filter((k) => PROVING_KINDS.has(kindOf(k)));
  const lifetime = conflictingIdentifiers(a, b);
  const conflicts: string[] = lifetime.map(
    (kc) => `different ${kc.split('|')[0]!.replace(/_/g, '-')} numbers`,
  );
  if (proving.length > 0) {
    const what = `same ${describeIdentifier(proving[0]!)}`;
    for (const c of [dobConflict(s, i, j), nameConflict(s, i, j)]) {
      if (c !== null) conflicts.push(`${what}, ${c}`);
    }
  }
  return {
    proving: proving.map(describeIdentifier),
    conflicts,
    cannotLink: lifetime.length > 0 && proving.length === 0,
  };
}
