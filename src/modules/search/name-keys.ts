import { daitchMokotoff } from '../resolve/match/compare/daitch-mokotoff';
import { nicknameCanonical } from '../resolve/match/compare/nicknames';
import { consonantSkeleton, foldName, nameKey } from '../resolve/match/normalize';

/**
 * The keys a name token is indexed and searched under. All of them come from the resolver's pure
 * name functions (romanization, spelling fold, Daitch–Mokotoff, nicknames) so that search finds
 * what entity resolution would call the same name.
 */
export interface TermFeatures {
  /** Romanized, unaccented, lower-case token ('юрий' → 'yuriy'). */
  readonly term: string;
  /** Spelling-variant fold ('yuriy' → 'iurii' → 'iuri'). */
  readonly folded: string;
  readonly skeleton: string;
  /** Daitch–Mokotoff codes (several when the chart gives alternatives). */
  readonly dm: readonly string[];
  /** Nickname group key ('#12') when the token is a known given name in a group, else null. */
  readonly nick: string | null;
}

/** The tokens of a name as the index holds them: romanized lower-case words, in order. */
export function nameTokens(raw: string | null | undefined): string[] {
  const key = nameKey(raw);
  return key === null ? [] : key.split(' ');
}

// Ranking compares the same few thousand words again and again; their keys never change.
const MEMO = new Map<string, TermFeatures>();
const MEMO_MAX = 100_000;

export function termFeatures(term: string): TermFeatures {
  const hit = MEMO.get(term);
  if (hit) return hit;
  if (MEMO.size >= MEMO_MAX) MEMO.clear();
  const f = computeFeatures(term);
  MEMO.set(term, f);
  return f;
}

function computeFeatures(term: string): TermFeatures {
  const folded = foldName(term);
  const nick = nicknameCanonical(term);
  return {
    term,
    folded,
    skeleton: consonantSkeleton(folded),
    dm: daitchMokotoff(term),
    nick: nick.startsWith('#') ? nick : null,
  };
}

/** True when the text holds letters of a non-Latin script (romanized before comparison). */
export function hasNonLatinLetters(raw: string): boolean {
  return /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Han}\p{Script=Hangul}]/u.test(raw);
}
