import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import type { SecretStore } from './secret-store.ts';

/** Environment variable that carries the passphrase of the CLI's and host's credential file. */
export const SECRET_KEY_ENV = 'FCOM_SECRET_KEY';

const FileSchema = z.object({
  version: z.literal(1),
  salt: z.string(),
  check: z.object({ iv: z.string(), tag: z.string(), data: z.string() }),
  entries: z.record(z.string(), z.object({ iv: z.string(), tag: z.string(), data: z.string() })),
});
type SecretFile = z.infer<typeof FileSchema>;
type Sealed = SecretFile['check'];

const CHECK_TEXT = 'face-commissioner-secrets';

/**
 * A {@link SecretStore} in one file, each value sealed with AES-256-GCM under a key derived (scrypt) from
 * a passphrase. Without a passphrase, or with the wrong one, every call fails with SECRETS_LOCKED and
 * nothing is written. Writes replace the file atomically.
 */
export function createEncryptedFileStore(path: string, passphrase: string | undefined): SecretStore {
  let cached: { file: SecretFile; key: Buffer } | undefined;

  const unlock = (): { file: SecretFile; key: Buffer } => {
    if (cached) return cached;
    if (!passphrase) {
      throw new AppError(
        'SECRETS_LOCKED',
        `Credentials are locked: set ${SECRET_KEY_ENV} to a passphrase before starting the app, then try again.`,
      );
    }
    let file: SecretFile;
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      const salt = randomBytes(16).toString('base64');
      const key = derive(passphrase, salt);
      file = { version: 1, salt, check: seal(key, CHECK_TEXT), entries: {} };
      cached = { file, key };
      return cached;
    }
    const parsed = FileSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new AppError(
        'STORAGE',
        `The credential file ${path} is damaged. Move it away and enter the credentials again.`,
      );
    }
    file = parsed.data;
    const key = derive(passphrase, file.salt);
    if (open(key, file.check) !== CHECK_TEXT) {
      throw new AppError(
        'SECRETS_LOCKED',
        `The passphrase in ${SECRET_KEY_ENV} does not open the saved credentials. Use the passphrase they were saved with.`,
      );
    }
    cached = { file, key };
    return cached;
  };

  const persist = (file: SecretFile): void => {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(file), { mode: 0o600 });
    renameSync(temporary, path);
  };

  return {
    async get(name) {
      const { file, key } = unlock();
      const sealed = file.entries[name];
      return sealed ? open(key, sealed) : undefined;
    },
    async set(name, value) {
      const { file, key } = unlock();
      const next = { ...file, entries: { ...file.entries, [name]: seal(key, value) } };
      persist(next);
      cached = { file: next, key };
    },
    async delete(name) {
      const { file, key } = unlock();
      if (!(name in file.entries)) return;
      const entries = { ...file.entries };
      delete entries[name];
      const next = { ...file, entries };
      persist(next);
      cached = { file: next, key };
    },
    async keys() {
      return Object.keys(unlock().file.entries).sort();
    },
  };
}

function derive(passphrase: string, salt: string): Buffer {
  return scryptSync(passphrase, Buffer.from(salt, 'base64'), 32);
}

function seal(key: Buffer, text: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

function open(key: Buffer, sealed: Sealed): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
