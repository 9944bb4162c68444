import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../shared/domain/settings.ts';
import type { AppStatus } from '../../../shared/domain/status.ts';
import type { Api, EventName } from '../../../shared/ipc/types.ts';
import type { Result } from '../../../shared/result.ts';
import { createAppStore } from './app-store.ts';
import { connectBridge } from './bridge.ts';

const status: AppStatus = { siteAdapters: [], cloud: 'unknown', queuedOperations: 3 };

/** An in-memory Api that records calls and lets the test push events. */
function fakeApi(answers: Record<string, Result<unknown>>) {
  const listeners = new Map<EventName, ((payload: never) => void)[]>();
  const calls: [string, unknown][] = [];
  const api: Api = {
    invoke: async (channel, request) => {
      calls.push([channel, request]);
      return answers[channel] as never;
    },
    on: (event, listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (payload: never) => void]);
      return () =>
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((l) => l !== listener),
        );
    },
  };
  const push = (event: EventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload as never);
  };
  return { api, calls, push, listeners };
}

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
