/** The five invariants a chaos run checks at the end. */
export type InvariantName = 'final-outcome' | 'applied-twice' | 'nothing-lost' | 'integrity' | 'ground-truth';

/** One broken invariant, with what shows it. */
export interface Violation {
  invariant: InvariantName;
  detail: string;
}
