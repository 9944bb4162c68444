import type { Evidence } from '../../../shared/domain/removal.ts';
import type { TerminalKind } from '../../../shared/domain/terminal.ts';

/** What a read-only, credential-free probe learnt about a device. */
export interface ProbeResult {
  kind: Exclude<TerminalKind, 'unknown'>;
  /** e.g. "v2" (Sophon), "v1" or "v0" (BAS-IP). */
  apiVersion: string;
  serial: string | null;
  model: string | null;
  firmware: string | null;
  name: string | null;
  /** People stored, when the probe could read it without credentials. */
  peopleCount: number | null;
  capacity: number | null;
}

/**
 * The outcome of one item of a bulk operation: a closed set, with the vendor's raw code kept beside it.
 * `unconfirmed`: the request was answered, but not about this item (no per-item result for it): only a
 * complete read of the terminal can tell what became of it.
 */
export type ItemOutcome = 'removed' | 'already-absent' | 'failed' | 'queued' | 'cancelled' | 'unconfirmed';

/** The result of one id in a bulk removal. */
export interface ItemResult {
  id: string;
  outcome: ItemOutcome;
  /**
   * What decided the outcome: the terminal's per-item answer (`answer`), its per-item "not found"
   * (`not-found`), its per-item error (`item-error`), a complete read (`read-back`); null without evidence.
   */
  evidence?: Evidence | null;
  /** The vendor's own code or text for this item (e.g. ID_NOT_FOUND, entity_not_found, deleted). */
  rawCode: string | null;
  /** Why it failed, in words a technician understands (English; translated by code in the UI). */
  reason: string | null;
  /** A failure that can never succeed on this terminal (the id is not valid for it): never retried. */
  permanent?: boolean;
  /**
   * With `unconfirmed`: the terminal's own per-item answer said it did NOT delete this id (its reason unknown),
   * so a complete read that shows the id absent proves it was already absent, not removed by this request.
   */
  notDeleted?: boolean;
}

/** One person as a terminal lists them. */
export interface TerminalPerson {
  /** The terminal's native id: identity_id (Sophon) or link_id (BAS-IP; uid when no link_id). */
  id: string;
  name: string;
  /** Secondary ids (BAS-IP uid, card number; Sophon face ids). */
  extra: Record<string, string>;
}

/** One page of people. */
export interface PeoplePage {
  items: TerminalPerson[];
  /** Everyone on the terminal, as the terminal states it; null when the answer does not say. */
  total: number | null;
}

/** The kind of id a removal item carries. */
export type RemovalIdKind = 'identity_id' | 'link_id' | 'uid';
