/** Shared shapes of the resolve module (no logic). */
export type LinkMethod = 'identifier' | 'probabilistic' | 'manual' | 'singleton';
export type EntityKind = 'person' | 'organization';
export type ReviewReason = 'band' | 'incoherent' | 'conflict';
export type DecisionKind = 'confirm' | 'reject' | 'merge' | 'split';

/** What one mention should be linked to after a run. */
export interface DesiredLink {
  mention: number;
  entityId: string;
  method: LinkMethod;
  weight: number | null;
}

export interface DesiredEntity {
  id: string;
  kind: EntityKind;
  orgType: 'school' | 'employer' | null;
  displayName: string;
}

export interface ResolveProgress {
  (line: string): void;
}
