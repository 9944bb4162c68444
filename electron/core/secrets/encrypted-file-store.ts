import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { writeFileDurably } from '../files/durable-write.ts';
import { withFileLock } from './file-lock.ts';
import {
  atLeast,
  CHECK_AAD,
  CHECK_TEXT,
  deriveKey,
  entryAad,
  newSalt,
  open,
  parseSecretFile,
  seal,
  serialiseSecretFile,
  STRONG_SCRYPT,
  type ParsedSecretFile,
  type ScryptParams,
  type Sealed,
} from './sealed-file.ts';
import type { SecretStore } from './secret-store.ts';

/** Environment variable that carries the passphrase of the CLI's and host's credential file. */
export const SECRET_KEY_ENV = 'FCOM_SECRET_KEY';

/** Options of {@link createEncryptedFileStore}. */
export interface EncryptedFileStoreOptions {
  /** scrypt cost of new and re-keyed files (default {@link STRONG_SCRYPT}); tests may pass a cheaper one. */
  scrypt?: ScryptParams;
}

/** The file as this process last read it, with the key that opens it. */
interface Loaded {
  /** Identity of the file read (inode, size, mtime), or null when there was no file. */
  stamp: string | null;
  file: ParsedSecretFile;
  key: Buffer;
}

/** SECRETS_LOCKED: no passphrase given. */
export function missingPassphrase(): AppError {
  return new AppError(
    'SECRETS_LOCKED',
    `Credentials are locked: no passphrase. Set ${SECRET_KEY_ENV} to the passphrase of this data directory and start again.`,
    { reason: 'missing' },
  );
}

/** SECRETS_LOCKED: the passphrase does not open the file. */
export function wrongPassphrase(path: string): AppError {
  return new AppError(
    'SECRETS_LOCKED',
    `Credentials are locked: the passphrase in ${SECRET_KEY_ENV} does not open ${path}. Start again with the passphrase they were saved with (nothing was sent or changed).`,
    { reason: 'wrong', path },
  );
}

function stampOf(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch {
    return null;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('STORAGE', `The credential file ${path} cannot be read (${(error as Error).message}).`);
  }
}

/**
 * A {@link SecretStore} in one file (version 2): each value sealed with AES-256-GCM under a key derived with scrypt
 * (parameters stored in the file, N ≥ 2^17 for new files) from a passphrase, and bound to its entry name as
 * associated data. Without a passphrase, or with the wrong one, every call fails with SECRETS_LOCKED and nothing
 * is written.
 *
 * Safe for several processes on one data directory (the browser host and the CLI): reads notice a file another
 * process replaced; every write takes the file's lock, reads the file again, changes only its own entry and
 * writes durably (temporary file, fsync, rename, fsync of the folder), so no process's write is lost.
 * Version-1 files (scrypt defaults, no associated data) are read and rewritten as version 2 on first use.
 */
export function createEncryptedFileStore(
  path: string,
  passphrase: string | undefined,
  options: EncryptedFileStoreOptions = {},
): SecretStore {
  const target = options.scrypt ?? STRONG_SCRYPT;
  const keys = new Map<string, Promise<Buffer>>();
  let loaded: Loaded | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const keyFor = (pass: string, salt: string, params: ScryptParams): Promise<Buffer> => {
    const id = `${salt}|${params.N}|${params.r}|${params.p}`;
    let key = keys.get(id);
    if (!key) {
      key = deriveKey(pass, salt, params);
      keys.set(id, key);
      key.catch(() => keys.delete(id));
    }
    return key;
  };

  /** Reads the file (when it changed since the last read, or always with `fresh`) and checks the passphrase. */
  const load = async (fresh = false): Promise<Loaded> => {
    if (!passphrase) throw missingPassphrase();
    const stamp = stampOf(path);
    if (!fresh && loaded && loaded.stamp === stamp) return loaded;
    const text = readText(path);
    if (text === undefined) {
      if (loaded && loaded.stamp === null) return loaded;
      const salt = newSalt();
      const key = await keyFor(passphrase, salt, target);
      loaded = {
        stamp: null,
        file: { version: 2, params: target, salt, check: seal(key, CHECK_TEXT, CHECK_AAD), entries: {} },
        key,
      };
      return loaded;
    }
    const file = parseSecretFile(text);
    if (!file) {
      throw new AppError(
        'STORAGE',
        `The credential file ${path} is damaged. Move it away and enter the credentials again.`,
        { path, fault: 'corrupt' },
      );
    }
    const key = await keyFor(passphrase, file.salt, file.params);
    const aad = file.version === 2 ? CHECK_AAD : undefined;
    if (open(key, file.check, aad) !== CHECK_TEXT) throw wrongPassphrase(path);
    loaded = { stamp, file, key };
    return loaded;
  };

  /** The entries opened, as text (for re-keying an old or weaker file). */
  const openAll = (current: Loaded): Map<string, string> => {
    const values = new Map<string, string>();
    for (const [name, sealed] of Object.entries(current.file.entries)) {
      const value = open(current.key, sealed, current.file.version === 2 ? entryAad(name) : undefined);
      if (value !== undefined) values.set(name, value);
    }
    return values;
  };

  /**
   * One write: under the file's lock, read the file again, apply `change` to its entries (re-keyed first when
   * the file is version 1 or its scrypt cost is below the target), write durably. Serialised in this process.
   */
  const mutate = (change: (entries: Record<string, Sealed>, key: Buffer) => boolean): Promise<void> => {
    const next = queue.then(async () => {
      if (!passphrase) throw missingPassphrase();
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      await withFileLock(path, async () => {
        let current = await load(true);
        let changed = false;
        if (current.file.version !== 2 || !atLeast(current.file.params, target)) {
          const values = openAll(current);
          const salt = newSalt();
          const key = await keyFor(passphrase, salt, target);
          const entries: Record<string, Sealed> = {};
          for (const [name, value] of values) entries[name] = seal(key, value, entryAad(name));
          const file: ParsedSecretFile = {
            version: 2,
            params: target,
            salt,
            check: seal(key, CHECK_TEXT, CHECK_AAD),
            entries,
          };
          current = { stamp: current.stamp, file, key };
          changed = true;
        }
        const entries = { ...current.file.entries };
        changed = change(entries, current.key) || changed;
        if (!changed) return;
        const { params, salt, check } = current.file;
        await writeFileDurably(path, serialiseSecretFile(params, salt, check, entries), { mode: 0o600 });
        loaded = { stamp: stampOf(path), file: { ...current.file, entries }, key: current.key };
      });
    });
    queue = next.catch(() => undefined);
    return next;
  };

  /** Reads, and rewrites an old (version 1) or weaker file in the current format once it opened. */
  const read = async (): Promise<Loaded> => {
    const current = await load();
    if (current.stamp !== null && (current.file.version !== 2 || !atLeast(current.file.params, target))) {
      // Upgrade in place; a failure (read-only disk) leaves the old file readable and is tried again later.
      await mutate(() => false).catch(() => undefined);
      return loaded ?? current;
    }
    return current;
  };

  /**
   * Whether there is no credential file yet: nothing to open, so no key is derived (scrypt at N = 2^17 costs
   * about half a second and 128 MiB, which every command of a fresh data directory would otherwise pay). A
   * missing passphrase is still SECRETS_LOCKED.
   */
  const absent = (): boolean => {
    if (!passphrase) throw missingPassphrase();
    return loaded === undefined && stampOf(path) === null;
  };

  return {
    async get(name) {
      if (absent()) return undefined;
      const { file, key } = await read();
      const sealed = file.entries[name];
      if (!sealed) return undefined;
      return open(key, sealed, file.version === 2 ? entryAad(name) : undefined);
    },
    set(name, value) {
      return mutate((entries, key) => {
        entries[name] = seal(key, value, entryAad(name));
        return true;
      });
    },
    delete(name) {
      return mutate((entries) => {
        if (!(name in entries)) return false;
        delete entries[name];
        return true;
      });
    },
    async keys() {
      if (absent()) return [];
      return Object.keys((await read()).file.entries).sort();
    },
    async check() {
      if (absent()) return;
      await read();
    },
  };
}
