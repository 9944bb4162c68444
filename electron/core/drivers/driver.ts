import type { Evidence } from '../../../shared/domain/removal.ts';
import type { TerminalKind } from '../../../shared/domain/terminal.ts';
import type { Credentials } from '../secrets/secret-store.ts';

/** Where a terminal's local API answers. */
export interface Endpoint {
  address: string;
  port: number;
  /** 'http' unless the terminal was found as `_https._tcp` or given as an https URL. */
  scheme: 'http' | 'https';
}

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

/**
 * Classifies a failed request so the engine knows whether to retry: `retryable` for 5xx, timeouts, dropped
 * connections and "busy"; `auth` for rejected credentials; `offline` when the terminal does not answer at
 * all (connection refused, host unreachable); `invalid` for validation errors (never retried).
 */
export type FailureKind = 'retryable' | 'auth' | 'offline' | 'invalid';

/** An error from a driver, classified for retry decisions, with the vendor's raw code. */
export class DriverError extends Error {
  readonly kind: FailureKind;
  readonly rawCode: string | null;
  readonly status: number | null;

  constructor(kind: FailureKind, message: string, rawCode: string | null = null, status: number | null = null) {
    super(message);
    this.name = 'DriverError';
    this.kind = kind;
    this.rawCode = rawCode;
    this.status = status;
  }
}

/** A session with one terminal's local API (credentials bound, token renewed by the driver itself). */
export interface TerminalSession {
  /** Checks the credentials (logging in where the API has a login). Throws DriverError('auth') when refused. */
  verifyCredentials(signal?: AbortSignal): Promise<void>;
  /** People stored (null when the terminal does not tell) and capacity where the API tells. */
  countPeople(signal?: AbortSignal): Promise<{ count: number | null; capacity: number | null }>;
  /** One page of people; `pageIndex` starts at 0 whatever the vendor's own paging base is. */
  listPeople(pageIndex: number, pageSize: number, signal?: AbortSignal): Promise<PeoplePage>;
  /**
   * Removes people by id in ONE request (the caller batches); answers one result per id, in order.
   * Throws DriverError when the request as a whole failed (nothing is known about the items then).
   */
  removePeople(ids: readonly string[], idKind: RemovalIdKind, signal?: AbortSignal): Promise<ItemResult[]>;
  /**
   * Whether a delete by `idKind` answers per item (Sophon identity_id, BAS-IP link_id). When it does not
   * (BAS-IP uid: an empty 200), the engine reads the terminal's list before sending, so "already absent" and
   * "removed" rest on complete reads.
   */
  answersPerItem(idKind: RemovalIdKind): boolean;
}

/** Per-request settings every driver honours. */
export interface DriverOptions {
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
}

/** A driver for one kind of terminal. */
export interface TerminalDriver {
  readonly kind: Exclude<TerminalKind, 'unknown'>;
  /** The ports this kind usually listens on, tried when an address has no port. */
  readonly defaultPorts: readonly number[];
  /** Read-only probe without credentials; null when the device is not of this kind. Never throws for "not mine". */
  probe(endpoint: Endpoint, signal?: AbortSignal): Promise<ProbeResult | null>;
  /** Opens a session with credentials (undefined where the API needs none). */
  session(endpoint: Endpoint, credentials: Credentials | undefined): TerminalSession;
}
