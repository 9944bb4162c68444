import { z } from 'zod';

/** Kinds of device the app can tell apart by probing. */
export const TerminalKindSchema = z.enum(['sophon', 'basip', 'unknown']);

/** A kind of device. */
export type TerminalKind = z.infer<typeof TerminalKindSchema>;

/** How a terminal was found. */
export const DiscoverySourceSchema = z.enum(['mdns', 'manual', 'sweep']);

/** How a terminal was found. */
export type DiscoverySource = z.infer<typeof DiscoverySourceSchema>;

/** Whether the stored credentials work on a terminal. */
export const CredentialStateSchema = z.enum(['unknown', 'ok', 'rejected', 'missing', 'not-required']);

/** Whether the stored credentials work on a terminal. */
export type CredentialState = z.infer<typeof CredentialStateSchema>;

/** The kinds a probe can try (every kind but `unknown`). */
export const ProbeKindSchema = z.enum(['sophon', 'basip']);

/** A kind a probe can try. */
export type ProbeKind = z.infer<typeof ProbeKindSchema>;

/**
 * Why a probe request got no HTTP answer: nothing listens or the host cannot be reached, no answer in time,
 * the connection was dropped, the answer was larger than the app reads, or another transport failure.
 */
export const ProbeFailureSchema = z.enum(['unreachable', 'timeout', 'dropped', 'too-large', 'other']);

/** Why a probe request got no HTTP answer. */
export type ProbeFailure = z.infer<typeof ProbeFailureSchema>;

/**
 * One request sent while identifying a device and what came back, short and sanitised: never a password,
 * its hash, a token or a query string, only what helps a technician see what the device is.
 */
export const ProbeAttemptSchema = z.object({
  /** The kind being tried; null for the plain HTTP check (`GET /`). */
  kind: ProbeKindSchema.nullable(),
  /** Whether the request carried the technician's credentials (a login, or a call with its token). */
  authenticated: z.boolean(),
  port: z.number().int().min(1).max(65535),
  /** Method and path, e.g. `GET /api/v1/info` (never the query: a login's carries the password hash). */
  request: z.string().max(160),
  /** The HTTP status; null when no answer came (see `failure`). */
  status: z.number().int().min(0).max(999).nullable(),
  /** The answer's content type, if it named one. */
  contentType: z.string().max(100).nullable(),
  /**
   * What came back: the vendor's error body (e.g. `{"error":"Log In"}`), the keys of another JSON object
   * (values left out), or the first characters of a text answer; empty when there was no body.
   */
  excerpt: z.string().max(200),
  /** Why no answer came; null when one did. */
  failure: ProbeFailureSchema.nullable(),
});

/** One request sent while identifying a device and what came back. */
export type ProbeAttempt = z.infer<typeof ProbeAttemptSchema>;

/** Most attempts kept in one {@link IdentificationRecord}. */
export const MAX_PROBE_ATTEMPTS = 32;

/** What the app tried to identify a device that stayed unknown, and what each probe answered. */
export const IdentificationRecordSchema = z.object({
  /** When the attempts were made (ms since epoch). */
  at: z.number().int(),
  /** The kind the technician chose, null when the app had to detect it. */
  chosenKind: ProbeKindSchema.nullable(),
  attempts: z.array(ProbeAttemptSchema).max(MAX_PROBE_ATTEMPTS),
});

/** What the app tried to identify a device that stayed unknown. */
export type IdentificationRecord = z.infer<typeof IdentificationRecordSchema>;

/**
 * Whether the app may send stored credentials to a terminal: `trusted` once the technician added it by address
 * or confirmed it (its identity is then pinned), `untrusted` when only discovered (mDNS, sweep), `conflict` when
 * a device claims its serial from another address or answers at its pinned address as another device.
 */
export const TrustStateSchema = z.enum(['trusted', 'untrusted', 'conflict']);

/** Whether the app may send stored credentials to a terminal. */
export type TrustState = z.infer<typeof TrustStateSchema>;

/** The identity of a trusted terminal as it was when the technician trusted it (the serial is the row's key). */
export const TerminalPinSchema = z.object({
  address: z.string().max(255),
  port: z.number().int().min(1).max(65535),
  kind: TerminalKindSchema,
  model: z.string().max(128).nullable(),
  /**
   * Its hardware (MAC) address as this laptop's neighbour table knew it when trusted (lower case); null or
   * absent when unknown (another subnet, loopback, a system without a readable table, older rows).
   */
  mac: z.string().max(17).nullable().optional(),
  /** When it was trusted (ms since epoch; 0 for rows trusted by migration 11). */
  at: z.number().int(),
});

/** The pinned identity of a trusted terminal. */
export type TerminalPin = z.infer<typeof TerminalPinSchema>;

/**
 * Why a trusted terminal is in conflict: `serial-elsewhere`, a device at another address claims its serial;
 * `identity-changed`, the device answering at its pinned address tells another serial or kind; `mac-changed`,
 * the device answering at its pinned address has another hardware (MAC) address than the one pinned.
 */
export const ConflictReasonSchema = z.enum(['serial-elsewhere', 'identity-changed', 'mac-changed']);

/** The device that contradicts a trusted terminal's pinned identity. */
export const TrustConflictSchema = z.object({
  reason: ConflictReasonSchema,
  /** Where the contradicting device answered. */
  address: z.string().max(255),
  port: z.number().int().min(1).max(65535),
  /** What the contradicting device told about itself (null when it did not tell). */
  serial: z.string().max(128).nullable(),
  kind: TerminalKindSchema,
  /** Its hardware (MAC) address, when known (always for `mac-changed`). */
  mac: z.string().max(17).nullable().optional(),
  /** When it was seen (ms since epoch). */
  at: z.number().int(),
});

/** The device that contradicts a trusted terminal's pinned identity. */
export type TrustConflict = z.infer<typeof TrustConflictSchema>;

/** One terminal in the site inventory. Its identity is its serial number, never its address. */
export const TerminalSchema = z.object({
  serial: z.string().min(1).max(128),
  kind: TerminalKindSchema,
  /** The local API version, e.g. "v2" for Sophon, "v1" or "v0" for BAS-IP. */
  apiVersion: z.string().max(16).nullable(),
  /** The advertised or probed name, sanitised for display. */
  name: z.string().max(256),
  /**
   * The technician's location label (e.g. "Gate 3 entrance"), shown instead of the advertised name; null or
   * absent when none. Set only through `devices:set-label`.
   */
  label: z.string().max(64).nullable().optional(),
  model: z.string().max(128).nullable(),
  firmware: z.string().max(128).nullable(),
  address: z.string().max(255),
  port: z.number().int().min(1).max(65535),
  online: z.boolean(),
  /** When the terminal last answered or advertised itself (ms since epoch). */
  lastSeen: z.number().int().nullable(),
  credentials: CredentialStateSchema,
  peopleCount: z.number().int().nonnegative().nullable(),
  capacity: z.number().int().nonnegative().nullable(),
  source: DiscoverySourceSchema,
  /** The adapter it was seen on (mDNS), if known. */
  adapter: z.string().max(64).nullable(),
  /** For a device that stayed unknown: what was tried and what it answered. Absent in older data. */
  identification: IdentificationRecordSchema.optional(),
  /**
   * Whether stored credentials may be sent to it (see {@link TrustStateSchema}). Always set by the inventory;
   * absent only in hand-built values, where it reads as `untrusted` (a new row saved without it is trusted
   * when its source is `manual`).
   */
  trust: TrustStateSchema.optional(),
  /** The identity pinned when it was trusted; null or absent when untrusted. */
  pin: TerminalPinSchema.nullable().optional(),
  /** The contradicting device while `trust` is `conflict`; null or absent otherwise. */
  conflict: TrustConflictSchema.nullable().optional(),
});

/** One terminal in the site inventory. */
export type Terminal = z.infer<typeof TerminalSchema>;

/** Longest location label a technician may give a terminal. */
export const MAX_LABEL_LENGTH = 64;

/** The name to show for a terminal: its location label when it has one, else its advertised name (may be empty). */
export function displayNameOf(terminal: Pick<Terminal, 'name' | 'label'>): string {
  return terminal.label?.trim() || terminal.name;
}
