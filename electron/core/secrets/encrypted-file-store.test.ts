import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEncryptedFileStore } from './encrypted-file-store.ts';
import { credentialsFor, defaultCredentialsKey, terminalCredentialsKey, writeCredentials } from './secret-store.ts';

describe('encrypted file secret store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fcom-secrets-'));
  const path = join(dir, 'secrets.json');
  afterEach(() => rmSync(path, { force: true }));

  it('round-trips values across instances and never stores them in clear', async () => {
    const store = createEncryptedFileStore(path, 'correct horse');
    await store.set('terminal:SN-1', 'p@ssw0rd-密码');
    const again = createEncryptedFileStore(path, 'correct horse');
    expect(await again.get('terminal:SN-1')).toBe('p@ssw0rd-密码');
    expect(readFileSync(path, 'utf8')).not.toContain('p@ssw0rd');
    await again.delete('terminal:SN-1');
    expect(await again.keys()).toEqual([]);
  });

  it('refuses to work without a passphrase or with the wrong one', async () => {
    await createEncryptedFileStore(path, 'right').set('k', 'v');
    await expect(createEncryptedFileStore(path, undefined).get('k')).rejects.toMatchObject({ code: 'SECRETS_LOCKED' });
    await expect(createEncryptedFileStore(path, 'wrong').get('k')).rejects.toMatchObject({ code: 'SECRETS_LOCKED' });
  });

  it('reports a damaged file as a storage error', async () => {
    writeFileSync(path, '{not json');
    await expect(createEncryptedFileStore(path, 'x').keys()).rejects.toMatchObject({ code: 'STORAGE' });
  });

  it('prefers a terminal’s own credentials over the site default for its kind', async () => {
    const store = createEncryptedFileStore(path, 'pp');
    await writeCredentials(store, defaultCredentialsKey('basip'), { username: 'admin', password: 'site' });
    expect(await credentialsFor(store, 'SN-9', 'basip')).toEqual({ username: 'admin', password: 'site' });
    await writeCredentials(store, terminalCredentialsKey('SN-9'), { username: 'admin', password: 'own' });
    expect(await credentialsFor(store, 'SN-9', 'basip')).toEqual({ username: 'admin', password: 'own' });
    expect(await credentialsFor(store, 'SN-10', 'sophon')).toBeUndefined();
  });
});
