import type { Category, NeedToKnow } from '../access';

// Need to know in the risk explanation (privacy-act.md, "Safeguards"). The score is the same for
// every caller, and so is each factor's weight; what a factor *says* about enforcement and
// criminal history (arrests, convictions, removals, counted by type from EID) is criminal
// history, shown only to a caller the need-to-know policy reveals it to: one assigned to a lead
// on the person, or one who stated a purpose. Everyone else sees the points and why not more.

/** The sensitive category whose details each risk factor spells out, if any. */
const FACTOR_CATEGORY: Readonly<Record<string, Category>> = {
  ENFORCEMENT_HISTORY: 'CRIMINAL',
};

export const WITHHELD_FACTOR_TEXT =
  'Criminal/enforcement history (details withheld — state a purpose)';

export interface FactorView {
  code: string;
  points: number;
  text: string;
  withheld: boolean;
}

export interface FactorDisclosure {
  factors: FactorView[];
  /** Categories this caller was shown, and those withheld, for the audit row. */
  revealed: Category[];
  withheld: Category[];
}

/** The factors as this caller may read them: the same codes and points, sensitive details only with need to know. */
export function discloseFactors(
  factors: readonly { code: string; points: number; text: string }[],
  decision: Pick<NeedToKnow, 'reveals'>,
): FactorDisclosure {
  const revealed = new Set<Category>();
  const withheld = new Set<Category>();
  const out = factors.map((f): FactorView => {
    const category = FACTOR_CATEGORY[f.code];
    if (!category) return { code: f.code, points: f.points, text: f.text, withheld: false };
    if (decision.reveals(category)) {
      revealed.add(category);
      return { code: f.code, points: f.points, text: f.text, withheld: false };
    }
    withheld.add(category);
    return {
      code: f.code,
      points: f.points,
      text: `${WITHHELD_FACTOR_TEXT}: ${f.points} points`,
      withheld: true,
    };
  });
  return { factors: out, revealed: [...revealed].sort(), withheld: [...withheld].sort() };
}
