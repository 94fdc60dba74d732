import { isValidDate, normalizeIdentifier } from '../sources/normalize';
import type { IdentifierKind } from '../sources/source-types';
import { nameTokens } from './name-keys';

/** What one search box holds, taken apart: name words, dates of birth and identifiers. */
export interface ParsedQuery {
  readonly text: string;
  /** Romanized lower-case name tokens in the order typed. */
  readonly nameTokens: readonly string[];
  /** Candidate dates of birth, `YYYY-MM-DD` (an ambiguous 03/04/1990 gives both readings). */
  readonly dates: readonly string[];
  readonly identifiers: readonly IdentifierCandidate[];
}

export interface IdentifierCandidate {
  readonly kind: IdentifierKind;
  readonly normalized: string;
}

// Kinds a search may look up. legal_process is a case reference, not a way to find a person.
const SEARCHABLE_KINDS: readonly IdentifierKind[] = [
  'passport', 'visa_foil', 'a_number', 'sevis_id', 'fin', 'ssn', 'admission_number',
  'receipt_number', 'phone', 'email', 'vehicle_plate', 'school_code', 'dso_id',
];

// Kinds whose shape is distinctive enough that a whole query of that shape is nothing else.
const STRICT_KINDS: readonly IdentifierKind[] = [
  'a_number', 'sevis_id', 'receipt_number', 'phone', 'email', 'ssn', 'admission_number', 'fin',
];

const pad = (n: number) => String(n).padStart(2, '0');

function dateOf(y: number, m: number, d: number): string | null {
  const s = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return isValidDate(s) ? s : null;
}

/** The dates a token can mean: ISO, compact, or day/month in either order. */
export function parseDateToken(token: string): string[] {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(token);
  if (m) return [dateOf(+m[1]!, +m[2]!, +m[3]!)].filter((d) => d !== null);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(token);
  if (m) return [dateOf(+m[1]!, +m[2]!, +m[3]!)].filter((d) => d !== null);
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(token);
  if (!m) return [];
  const monthFirst = dateOf(+m[3]!, +m[1]!, +m[2]!);
  const dayFirst = dateOf(+m[3]!, +m[2]!, +m[1]!);
  return [...new Set([monthFirst, dayFirst].filter((d) => d !== null))];
}

function identifierCandidates(value: string, kinds: readonly IdentifierKind[]): IdentifierCandidate[] {
  const out: IdentifierCandidate[] = [];
  for (const kind of kinds) {
    const n = normalizeIdentifier(kind, value);
    if (n.valid) out.push({ kind, normalized: n.normalized });
  }
  return out;
}

function uniqueCandidates(list: IdentifierCandidate[]): IdentifierCandidate[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = `${c.kind}:${c.normalized}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function parseQuery(raw: string): ParsedQuery {
  const text = raw.trim().replace(/\s+/g, ' ');
  // "EAC 2490123456", "+1 (617) 555-0187", "A 208 331 457": the whole box is one identifier.
  if (/\d/.test(text) || text.includes('@')) {
    const whole = identifierCandidates(text, STRICT_KINDS);
    if (whole.length > 0 && text.includes(' ')) {
      return { text, nameTokens: [], dates: [], identifiers: whole };
    }
  }
  const dates: string[] = [];
  const identifiers: IdentifierCandidate[] = [];
  const words: string[] = [];
  for (const token of text.split(' ')) {
    if (token === '') continue;
    const asDates = parseDateToken(token);
    dates.push(...asDates);
    const hasDigit = /\d/.test(token);
    if (hasDigit || token.includes('@')) {
      // A token with digits is never a name; an 8-digit date may also be a visa foil number.
      if (asDates.length === 0 || /^\d{8}$/.test(token)) identifiers.push(...identifierCandidates(token, SEARCHABLE_KINDS));
      continue;
    }
    words.push(token);
  }
  return {
    text,
    nameTokens: nameTokens(words.join(' ')),
    dates: [...new Set(dates)],
    identifiers: uniqueCandidates(identifiers),
  };
}
