import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { createSafeStorageSecretStore, type SafeStorageCipher } from './safe-storage-secret-store.ts';

/** A fake safeStorage: XOR with a per-instance byte plus a marker, so a "foreign" cipher cannot decrypt. */
function fakeCipher(options: { available?: boolean; backend?: string; key?: number } = {}): SafeStorageCipher & {
  encrypted: string[];
} {
  const key = options.key ?? 0x5a;
  const encrypted: string[] = [];
  return {
    encrypted,
    isEncryptionAvailable: () => options.available ?? true,
    encryptString(text) {
      encrypted.push(text);
      return Buffer.concat([Buffer.from([key]), Buffer.from(text, 'utf8').map((b) => b ^ key)]);
    },
    decryptString(data) {
      if (data[0] !== key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.');
      return Buffer.from(data.subarray(1).map((b) => b ^ key)).toString('utf8');
    },
    ...(options.backend === undefined ? {} : { storageBackend: () => options.backend as string }),
  };
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fcom-safe-'));
  file = join(dir, 'sub', 'credentials.safestorage.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createSafeStorageSecretStore', () => {
  it('stores values encrypted as base64 and reads them back, also from a fresh instance', async () => {
    const cipher = fakeCipher();
    const store = createSafeStorageSecretStore(file, cipher);
    await store.set('terminal:SN1', '{"username":"admin","password":"hunter2"}');
    await store.set('default:basip', 'x');
    expect(await store.get('terminal:SN1')).toBe('{"username":"admin","password":"hunter2"}');
    expect(await store.keys()).toEqual(['default:basip', 'terminal:SN1']);
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('hunter2');
    const parsed = JSON.parse(raw) as { version: number; entries: Record<string, string> };
    expect(parsed.version).toBe(1);
    expect(Buffer.from(parsed.entries['terminal:SN1'] ?? '', 'base64')[0]).toBe(0x5a);
    expect(await createSafeStorageSecretStore(file, fakeCipher()).get('terminal:SN1')).toContain('hunter2');
  });

  it('writes atomically: no temporary file is left, and the file is private', async () => {
    const store = createSafeStorageSecretStore(file, fakeCipher());
    await store.set('a', '1');
    await store.set('b', '2');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['credentials.safestorage.json']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('deletes keys and answers undefined for unknown ones', async () => {
    const store = createSafeStorageSecretStore(file, fakeCipher());
    await store.set('a', '1');
    await store.delete('a');
    await store.delete('never-there');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.keys()).toEqual([]);
  });

  it('refuses with SECRETS_LOCKED and writes nothing when encryption is not available', async () => {
    const cipher = fakeCipher({ available: false });
    const store = createSafeStorageSecretStore(file, cipher);
    await expect(store.set('a', 'secret')).rejects.toMatchObject({ code: 'SECRETS_LOCKED' });
    await expect(store.get('a')).rejects.toBeInstanceOf(AppError);
    await expect(store.keys()).rejects.toMatchObject({ code: 'SECRETS_LOCKED' });
    expect(existsSync(file)).toBe(false);
    expect(cipher.encrypted).toEqual([]);
  });

  it('refuses the Linux fallback that would encrypt with a hard-coded key', async () => {
    const store = createSafeStorageSecretStore(file, fakeCipher({ backend: 'basic_text' }));
    const error = await store.set('a', 'secret').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SECRETS_LOCKED', details: { backend: 'basic_text' } });
    expect((error as Error).message).toMatch(/keyring/);
    expect(existsSync(file)).toBe(false);
    const ok = createSafeStorageSecretStore(file, fakeCipher({ backend: 'gnome_libsecret' }));
    await ok.set('a', 'secret');
    expect(await ok.get('a')).toBe('secret');
  });

  it('reads a value that no longer decrypts as absent', async () => {
    await createSafeStorageSecretStore(file, fakeCipher({ key: 1 })).set('a', 'secret');
    const other = createSafeStorageSecretStore(file, fakeCipher({ key: 2 }));
    expect(await other.get('a')).toBeUndefined();
    expect(await other.keys()).toEqual(['a']);
  });

  it('reports a damaged file as STORAGE without overwriting it', async () => {
    writeFileSync(join(dir, 'bad.json'), '{"version":1,"entries":{"a":5}}');
    const store = createSafeStorageSecretStore(join(dir, 'bad.json'), fakeCipher());
    await expect(store.get('a')).rejects.toMatchObject({ code: 'STORAGE' });
    await expect(store.set('b', '1')).rejects.toMatchObject({ code: 'STORAGE' });
    expect(readFileSync(join(dir, 'bad.json'), 'utf8')).toBe('{"version":1,"entries":{"a":5}}');
  });
});

describe('createSafeStorageSecretStore when the disk refuses', () => {
  it('reports STORAGE when the file cannot be read or written', async () => {
    writeFileSync(join(dir, 'not-a-dir'), 'x');
    const store = createSafeStorageSecretStore(join(dir, 'not-a-dir', 'c.json'), fakeCipher());
    await expect(store.set('a', '1')).rejects.toMatchObject({ code: 'STORAGE' });
  });
});
