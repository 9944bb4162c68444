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

/** One terminal in the site inventory. Its identity is its serial number, never its address. */
export const TerminalSchema = z.object({
  serial: z.string().min(1).max(128),
  kind: TerminalKindSchema,
  /** The local API version, e.g. "v2" for Sophon, "v1" or "v0" for BAS-IP. */
  apiVersion: z.string().max(16).nullable(),
  /** The advertised or probed name, sanitised for display. */
  name: z.string().max(256),
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
});

/** One terminal in the site inventory. */
export type Terminal = z.infer<typeof TerminalSchema>;
