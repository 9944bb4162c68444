import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAliyunGateway } from '../../../tools/sim/aliyun/index.ts';
import { startTuyaCloud } from '../../../tools/sim/tuya/index.ts';
import { CLOUD_SECRET_KEYS } from './cloud-config.ts';
import { cloudCore, memorySecrets } from '../../../test/support/cloud/cloud-jobs-kit.ts';
import { TEST_CREDENTIALS } from '../../../test/support/cloud/tuya-fixtures.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function kit() {
  const secrets = memorySecrets();
  const k = cloudCore({ secrets });
  cleanup.push(
    () => k.remove(),
    () => k.close(),
  );
  return { ...k, secrets };
}

/** Every byte the app wrote to its data directory (database, WAL), as text. */
function dataDirText(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n');
}

describe('cloud settings and credentials', () => {
  it('keeps secrets in the SecretStore only: the config says whether each is saved, never its value', async () => {
    const k = kit();
    const fresh = await k.call('cloud:get-config', {});
    expect(fresh.tuya).toEqual({
      settings: { baseUrl: 'https://openapi.tuyacn.com', projectId: '', requestsPerSecond: 10, followLimitMinutes: 20 },
      secrets: { clientId: false, clientSecret: false },
      configured: false,
    });
    expect(fresh.aliyun.settings).toMatchObject({
      host: 'api.link.aliyun.com',
      auth: 'project',
      batchSize: 10,
      userType: 'IDENTITY',
    });
    const secret = 'tuya-secret-value-0123456789';
    const saved = await k.call('cloud:set-config', {
      cloud: 'tuya',
      settings: { baseUrl: 'https://openapi.tuyaeu.com', projectId: 'p-1' },
      secrets: { clientId: 'client-id-value', clientSecret: secret },
    });
    expect(saved.tuya).toEqual({
      settings: {
        baseUrl: 'https://openapi.tuyaeu.com',
        projectId: 'p-1',
        requestsPerSecond: 10,
        followLimitMinutes: 20,
      },
      secrets: { clientId: true, clientSecret: true },
      configured: true,
    });
    expect(JSON.stringify(saved)).not.toContain(secret);
    expect(k.secrets.values.get(CLOUD_SECRET_KEYS.tuyaClientSecret)).toBe(secret);
    expect(dataDirText(k.dir)).not.toContain(secret);
    expect(dataDirText(k.dir)).toContain('openapi.tuyaeu.com');
    // Leaving a secret out keeps it; null deletes it.
    await k.call('cloud:set-config', { cloud: 'tuya', settings: { projectId: 'p-2' } });
    expect((await k.call('cloud:get-config', {})).tuya.secrets.clientSecret).toBe(true);
    const cleared = await k.call('cloud:set-config', { cloud: 'tuya', secrets: { clientSecret: null } });
    expect(cleared.tuya).toMatchObject({ secrets: { clientId: true, clientSecret: false }, configured: false });
    const missing = await k.refusal('cloud:test', { cloud: 'tuya' });
    expect(missing).toMatchObject({ code: 'VALIDATION', details: { source: 'tuya', kind: 'not-configured' } });
    expect(missing.message).toMatch(/Access Secret missing.*Settings → Tuya cloud/);
  });

  it('refuses a data centre address over plain http unless it is on this computer', async () => {
    const k = kit();
    const refused = await k.refusal('cloud:set-config', {
      cloud: 'tuya',
      settings: { baseUrl: 'http://openapi.tuyaeu.com' },
    });
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { kind: 'invalid' } });
    expect(refused.message).toMatch(/must start with https:\/\//);
    await expect(
      k.call('cloud:set-config', { cloud: 'tuya', settings: { baseUrl: 'http://127.0.0.1:9' } }),
    ).resolves.toBeTruthy();
    const host = await k.refusal('cloud:set-config', {
      cloud: 'aliyun',
      settings: { host: 'http://api.link.aliyun.com' },
    });
    expect(host).toMatchObject({ code: 'VALIDATION', details: { source: 'aliyun', kind: 'invalid' } });
    expect(host.message).toMatch(/must use https.*api\.link\.aliyun\.com/);
  });
});

describe('Test connection', () => {
  it('Tuya: OK with the right credentials, a typed error saying what to fix otherwise; the status bar follows', async () => {
    const sim = await startTuyaCloud({ ...TEST_CREDENTIALS, seed: 'cfg', channels: 2 });
    cleanup.push(() => sim.close());
    const k = kit();
    await k.call('cloud:set-config', {
      cloud: 'tuya',
      settings: { baseUrl: sim.origin, projectId: sim.projectId },
      secrets: { clientId: TEST_CREDENTIALS.clientId, clientSecret: TEST_CREDENTIALS.clientSecret },
    });
    const ok = await k.call('cloud:test', { cloud: 'tuya' });
    expect(ok).toMatchObject({ cloud: 'tuya', ok: true });
    expect(ok.detail).toMatch(/2 entrance\/exit channel/);
    // The UI's words come from the code and its parameters, not from the English detail (issue 18).
    expect(ok).toMatchObject({ messageCode: 'cloud-test.tuya', params: { channels: 2 } });
    expect(k.core.services.status.get().cloud).toBe('reachable');

    await k.call('cloud:set-config', { cloud: 'tuya', secrets: { clientSecret: 'wrong-secret' } });
    const auth = await k.refusal('cloud:test', { cloud: 'tuya' });
    expect(auth).toMatchObject({ code: 'UNAUTHORIZED', details: { source: 'tuya', kind: 'auth', tuyaCode: 1004 } });
    expect(auth.message).toMatch(/Check the Access ID \(client id\) and Access Secret/);

    await k.call('cloud:set-config', { cloud: 'tuya', secrets: { clientSecret: TEST_CREDENTIALS.clientSecret } });
    await sim.setOnline(false);
    const offline = await k.refusal('cloud:test', { cloud: 'tuya' });
    expect(offline).toMatchObject({ code: 'NETWORK', details: { kind: 'network' } });
    expect(k.core.services.status.get().cloud).toBe('unreachable');
  });

  it('Alibaba: project credentials and a user token are checked; a wrong AppSecret says so', async () => {
    const sim = await startAliyunGateway({
      appKey: 'app-1',
      appSecret: 'secret-1',
      projectId: 'project-1',
      seed: 7,
      iotTokens: ['user-token-1'],
    });
    cleanup.push(() => sim.close());
    const k = kit();
    await k.call('cloud:set-config', {
      cloud: 'aliyun',
      settings: { host: sim.origin, projectId: 'project-1' },
      secrets: { appKey: 'app-1', appSecret: 'secret-1' },
    });
    expect(await k.call('cloud:test', { cloud: 'aliyun' })).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/project token/),
    });
    await k.call('cloud:set-config', {
      cloud: 'aliyun',
      settings: { auth: 'iotToken' },
      secrets: { iotToken: 'user-token-1' },
    });
    expect(await k.call('cloud:test', { cloud: 'aliyun' })).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/iotToken/),
    });
    await k.call('cloud:set-config', { cloud: 'aliyun', secrets: { iotToken: 'expired-token' } });
    expect(await k.refusal('cloud:test', { cloud: 'aliyun' })).toMatchObject({
      code: 'UNAUTHORIZED',
      details: { kind: 'auth' },
    });
    await k.call('cloud:set-config', {
      cloud: 'aliyun',
      settings: { auth: 'project' },
      secrets: { appSecret: 'nope' },
    });
    const wrong = await k.refusal('cloud:test', { cloud: 'aliyun' });
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', details: { source: 'aliyun', kind: 'auth' } });
    expect(wrong.message).toMatch(/AppSecret/);
  });
});
