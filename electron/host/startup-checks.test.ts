import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEncryptedFileStore } from '../core/secrets/encrypted-file-store.ts';
import { createMemorySecretStore } from '../core/secrets/memory-secret-store.ts';
import { checkSecretsAtStart } from './startup-checks.ts';

const FAST = { scrypt: { N: 2 ** 10, r: 8, p: 1 } };

describe('the host’s passphrase check at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fcom-start-'));
  const path = join(dir, 'secrets.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops on a wrong passphrase, warns on a missing one, goes on with the right one', async () => {
    await createEncryptedFileStore(path, 'right', FAST).set('default:basip', '{"username":"a","password":"b"}');
    const wrong = await checkSecretsAtStart(createEncryptedFileStore(path, 'wrong', FAST));
    expect(wrong).toMatchObject({ ok: false, message: expect.stringMatching(/does not open .*passphrase/) });
    const missing = await checkSecretsAtStart(createEncryptedFileStore(path, undefined, FAST));
    expect(missing).toMatchObject({ ok: true, warning: expect.stringContaining('SECRETS_LOCKED') });
    expect(await checkSecretsAtStart(createEncryptedFileStore(path, 'right', FAST))).toEqual({ ok: true });
    expect(await checkSecretsAtStart(createMemorySecretStore())).toEqual({ ok: true });
  });
});
