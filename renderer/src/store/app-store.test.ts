import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../shared/domain/settings.ts';
import type { AppStatus } from '../../../shared/domain/status.ts';
import { createAppStore } from './app-store.ts';
import { connectBridge } from './bridge.ts';
import { fakeApi } from './testing/fake-api.ts';

const status: AppStatus = { siteAdapters: [], cloud: 'unknown', queuedOperations: 3, attentionOperations: 0 };

describe('app store and bridge', () => {
  it('loads settings and status, follows events, and unsubscribes', async () => {
    const settings: Settings = { language: 'zh-CN', siteAdapters: [] };
    const fake = fakeApi({ 'settings:get': { ok: true, value: settings }, 'status:get': { ok: true, value: status } });
    const store = createAppStore(fake.api);
    const unsubscribe = await connectBridge(fake.api, store);
    expect(store.getState().settings?.language).toBe('zh-CN');
    expect(store.getState().status?.queuedOperations).toBe(3);

    fake.push('status:changed', { ...status, queuedOperations: 5 });
    expect(store.getState().status?.queuedOperations).toBe(5);

    unsubscribe();
    fake.push('status:changed', { ...status, queuedOperations: 9 });
    expect(store.getState().status?.queuedOperations).toBe(5);
  });

  it('shows a typed error when the core refuses a change, and keeps the old language', async () => {
    const fake = fakeApi({
      'settings:get': { ok: true, value: { language: 'en', siteAdapters: [] } },
      'status:get': { ok: true, value: status },
      'settings:update': { ok: false, error: { code: 'STORAGE', message: 'disk full' } },
    });
    const store = createAppStore(fake.api);
    await connectBridge(fake.api, store);
    await store.getState().setLanguage('zh-CN');
    expect(fake.calls).toContainEqual(['settings:update', { language: 'zh-CN' }]);
    expect(store.getState().settings?.language).toBe('en');
    expect(store.getState().error).toEqual({ code: 'STORAGE', message: 'disk full' });
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
  });

  it('gives each test a fresh store', () => {
    const { api } = fakeApi({});
    const a = createAppStore(api);
    const b = createAppStore(api);
    a.getState().showSection('jobs');
    expect(b.getState().section).toBe('devices');
  });
});
