import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { SecretStore } from '../core/secrets/secret-store.ts';

/**
 * The part of Electron's `safeStorage` this store uses, as a port: main/compose.ts passes the real one, tests a
 * fake cipher. `storageBackend` is Linux's `getSelectedStorageBackend()` (absent elsewhere).
 */
export interface SafeStorageCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  storageBackend?: () => string;
}

/** File name of the Electron app's credential file inside `userData`. */
export const SAFE_STORAGE_FILE = 'credentials.safestorage.json';

/** Linux backends that do not protect anything: safeStorage then "encrypts" with a hard-coded key. */
const UNPROTECTED_BACKENDS = new Set(['basic_text', 'unknown']);

const FileSchema = z.object({
  version: z.literal(1),
  /** Each value is the base64 of `safeStorage.encryptString(value)`. */
  entries: z.record(z.string(), z.string()),
});
type SecretFile = z.infer<typeof FileSchema>;

/**
 * A {@link SecretStore} backed by Electron `safeStorage` (the OS keychain: Keychain on macOS, DPAPI on Windows,
 * libsecret or KWallet on Linux): each value is encrypted with `encryptString` and kept as base64 in one JSON
 * file, replaced atomically on every write (temporary file + rename, mode 0600).
 *
 * When encryption is not available, or Linux has no keyring and would fall back to a hard-coded key, every
 * call fails with SECRETS_LOCKED and nothing is written: credentials are never stored in clear. A value that
 * no longer decrypts (file copied from another user or machine) reads as absent, so it is asked for again.
 */
export function createSafeStorageSecretStore(path: string, cipher: SafeStorageCipher): SecretStore {
  let cached: SecretFile | undefined;

  const ensureEncryption = (): void => {
    if (!cipher.isEncryptionAvailable()) {
      throw new AppError(
        'SECRETS_LOCKED',
        'Credentials cannot be stored safely: the system keychain is not available. Unlock or set up the keychain (on Linux: GNOME Keyring or KWallet), then restart the app.',
      );
    }
    const backend = cipher.storageBackend?.();
    if (backend !== undefined && UNPROTECTED_BACKENDS.has(backend)) {
      throw new AppError(
        'SECRETS_LOCKED',
        `Credentials cannot be stored safely: no keyring was found (safeStorage backend "${backend}"). Install and unlock GNOME Keyring or KWallet, then restart the app.`,
        { backend },
      );
    }
  };

  const load = (): SecretFile => {
    ensureEncryption();
    if (cached) return cached;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        cached = { version: 1, entries: {} };
        return cached;
      }
      throw new AppError('STORAGE', `The credential file ${path} cannot be read: ${(error as Error).message}`);
    }
    const parsed = FileSchema.safeParse(parseJson(text));
    if (!parsed.success) {
      throw new AppError(
        'STORAGE',
        `The credential file ${path} is damaged. Move it away and enter the credentials again.`,
      );
    }
    cached = parsed.data;
    return cached;
  };

  const persist = (file: SecretFile): void => {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, JSON.stringify(file), { mode: 0o600 });
      renameSync(temporary, path);
    } catch (error) {
      removeQuietly(temporary);
      throw new AppError('STORAGE', `The credential file ${path} cannot be written: ${(error as Error).message}`);
    }
    cached = file;
  };

  return {
    async get(key) {
      const blob = load().entries[key];
      if (blob === undefined) return undefined;
      try {
        return cipher.decryptString(Buffer.from(blob, 'base64'));
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      const file = load();
      const blob = cipher.encryptString(value).toString('base64');
      persist({ ...file, entries: { ...file.entries, [key]: blob } });
    },
    async delete(key) {
      const file = load();
      if (!Object.hasOwn(file.entries, key)) return;
      const entries = { ...file.entries };
      delete entries[key];
      persist({ ...file, entries });
    },
    async keys() {
      return Object.keys(load().entries).sort();
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing was written there, or it cannot be removed either: the original error is what matters.
  }
}
