import type { RequestContext } from '../../shared/context';
import { getSource } from '../sources/registry';

/**
 * Need-to-know masking (privacy-act.md, "Safeguards"): a subject's sensitive categories are shown
 * only to a caller who stated a purpose for the request (header x-purpose, recorded in the audit
 * row of the read). Without one, presenters mask them. Each presenter asks a Disclosure, which
 * remembers what it masked and what it revealed, so the response and the audit row can say so.
 */
export type Category = 'SSN' | 'FINANCIAL' | 'CRIMINAL' | 'CDR' | 'INFORMANT' | 'TIP';

export const WITHHELD: Readonly<Record<Exclude<Category, 'SSN'>, string>> = {
  INFORMANT: 'withheld (informant)',
  CRIMINAL: 'withheld (criminal history)',
  FINANCIAL: 'withheld (financial)',
  TIP: 'withheld (tip)',
  CDR: 'withheld (call detail records)',
};

export class Disclosure {
  readonly masked = new Set<Category>();
  readonly revealed = new Set<Category>();

  constructor(readonly purposeStated: boolean) {}

  /** True when the caller may see this category; records the decision either way. */
  allows(category: Category): boolean {
    (this.purposeStated ? this.revealed : this.masked).add(category);
    return this.purposeStated;
  }

  /** The value, or its masked form. Empty values stay empty (nothing to hide). */
  show(category: Category, value: string | null): string | null {
    if (value === null || value === '') return value;
    if (this.allows(category)) return value;
    return category === 'SSN' ? maskSsn(value) : WITHHELD[category];
  }

  summary(): { purposeStated: boolean; masked: Category[]; revealed: Category[] } {
    return { purposeStated: this.purposeStated, masked: [...this.masked].sort(), revealed: [...this.revealed].sort() };
  }
}

export function disclosureFor(ctx: RequestContext): Disclosure {
  return new Disclosure(ctx.purpose !== null);
}

/** '912-44-0387' → '***-**-0387': the last four digits, as on most printed forms. */
export function maskSsn(value: string): string {
  const digits = value.replace(/\D/g, '');
  return `***-**-${digits.slice(-4).padStart(4, '*')}`;
}

// Tip content is sensitive as a whole, not only the tipster's identity columns.
const TIP_CONTENT = new Set(['narrative']);

/** The sensitive category of one column of a source, from the source definitions (data, not code). */
export function columnCategory(source: string, column: string): Category | null {
  if (source === 'tips' && TIP_CONTENT.has(column)) return 'TIP';
  const def = getSource(source);
  if (def.recordSensitivity === 'CDR') return column === 'record_id' ? null : 'CDR';
  const spec = def.columns.find((c) => c.name === column);
  return spec?.sensitivity ?? null;
}

/** Categories a whole record falls in (a CDR record is withheld whole without a purpose). */
export function recordCategory(source: string): Category | null {
  const def = getSource(source);
  if (def.recordSensitivity === 'CDR') return 'CDR';
  return null;
}
