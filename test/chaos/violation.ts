/** The four invariants a chaos run checks at the end. */
export type InvariantName = 'final-outcome' | 'applied-twice' | 'nothing-lost' | 'integrity';

/** One broken invariant, with what shows it. */
export interface Violation {
  invariant: InvariantName;
  detail: string;
}
