import { isNickname } from '../resolve/match/compare/nicknames';
import { jaroWinkler } from '../resolve/match/compare/jaro-winkler';
import { hasNonLatinLetters, nameTokens, termFeatures } from './name-keys';
import { trigramSimilarity } from './trigram';

/**
 * Pure ranking and explanation of search hits: how well a typed name matches a recorded one, in
 * any word order, and why, in words an analyst can check. No database here (unit-tested).
 */
export type TokenMatchKind =
  | 'exact'
  | 'variant'
  | 'transliteration'
  | 'nickname'
  | 'phonetic'
  | 'misspelling'
  | 'partial';

export interface TokenMatch {
  readonly query: string;
  readonly name: string;
  readonly kind: TokenMatchKind;
  readonly score: number;
  /** Position of the matched word in the recorded name. */
  readonly position: number;
}

export interface NameMatch {
  readonly fullName: string;
  readonly score: number;
  /** pg_trgm similarity of the typed words and the recorded words they were paired with, sorted. */
  readonly trigram: number;
  readonly tokens: readonly TokenMatch[];
  readonly otherOrder: boolean;
  readonly explanation: string;
}

const KIND_SCORE: Record<Exclude<TokenMatchKind, 'misspelling' | 'partial'>, number> = {
  exact: 1,
  variant: 0.95,
  transliteration: 0.95,
  nickname: 0.85,
  phonetic: 0.8,
};

const KIND_WORDS: Record<TokenMatchKind, string> = {
  exact: 'exact',
  variant: 'spelling variant',
  transliteration: 'transliteration',
  nickname: 'nickname',
  phonetic: 'sounds alike',
  misspelling: 'misspelling',
  partial: 'partial',
};

const MIN_TOKEN_SCORE = 0.72;

function sharesPhonetic(a: string, b: string): boolean {
  const fa = termFeatures(a);
  const fb = termFeatures(b);
  if (fa.skeleton.length >= 3 && fa.skeleton === fb.skeleton) return true;
  return fa.dm.some((c) => fb.dm.includes(c));
}

/** How one typed word matches one recorded word, or null when it does not. */
export function compareTokens(q: string, n: string, transliterated: boolean): { kind: TokenMatchKind; score: number } | null {
  if (q === n) return { kind: transliterated ? 'transliteration' : 'exact', score: KIND_SCORE.exact };
  const fq = termFeatures(q);
  const fn = termFeatures(n);
  if (fq.folded === fn.folded) return { kind: transliterated ? 'transliteration' : 'variant', score: KIND_SCORE.variant };
  if (isNickname(q, n)) return { kind: 'nickname', score: KIND_SCORE.nickname };
  const jw = jaroWinkler(q, n);
  const typo = jw >= 0.84 ? jw * 0.95 : 0;
  const phonetic = sharesPhonetic(q, n) && jw >= 0.6 ? KIND_SCORE.phonetic : 0;
  const partial = q.length >= 2 && q.length < n.length && n.startsWith(q) ? 0.7 + 0.25 * (q.length / n.length) : 0;
  const best = Math.max(typo, phonetic, partial);
  if (best < MIN_TOKEN_SCORE) return null;
  // A typed beginning of the recorded word is "partial" even when it also reads as a typo.
  if (partial > 0) return { kind: 'partial', score: best };
  if (best === typo) return { kind: 'misspelling', score: typo };
  return { kind: 'phonetic', score: phonetic };
}

/** Greedy one-to-one pairing of typed words with recorded words, best pairs first. */
function alignTokens(query: readonly string[], name: readonly string[], transliterated: boolean): TokenMatch[] {
  const pairs: (TokenMatch & { qi: number })[] = [];
  query.forEach((q, qi) => {
    name.forEach((n, position) => {
      const m = compareTokens(q, n, transliterated);
      if (m) pairs.push({ query: q, name: n, position, qi, ...m });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.position - b.position);
  const usedQ = new Set<number>();
  const usedN = new Set<number>();
  const out: (TokenMatch & { qi: number })[] = [];
  for (const p of pairs) {
    if (usedQ.has(p.qi) || usedN.has(p.position)) continue;
    usedQ.add(p.qi);
    usedN.add(p.position);
    out.push(p);
  }
  return out.sort((a, b) => a.qi - b.qi).map(({ qi: _qi, ...m }) => m);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function describe(fullName: string, trigram: number, tokens: readonly TokenMatch[], missing: readonly string[], otherOrder: boolean): string {
  const notes: string[] = [];
  for (const kind of ['variant', 'transliteration', 'nickname', 'phonetic', 'misspelling', 'partial'] as const) {
    const of = tokens.filter((t) => t.kind === kind);
    if (of.length > 0) notes.push(`${KIND_WORDS[kind]}: ${of.map((t) => `${t.query}→${t.name}`).join(', ')}`);
  }
  if (otherOrder) notes.push('other order');
  if (missing.length > 0) notes.push(`not matched: ${missing.join(', ')}`);
  const how = notes.length === 0 ? 'exact' : notes.join('; ');
  return `name: trigram ${trigram.toFixed(2)} on '${fullName}' (${how})`;
}

/**
 * Score a recorded name against the typed words: the mean of the typed words' best match scores,
 * slightly lowered when the recorded name has words the query did not mention.
 */
export function scoreName(query: readonly string[], fullName: string, queryText = query.join(' ')): NameMatch | null {
  const name = nameTokens(fullName);
  if (query.length === 0 || name.length === 0) return null;
  const transliterated = hasNonLatinLetters(fullName) || hasNonLatinLetters(queryText);
  const tokens = alignTokens(query, name, transliterated);
  if (tokens.length === 0) return null;
  const sum = tokens.reduce((s, t) => s + t.score, 0);
  const coverage = tokens.length / name.length;
  const score = (sum / query.length) * (0.85 + 0.15 * coverage);
  const positions = tokens.map((t) => t.position);
  const otherOrder = positions.some((p, i) => i > 0 && p < positions[i - 1]!);
  const sorted = (xs: readonly string[]) => [...xs].sort().join(' ');
  // Over the words that were paired, so a middle name the analyst left out does not lower it.
  const trigram = round2(trigramSimilarity(sorted(tokens.map((t) => t.query)), sorted(tokens.map((t) => t.name))));
  const missing = query.filter((q) => !tokens.some((t) => t.query === q));
  return { fullName, score: round2(score), trigram, tokens, otherOrder, explanation: describe(fullName, trigram, tokens, missing, otherOrder) };
}

export interface IdentifierHit {
  readonly kind: string;
  /** As it may be shown to this caller (an SSN masked without a stated purpose). */
  readonly shown: string;
  readonly records: number;
}

export interface EntityEvidence {
  readonly bestName: NameMatch | null;
  readonly identifiers: readonly IdentifierHit[];
  readonly birthDates: readonly string[];
}

export interface RankedEvidence {
  readonly score: number;
  readonly reasons: string[];
}

const KIND_LABEL: Record<string, string> = {
  passport: 'passport', visa_foil: 'visa foil', a_number: 'A-number', sevis_id: 'SEVIS ID', fin: 'FIN',
  ssn: 'SSN', admission_number: 'I-94 number', receipt_number: 'receipt number', phone: 'phone',
  email: 'e-mail', vehicle_plate: 'vehicle plate', school_code: 'school code', dso_id: 'DSO ID',
};

export function identifierLabel(kind: string): string {
  return KIND_LABEL[kind] ?? kind;
}

/** Combine name, identifier and date-of-birth evidence into one score and its reasons. */
export function rankEntity(queryDates: readonly string[], ev: EntityEvidence): RankedEvidence {
  const reasons: string[] = [];
  let score = 0;
  for (const id of ev.identifiers) {
    score = 1;
    reasons.push(`${identifierLabel(id.kind)} ${id.shown} exact (${id.records} record${id.records === 1 ? '' : 's'})`);
  }
  if (ev.bestName) {
    score = Math.max(score, ev.bestName.score);
    reasons.push(ev.bestName.explanation);
  }
  if (queryDates.length > 0) {
    const hit = ev.birthDates.find((d) => queryDates.includes(d));
    if (hit) {
      score = score === 0 ? 0.6 : Math.min(1, score + 0.15);
      reasons.push(`date of birth ${hit} exact`);
    } else if (ev.birthDates.length > 0) {
      score *= 0.75;
      reasons.push(`date of birth differs (${ev.birthDates.slice(0, 3).join(', ')})`);
    } else {
      reasons.push('no date of birth on file');
    }
  }
  return { score: round2(score), reasons };
}
