import type { StatusConfig } from './status-config';

// The configuration turned into lookup tables once per config object, so the per-admission
// path does set lookups instead of scanning lists or compiling regular expressions.

export type ClassKind = 'OUT_OF_SCOPE' | 'VWP' | 'F' | 'J' | 'M' | 'WORKER' | 'FIXED' | 'LPR';

export interface ClassInfo {
  /** Upper case, letters and digits only: "h-1b" → "H1B". */
  code: string;
  /** Leading letters of the code: H1B → H, TN → TN, C1D → C. */
  family: string;
  kind: ClassKind;
  isH1B: boolean;
  /** For the rules text: F1 → F-1, H1B → H-1B, TN → TN. */
  label: string;
}

export type TerminationKind = 'VIOLATION' | 'EARLY_WITHDRAWAL' | 'CHANGE_OF_STATUS' | 'DEATH';

export interface CompiledConfig {
  config: StatusConfig;
  outOfScope: ReadonlySet<string>;
  visaWaiver: ReadonlySet<string>;
  workers: ReadonlySet<string>;
  landMode: string;
  landCountries: ReadonlySet<string>;
  visaExempt: ReadonlySet<string>;
  /** Lower-cased, trimmed SEVIS termination reason → kind. */
  terminationReasons: ReadonlyMap<string, TerminationKind>;
  extensionForms: ReadonlySet<string>;
  adjustmentForms: ReadonlySet<string>;
  classCache: Map<string, ClassInfo>;
}

/** The class given to an admission whose holder adjusted to permanent residence. */
export const LPR_CLASS: ClassInfo = Object.freeze({
  code: 'LPR',
  family: 'LPR',
  kind: 'LPR',
  isH1B: false,
  label: 'permanent resident',
});

const CLASS_CACHE_LIMIT = 10_000;
const compiled = new WeakMap<StatusConfig, CompiledConfig>();

/** Upper case, letters and digits only. */
export function normalizeCode(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    let c = raw.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) out += String.fromCharCode(c);
  }
  return out;
}

function leadingLetters(code: string): string {
  let i = 0;
  while (i < code.length && code.charCodeAt(i) >= 65 && code.charCodeAt(i) <= 90) i++;
  return code.slice(0, i);
}

function upperSet(values: readonly string[]): Set<string> {
  return new Set(values.map((v) => normalizeCode(v)));
}

function reasonTable(config: StatusConfig): Map<string, TerminationKind> {
  const table = new Map<string, TerminationKind>();
  const r = config.sevisTerminationReasons;
  const add = (list: readonly string[], kind: TerminationKind) => {
    for (const reason of list) table.set(reason.trim().toLowerCase(), kind);
  };
  add(r.violation, 'VIOLATION');
  add(r.earlyWithdrawal, 'EARLY_WITHDRAWAL');
  add(r.changeOfStatus, 'CHANGE_OF_STATUS');
  add(r.death, 'DEATH');
  return table;
}

export function compileConfig(config: StatusConfig): CompiledConfig {
  const hit = compiled.get(config);
  if (hit) return hit;
  const cc: CompiledConfig = {
    config,
    outOfScope: upperSet(config.outOfScopeClassPrefixes),
    visaWaiver: upperSet(config.visaWaiverClasses),
    workers: upperSet(config.workerClassPrefixes),
    landMode: config.indeterminateLand.mode.trim().toLowerCase(),
    landCountries: upperSet(config.indeterminateLand.citizenships),
    visaExempt: upperSet(config.visaExemptCitizenships),
    terminationReasons: reasonTable(config),
    extensionForms: upperSet(config.claimForms.extensionOrChange),
    adjustmentForms: upperSet(config.claimForms.adjustment),
    classCache: new Map(),
  };
  compiled.set(config, cc);
  return cc;
}

function kindOf(cc: CompiledConfig, code: string, family: string): ClassKind {
  if (cc.outOfScope.has(family)) return 'OUT_OF_SCOPE';
  if (cc.visaWaiver.has(code)) return 'VWP';
  if (family === 'F' || family === 'J' || family === 'M') return family;
  if (cc.workers.has(family)) return 'WORKER';
  return 'FIXED';
}

export function classInfo(cc: CompiledConfig, raw: string): ClassInfo {
  const hit = cc.classCache.get(raw);
  if (hit) return hit;
  const code = normalizeCode(raw);
  const family = leadingLetters(code);
  const info: ClassInfo = Object.freeze({
    code,
    family,
    kind: kindOf(cc, code, family),
    isH1B: code === 'H1B',
    label: family.length === 1 && code.length > 1 ? `${family}-${code.slice(1)}` : code || '(none)',
  });
  // Bounded so garbage class strings in a bad feed cannot grow memory without limit.
  if (cc.classCache.size < CLASS_CACHE_LIMIT) cc.classCache.set(raw, info);
  return info;
}

/** True when `value`, upper-cased, is in `set` (avoids allocating for already-upper input). */
export function hasUpper(set: ReadonlySet<string>, value: string | null | undefined): boolean {
  if (!value) return false;
  return set.has(value) || set.has(normalizeCode(value));
}
