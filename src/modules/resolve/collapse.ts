import { hash } from 'node:crypto';
import type { MatchRecord } from './match';
import type { PersonMention } from './mentions';

/**
 * Many records say exactly the same thing about a person: every status event of one SEVIS
 * record, the DSO named on each of a school's SEVIS rows. When such records also share an
 * identifier they are the same person by any rule, so they are matched once, through their
 * oldest mention (the representative), and linked to its entity by that identifier. Without
 * this a DSO named on 2,000 rows would form one block too large to compare.
 */
const STRONG_KINDS = new Set(['passport', 'a_number', 'sevis_id', 'fin', 'i94', 'dso_id']);

export function fingerprint(r: MatchRecord): string | null {
  if (!r.identifiers?.some((i) => STRONG_KINDS.has(i.kind))) return null;
  const content = [
    r.givenName, r.middleName, r.familyName, r.birthDate, r.sex, r.citizenship, r.birthCountry, r.addressLine, r.city, r.state,
    r.postalCode, r.phone, r.email, r.ssn, r.employer,
    ...[...r.identifiers].map((i) => `${i.kind}|${i.country ?? ''}|${i.value}`).sort(),
  ].map((v) => (v === null || v === undefined ? '' : String(v).trim()));
  return hash('sha1', content.join('\u0001'), 'base64url');
}

export interface Collapsed {
  /** Representatives, in mention order. */
  reps: PersonMention[];
  /** Mention → its representative, for every mention (a representative maps to itself). */
  repOf: Map<number, number>;
  fingerprints: Map<number, string>;
}

/**
 * Folds identical identifier-bearing mentions onto the oldest of them; `known` holds
 * representatives already in the index (fingerprint → mention), which new mentions join.
 * Mentions an analyst kept apart from others (`unfolded`) always stand on their own.
 */
export function collapse(
  mentions: readonly PersonMention[],
  known: ReadonlyMap<string, number> = new Map(),
  unfolded: ReadonlySet<number> = new Set(),
): Collapsed {
  const sorted = [...mentions].sort((x, y) => x.mention - y.mention);
  const byPrint = new Map<string, number>(known);
  const reps: PersonMention[] = [];
  const repOf = new Map<number, number>();
  const fingerprints = new Map<number, string>();
  for (const m of sorted) {
    const fp = unfolded.has(m.mention) ? null : fingerprint(m.record);
    if (fp !== null) fingerprints.set(m.mention, fp);
    const rep = fp === null ? undefined : byPrint.get(fp);
    if (rep !== undefined && rep < m.mention) {
      repOf.set(m.mention, rep);
      continue;
    }
    if (fp !== null) byPrint.set(fp, m.mention);
    repOf.set(m.mention, m.mention);
    reps.push(m);
  }
  return { reps, repOf, fingerprints };
}
