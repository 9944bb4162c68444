import type { TerminalKind } from '../../../shared/domain/terminal.ts';
import type { Credentials } from '../secrets/secret-store.ts';
import type { DriverCapabilities, Identify, RemoveFace } from './capabilities.ts';
import type { ItemResult, PeoplePage, ProbeResult, RemovalIdKind } from './results.ts';

export type { ItemOutcome, ItemResult, PeoplePage, ProbeResult, RemovalIdKind, TerminalPerson } from './results.ts';

/** Where a terminal's local API answers. */
export interface Endpoint {
  address: string;
  port: number;
  /** 'http' unless the terminal was found as `_https._tcp` or given as an https URL. */
  scheme: 'http' | 'https';
}

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
  /**
   * Capability: removes one face of a person without deleting the person. Present only where the terminal
   * stores single faces (Sophon); callers check for it (`if (session.removeFace)`), never cast.
   */
  readonly removeFace?: RemoveFace;
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
  /** What this kind's sessions can do (capabilities.ts). */
  readonly capabilities: DriverCapabilities;
  /** How discovery identifies this kind over its own recording HTTP client. */
  readonly identify: Identify;
  /** Read-only probe without credentials; null when the device is not of this kind. Never throws for "not mine". */
  probe(endpoint: Endpoint, signal?: AbortSignal): Promise<ProbeResult | null>;
  /** Opens a session with credentials (undefined where the API needs none). */
  session(endpoint: Endpoint, credentials: Credentials | undefined): TerminalSession;
}
