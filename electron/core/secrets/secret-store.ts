import { z } from 'zod';
import type { Terminal, TerminalKind } from '../../../shared/domain/terminal.ts';

/**
 * Where credentials live: Electron safeStorage in the app, an encrypted file in the CLI and host.
 * Values never reach logs or the database in clear.
 */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /**
   * Resolves when the store can be read with what it was opened with; rejects with SECRETS_LOCKED (a missing or
   * wrong passphrase, no OS keychain) otherwise. Jobs check it before they start, resume or sync
   * ({@link requireUnlocked}). A store without it is always open (in memory).
   */
  check?(): Promise<void>;
}

/**
 * Rejects with SECRETS_LOCKED when `store` is locked: called before a job starts, resumes or syncs, so a wrong
 * passphrase stops the work with what to do instead of every item failing as "credentials rejected".
 */
export async function requireUnlocked(store: SecretStore): Promise<void> {
  await store.check?.();
}

/** A username and password for a terminal's local API. */
export const CredentialsSchema = z.object({
  username: z.string().min(1).max(128),
  password: z.string().max(256),
});

/** A username and password for a terminal's local API. */
export type Credentials = z.infer<typeof CredentialsSchema>;

/** The secret-store key of one terminal's credentials. */
export function terminalCredentialsKey(serial: string): string {
  return `terminal:${serial}`;
}

/** The secret-store key of the site default credentials for a kind of terminal. */
export function defaultCredentialsKey(kind: TerminalKind): string {
  return `default:${kind}`;
}

/** Reads credentials stored under `key`; a value that is not valid credentials counts as absent. */
export async function readCredentials(store: SecretStore, key: string): Promise<Credentials | undefined> {
  const raw = await store.get(key);
  if (raw === undefined) return undefined;
  try {
    const parsed = CredentialsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stored credentials of a terminal: its own, else the site default for its kind. Reads the store only:
 * before sending them anywhere, use {@link credentialsForTrusted}, which checks the terminal's trust.
 */
export async function credentialsFor(
  store: SecretStore,
  serial: string,
  kind: TerminalKind,
): Promise<Credentials | undefined> {
  return (
    (await readCredentials(store, terminalCredentialsKey(serial))) ??
    (await readCredentials(store, defaultCredentialsKey(kind)))
  );
}

/** Stores credentials under `key`. */
export async function writeCredentials(store: SecretStore, key: string, credentials: Credentials): Promise<void> {
  await store.set(key, JSON.stringify(CredentialsSchema.parse(credentials)));
}

/** Where a request goes: an address and a port. */
export interface CredentialTarget {
  address: string;
  port: number;
  /** The MAC the neighbour table holds for `address` now, when known. */
  mac?: string | null;
}

/**
 * Whether stored credentials may be sent to `terminal` at `target`: only when the technician trusted it (added
 * it by address or confirmed it), it is not in an identity conflict, and `target` is the address and port its
 * identity was pinned at, with the pinned MAC when both are known. Anything else (discovered only, a claimant,
 * another address, other hardware at the pinned address) gets none.
 */
export function mayReceiveCredentials(terminal: Terminal, target: CredentialTarget): boolean {
  const pin = terminal.pin;
  return (
    terminal.trust === 'trusted' &&
    !!pin &&
    pin.address === target.address &&
    pin.port === target.port &&
    !(pin.mac && target.mac && pin.mac !== target.mac) &&
    (pin.kind === 'unknown' || pin.kind === terminal.kind)
  );
}

/**
 * The credentials to send to `terminal` at `target` (its own, else the site default for its kind), or
 * undefined when it may receive none ({@link mayReceiveCredentials}) or none are stored.
 */
export async function credentialsForTrusted(
  store: SecretStore,
  terminal: Terminal,
  target: CredentialTarget,
): Promise<Credentials | undefined> {
  if (!mayReceiveCredentials(terminal, target)) return undefined;
  return credentialsFor(store, terminal.serial, terminal.kind);
}
