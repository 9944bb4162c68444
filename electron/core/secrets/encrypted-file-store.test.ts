import { execFileSync, spawn } from 'node:child_process';
import { scryptSync, createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { createEncryptedFileStore } from './encrypted-file-store.ts';
import { STRONG_SCRYPT } from './sealed-file.ts';
import {
  credentialsFor,
  defaultCredentialsKey,
  requireUnlocked,
  terminalCredentialsKey,
  writeCredentials,
} from './secret-store.ts';

/** A cheap cost for the tests that are not about the cost (one test checks the default is strong). */
const FAST = { scrypt: { N: 2 ** 10, r: 8, p: 1 } };
/** Node 24 (it runs TypeScript by itself): this one, else the pinned one. */
const NODE =
  Number(process.versions.node.split('.')[0]) >= 24
    ? process.execPath
    : resolve(import.meta.dirname, '../../../node_modules/node/bin/node');
const canMount = process.platform === 'linux' && process.getuid?.() === 0;

describe('encrypted file secret store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fcom-secrets-'));
  const path = join(dir, 'secrets.json');
  afterEach(() => rmSync(path, { force: true }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips values across instances and never stores them in clear', async () => {
    const store = createEncryptedFileStore(path, 'correct horse', FAST);
    await store.set('terminal:SN-1', 'p@ssw0rd-密码');
    const again = createEncryptedFileStore(path, 'correct horse', FAST);
    expect(await again.get('terminal:SN-1')).toBe('p@ssw0rd-密码');
    expect(readFileSync(path, 'utf8')).not.toContain('p@ssw0rd');
    await again.delete('terminal:SN-1');
    expect(await again.keys()).toEqual([]);
  });

  it('stores strong scrypt parameters in the file by default (N ≥ 2^17), owner-only, no temporary file left', async () => {
    const store = createEncryptedFileStore(path, 'pp');
    await store.set('k', 'v');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { version: number; kdf: { name: string; N: number } };
    expect(file.version).toBe(2);
    expect(file.kdf.name).toBe('scrypt');
    expect(file.kdf.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(file.kdf).toMatchObject(STRONG_SCRYPT);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
    expect(await createEncryptedFileStore(path, 'pp').get('k')).toBe('v');
  });

  it('refuses to work without a passphrase or with the wrong one, and check() says so', async () => {
    await createEncryptedFileStore(path, 'right', FAST).set('k', 'v');
    const before = readFileSync(path, 'utf8');
    await expect(createEncryptedFileStore(path, undefined, FAST).get('k')).rejects.toMatchObject({
      code: 'SECRETS_LOCKED',
    });
    const wrong = createEncryptedFileStore(path, 'wrong', FAST);
    await expect(wrong.get('k')).rejects.toMatchObject({ code: 'SECRETS_LOCKED', details: { reason: 'wrong' } });
    await expect(requireUnlocked(wrong)).rejects.toMatchObject({ code: 'SECRETS_LOCKED' });
    await expect(wrong.set('other', 'x')).rejects.toMatchObject({ code: 'SECRETS_LOCKED' });
    await expect(requireUnlocked(createEncryptedFileStore(path, undefined, FAST))).rejects.toMatchObject({
      code: 'SECRETS_LOCKED',
      details: { reason: 'missing' },
    });
    expect(readFileSync(path, 'utf8')).toBe(before);
    await expect(requireUnlocked(createEncryptedFileStore(path, 'right', FAST))).resolves.toBeUndefined();
  });

  it('derives no key while there is no file: reading an empty store costs no scrypt, writing does', async () => {
    // N = 3 is refused by scrypt: any derivation fails, so what resolves derived nothing.
    const store = createEncryptedFileStore(path, 'right', { scrypt: { N: 3, r: 8, p: 1 } });
    await expect(store.get('k')).resolves.toBeUndefined();
    await expect(store.keys()).resolves.toEqual([]);
    await expect(requireUnlocked(store)).resolves.toBeUndefined();
    await expect(store.set('k', 'v')).rejects.toThrow();
    await expect(requireUnlocked(createEncryptedFileStore(path, undefined))).rejects.toMatchObject({
      code: 'SECRETS_LOCKED',
      details: { reason: 'missing' },
    });
  });

  it('binds each value to its entry name: a value moved to another name does not open', async () => {
    const store = createEncryptedFileStore(path, 'pp', FAST);
    await store.set('terminal:A', 'password-of-A');
    await store.set('terminal:B', 'password-of-B');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, unknown> };
    [file.entries['terminal:A'], file.entries['terminal:B']] = [file.entries['terminal:B'], file.entries['terminal:A']];
    writeFileSync(path, JSON.stringify(file));
    const reopened = createEncryptedFileStore(path, 'pp', FAST);
    expect(await reopened.get('terminal:A')).toBeUndefined();
    expect(await reopened.get('terminal:B')).toBeUndefined();
  });

  it('reads a version-1 file (scrypt defaults, no associated data) and rewrites it as version 2', async () => {
    writeFileSync(path, legacyFile('old pass', { 'terminal:SN-1': 'legacy-secret' }));
    const store = createEncryptedFileStore(path, 'old pass', FAST);
    expect(await store.get('terminal:SN-1')).toBe('legacy-secret');
    const upgraded = JSON.parse(readFileSync(path, 'utf8')) as { version: number; kdf: { N: number } };
    expect(upgraded.version).toBe(2);
    expect(upgraded.kdf.N).toBe(FAST.scrypt.N);
    expect(readFileSync(path, 'utf8')).not.toContain('legacy-secret');
    expect(await createEncryptedFileStore(path, 'old pass', FAST).get('terminal:SN-1')).toBe('legacy-secret');
    await expect(createEncryptedFileStore(path, 'other', FAST).get('terminal:SN-1')).rejects.toMatchObject({
      code: 'SECRETS_LOCKED',
    });
  });

  it('rewrites a file with weaker scrypt parameters than the current ones on its next write', async () => {
    await createEncryptedFileStore(path, 'pp', { scrypt: { N: 2 ** 10, r: 8, p: 1 } }).set('a', '1');
    const stronger = createEncryptedFileStore(path, 'pp', { scrypt: { N: 2 ** 12, r: 8, p: 1 } });
    await stronger.set('b', '2');
    expect((JSON.parse(readFileSync(path, 'utf8')) as { kdf: { N: number } }).kdf.N).toBe(2 ** 12);
    expect([await stronger.get('a'), await stronger.get('b')]).toEqual(['1', '2']);
  });

  it('loses no write when two instances (two processes) each save other credentials', async () => {
    const host = createEncryptedFileStore(path, 'pp', FAST);
    const cli = createEncryptedFileStore(path, 'pp', FAST);
    await host.set('default:basip', 'host-1');
    expect(await cli.keys()).toEqual(['default:basip']);
    await cli.set('terminal:SN-1', 'cli-1');
    // The host read the file before the CLI wrote: its write must not put its old copy back.
    await host.set('default:sophon', 'host-2');
    await Promise.all([host.set('terminal:H', 'h'), cli.set('terminal:C', 'c'), host.delete('default:sophon')]);
    const fresh = createEncryptedFileStore(path, 'pp', FAST);
    expect(await fresh.keys()).toEqual(['default:basip', 'terminal:C', 'terminal:H', 'terminal:SN-1']);
    expect(await host.get('terminal:SN-1')).toBe('cli-1');
  });

  it('loses no write when eight processes save at the same moment', async () => {
    const writer = resolve(import.meta.dirname, '../../../test/support/secrets/concurrent-writer.fixture.ts');
    const runs = Array.from(
      { length: 8 },
      (_, i) =>
        new Promise<number | null>((done) => {
          const child = spawn(NODE, [writer, path, `proc-${i}`, '5'], { stdio: 'inherit' });
          child.on('close', done);
        }),
    );
    expect(await Promise.all(runs)).toEqual(Array(8).fill(0));
    const keys = await createEncryptedFileStore(path, 'pp', FAST).keys();
    expect(keys).toHaveLength(40);
    expect(readdirSync(dir).filter((f) => f !== 'secrets.json')).toEqual([]);
  }, 60_000);

  it('reports a damaged file as a storage error', async () => {
    writeFileSync(path, '{not json');
    await expect(createEncryptedFileStore(path, 'x', FAST).keys()).rejects.toMatchObject({ code: 'STORAGE' });
  });

  it('prefers a terminal’s own credentials over the site default for its kind', async () => {
    const store = createEncryptedFileStore(path, 'pp', FAST);
    await writeCredentials(store, defaultCredentialsKey('basip'), { username: 'admin', password: 'site' });
    expect(await credentialsFor(store, 'SN-9', 'basip')).toEqual({ username: 'admin', password: 'site' });
    await writeCredentials(store, terminalCredentialsKey('SN-9'), { username: 'admin', password: 'own' });
    expect(await credentialsFor(store, 'SN-9', 'basip')).toEqual({ username: 'admin', password: 'own' });
    expect(await credentialsFor(store, 'SN-10', 'sophon')).toBeUndefined();
  });
});

describe.skipIf(!canMount)('the credential file on a full disk (a 1 MiB tmpfs; Linux, root)', () => {
  let mountPoint = '';
  beforeAll(() => {
    mountPoint = mkdtempSync(join(tmpdir(), 'fcom-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
  });
  afterAll(() => {
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('says "disk full" with the free MB, keeps the old file, leaves no temporary file or lock', async () => {
    const path = join(mountPoint, 'secrets.json');
    const store = createEncryptedFileStore(path, 'pp', FAST);
    await store.set('k', 'old');
    const before = readFileSync(path, 'utf8');
    const error = await store.set('big', 'x'.repeat(2 * 1024 * 1024)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'STORAGE', details: { fault: 'full' } });
    expect((error as AppError).message).toMatch(/disk is full \(free \d+ MB\)/);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(mountPoint)).toEqual(['secrets.json']);
    expect(await createEncryptedFileStore(path, 'pp', FAST).get('k')).toBe('old');
  });
});

/** A credential file as version 1 wrote it: scrypt with Node's defaults, values sealed without associated data. */
function legacyFile(passphrase: string, values: Record<string, string>): string {
  const salt = randomBytes(16);
  const key = scryptSync(passphrase, salt, 32);
  const sealV1 = (text: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  };
  const entries = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, sealV1(v)]));
  return JSON.stringify({
    version: 1,
    salt: salt.toString('base64'),
    check: sealV1('face-commissioner-secrets'),
    entries,
  });
}
