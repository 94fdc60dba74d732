/**
 * Identifier keys are 'kind|country|value'. Kinds whose number a person keeps for life:
 * two different values mean two different people (or a data error worth review). Passports
 * are renewed and I-94 numbers are per admission, so differing values there prove nothing.
 */
export const LIFETIME_KINDS = new Set(['a_number', 'fin']);

/** Kinds that prove identity when equal (with the issuing country where one is recorded). */
export const PROVING_KINDS = new Set(['passport', 'a_number', 'sevis_id', 'fin', 'i94']);

export function sharedIdentifiers(a: readonly string[], b: readonly string[]): string[] {
  return a.filter((k) => b.includes(k));
}

function kindOf(key: string): string {
  return key.slice(0, key.indexOf('|'));
}

function kindCountry(key: string): string {
  return key.slice(0, key.lastIndexOf('|'));
}

/** Lifetime numbers of the same kind (and country) that differ, with no shared value. */
export function conflictingIdentifiers(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (const x of a) {
    if (!LIFETIME_KINDS.has(kindOf(x))) continue;
    const kc = kindCountry(x);
    const same = b.filter((y) => kindCountry(y) === kc);
    if (same.length > 0 && !same.includes(x)) out.push(kc);
  }
  return out;
}

export function describeIdentifier(key: string): string {
  const [kind, country, value] = key.split('|');
  const k = (kind ?? '').replace(/_/g, '-');
  return country ? `${k} ${value} (${country})` : `${k} ${value}`;
}
