import type { Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { needToKnowFor, type Category, type Channel, type NeedToKnow } from '../access';
import { getSource } from '../sources/registry';

/**
 * Need-to-know masking (privacy-act.md, "Safeguards"). What the caller may see is decided once, by
 * the access module's need-to-know policy (assignment to a lead on the subject, or a stated
 * purpose, and the record markings); each presenter asks a Disclosure built on that decision,
 * which remembers what it masked and what it revealed, so the response and the audit row can say so.
 */
export type { Category };

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

  constructor(readonly decision: NeedToKnow) {}

  get purposeStated(): boolean {
    return this.decision.purposeStated;
  }

  /** True when the caller may see this category; records the decision either way. */
  allows(category: Category): boolean {
    const ok = this.decision.reveals(category);
    (ok ? this.revealed : this.masked).add(category);
    return ok;
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

  /** What the audit row records besides its purpose: the basis and what was shown or masked. */
  auditDetails(): { basis: string; revealed: Category[]; masked: Category[] } {
    const s = this.summary();
    return { basis: this.decision.assignment ?? this.decision.basis, revealed: s.revealed, masked: s.masked };
  }

  /** What the response says about the decision (the screen explains what it shows and why). */
  access(): { basis: NeedToKnow['basis']; assignment: string | null; restricted: Category[] } {
    return { basis: this.decision.basis, assignment: this.decision.assignment, restricted: [...this.decision.restricted] };
  }
}

/** A Disclosure for the caller on these subjects (the need-to-know decision, loaded in the transaction). */
export async function disclosureFor(tx: Tx, ctx: RequestContext, subjectIds: readonly string[], channel: Channel = 'view'): Promise<Disclosure> {
  return new Disclosure(await needToKnowFor(tx, ctx, subjectIds, channel));
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

/** The context to audit a read under: its purpose is the decision's (`lead:<number>` under an assignment). */
export function auditContextOf(ctx: RequestContext, d: Disclosure): RequestContext {
  return { ...ctx, purpose: d.decision.auditPurpose };
}
