import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/ipc/names.ts';
import { fakeApi } from '../store/testing/fake-api.ts';
import { contractApi } from './contract-api.ts';

describe('the named api built from the contract', () => {
  it('has one function per channel, `domain:verb-name` as `api.domain.verbName`, calling that channel', async () => {
    const fake = fakeApi(Object.fromEntries(CHANNEL_NAMES.map((name) => [name, { ok: true, value: name }])));
    const api = contractApi(fake.api) as unknown as Record<string, Record<string, (request: unknown) => unknown>>;
    const named: string[] = [];
    for (const [domain, calls] of Object.entries(api)) {
      if (typeof calls !== 'object' || calls === null) continue;
      for (const [verb, call] of Object.entries(calls)) {
        const answer = await call({ probe: `${domain}.${verb}` });
        named.push(`${domain}.${verb}`);
        const channel = fake.calls.at(-1)?.[0];
        expect(answer).toEqual({ ok: true, value: channel });
        expect(fake.calls.at(-1)?.[1]).toEqual({ probe: `${domain}.${verb}` });
      }
    }
    expect(named).toHaveLength(CHANNEL_NAMES.length);
    expect(fake.calls.map(([channel]) => channel).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('maps kebab-case names to camelCase and sends `{}` when the request is left out', async () => {
    const fake = fakeApi({
      'jobs:retry-failed': { ok: true, value: { jobId: 'j-1', retried: 2 } },
      'cloud-removal:start': { ok: false, error: { code: 'VALIDATION', message: 'no account' } },
    });
    const api = contractApi(fake.api);
    expect(await api.jobs.retryFailed({ jobId: 'j-1' })).toEqual({ ok: true, value: { jobId: 'j-1', retried: 2 } });
    const refused = await api.cloudRemoval.start({ userIds: ['u'], scopeType: 'IOT_ID', scopeIds: ['d'] });
    expect(refused.ok).toBe(false);
    await api.devices.list();
    expect(fake.calls).toEqual([
      ['jobs:retry-failed', { jobId: 'j-1' }],
      ['cloud-removal:start', { userIds: ['u'], scopeType: 'IOT_ID', scopeIds: ['d'] }],
      ['devices:list', {}],
    ]);
  });

  it('keeps the transport: invoke, events and the platform pass through', async () => {
    const fake = fakeApi();
    const api = contractApi({ ...fake.api, platform: 'electron' });
    expect(api.platform).toBe('electron');
    expect(await api.invoke('settings:get', {})).toMatchObject({ ok: true });
    const seen: string[] = [];
    const stop = api.on('devices:removed', ({ serial }) => seen.push(serial));
    fake.push('devices:removed', { serial: 'SN-1' });
    stop();
    fake.push('devices:removed', { serial: 'SN-2' });
    expect(seen).toEqual(['SN-1']);
  });

  it('types every call from the contract', () => {
    const api = contractApi(fakeApi().api);
    // @ts-expect-error: no such verb in the devices domain.
    expect(api.devices.nope).toBeUndefined();
    // @ts-expect-error: jobs:pause needs its job id.
    void (() => api.jobs.pause());
    expect(typeof api.jobs.pause).toBe('function');
  });
});
