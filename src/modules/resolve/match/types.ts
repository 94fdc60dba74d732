/** A hard identifier printed on a document or assigned by a system (passport, A-number…). */
export interface Identifier {
  /** e.g. 'passport', 'a_number', 'sevis_id', 'fin', 'i94', 'ssn', 'visa' */
  kind: string;
  value: string;
  /** ISO country of issue, where the kind needs one (passport, national id). */
  country?: string | null;
}

/**
 * One mention of a person in one source record. Everything but id/source is optional;
 * a missing or blank field is "no evidence", never "disagreement".
 */
export interface MatchRecord {
  /** Opaque, unique within a matching run. */
  id: string;
  source: string;
  givenName?: string | null;
  middleName?: string | null;
  familyName?: string | null;
  /** 'YYYY-MM-DD', or the raw string as received when it is malformed, or null. */
  birthDate?: string | null;
  sex?: string | null;
  citizenship?: string | null;
  birthCountry?: string | null;
  addressLine?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  phone?: string | null;
  email?: string | null;
  ssn?: string | null;
  employer?: string | null;
  identifiers?: Identifier[] | null;
}

/** Candidate or scored pairs as parallel typed columns: no per-pair objects in hot loops. */
export interface PairList {
  /** Record positions (store indexes), a[k] < b[k] for a dedupe run. */
  a: Int32Array;
  b: Int32Array;
  length: number;
}

export interface ScoredPairs extends PairList {
  /** Match weight: log2 of the posterior odds (prior included). */
  weight: Float64Array;
}

export interface FieldContribution {
  /** Comparison name, e.g. 'family_name'. */
  field: string;
  /** Level name, e.g. 'jaro_winkler_high'. */
  level: string;
  /** Analyst-readable, e.g. "surname: Jaro–Winkler 0.94, rare name, +6.1". */
  text: string;
  /** Bits (log2 Bayes factor) this field adds; 0 when there is no evidence. */
  weight: number;
}

export interface PairExplanation {
  /** Total match weight in bits, prior included. */
  weight: number;
  probability: number;
  prior: number;
  contributions: FieldContribution[];
  /** Identifier-based certainty, e.g. "same passport P123 (USA)". */
  deterministic: string[];
  /** Contradictions analysts must see, e.g. "same passport, different dates of birth". */
  conflicts: string[];
  /** A rule that held the weight down whatever the fields add up to (the household rule), or null. */
  held: string | null;
}
