import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../shared/domain/job.ts';
import { createAppStore } from '../app-store.ts';
import { connectBridge } from '../bridge.ts';
import { fakeApi } from '../testing/fake-api.ts';
import { isJobActive } from './discovery-slice.ts';

const progress = (overrides: Partial<JobProgress> = {}): JobProgress => ({
  jobId: 'job-1',
  kind: 'sweep',
  state: 'running',
  value: 0,
  done: 0,
  total: 254,
  counts: {},
  error: null,
  ...overrides,
});

describe('discovery slice', () => {
  it('loads browsing state and adapters, and follows sweep progress only', async () => {
    const adapters = [{ name: 'eth0', address: '192.168.1.5', cidr: '192.168.1.5/24', internal: false }];
    const fake = fakeApi({
      'discovery:state': { ok: true, value: { browsing: true, adapters: ['eth0'], serviceTypes: ['http'] } },
      'network:adapters': { ok: true, value: adapters },
    });
    const store = createAppStore(fake.api);
    await connectBridge(fake.api, store);
    expect(store.getState().browsing.browsing).toBe(true);
    expect(store.getState().adapters).toEqual(adapters);

    fake.push('jobs:progress', progress({ kind: 'remove', jobId: 'other' }));
    expect(store.getState().sweep).toBeNull();
    fake.push('jobs:progress', progress({ done: 37, value: 37 / 254, counts: { found: 3 } }));
    expect(store.getState().sweep).toMatchObject({ done: 37, counts: { found: 3 } });
  });

  it('starts a sweep, keeps events that came before the answer, and cancels it by id', async () => {
    const fake = fakeApi({
      'discovery:sweep': { ok: true, value: { jobId: 'job-1' } },
      'jobs:cancel': { ok: true, value: { cancelled: true } },
    });
    const store = createAppStore(fake.api);
    await connectBridge(fake.api, store);
    fake.push('jobs:progress', progress({ done: 5 }));
    expect(await store.getState().startSweep('192.168.1.0/24')).toBe(true);
    expect(store.getState().sweep?.done).toBe(5);

    fake.push('jobs:progress', progress({ jobId: 'intruder', done: 1 }));
    expect(store.getState().sweep?.jobId).toBe('job-1');

    await store.getState().cancelSweep();
    expect(fake.calls).toContainEqual(['jobs:cancel', { jobId: 'job-1' }]);
    fake.push('jobs:progress', progress({ state: 'cancelled', done: 9 }));
    expect(isJobActive(store.getState().sweep)).toBe(false);

    fake.push('jobs:progress', progress({ jobId: 'job-2', done: 1 }));
    expect(store.getState().sweep?.jobId).toBe('job-2');
  });

  it('fills in a running sweep when the answer comes first, and shows a refused subnet', async () => {
    let answer = 0;
    const fake = fakeApi({
      'discovery:sweep': () =>
        answer++ === 0
          ? { ok: true, value: { jobId: 'job-9' } }
          : { ok: false, error: { code: 'VALIDATION', message: 'too wide' } },
    });
    const store = createAppStore(fake.api);
    expect(await store.getState().startSweep('10.0.0.0/24')).toBe(true);
    expect(store.getState().sweep).toMatchObject({ jobId: 'job-9', state: 'running', done: 0 });
    expect(await store.getState().startSweep('10.0.0.0/8')).toBe(false);
    expect(store.getState().error).toEqual({ code: 'VALIDATION', message: 'too wide' });
  });

  it('starts discovery on the chosen adapters, or the site ones, and shows FORBIDDEN_MDNS', async () => {
    const fake = fakeApi({
      'discovery:start': (request: { adapters?: string[] }) =>
        request.adapters
          ? { ok: true, value: { browsing: true, adapters: request.adapters, serviceTypes: [] } }
          : { ok: false, error: { code: 'FORBIDDEN_MDNS', message: 'isolated only' } },
      'discovery:stop': { ok: true, value: { browsing: false, adapters: [], serviceTypes: [] } },
    });
    const store = createAppStore(fake.api);
    await store.getState().startDiscovery(['eth0']);
    expect(store.getState().browsing).toMatchObject({ browsing: true, adapters: ['eth0'] });
    await store.getState().stopDiscovery();
    expect(store.getState().browsing.browsing).toBe(false);

    await store.getState().startDiscovery([]);
    expect(fake.calls.at(-1)).toEqual(['discovery:start', {}]);
    expect(store.getState().browsing.browsing).toBe(false);
    expect(store.getState().error?.code).toBe('FORBIDDEN_MDNS');

    store.getState().chooseAdapters(['wlan0']);
    expect(store.getState().chosenAdapters).toEqual(['wlan0']);
  });
});
