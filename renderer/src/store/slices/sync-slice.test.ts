import { describe, expect, it } from 'vitest';
import type { Operation, SyncListRequest, SyncStatus } from '../../../../shared/domain/sync.ts';
import { errorMessageKey } from '../../components/ErrorBanner.tsx';
import { createAppStore } from '../app-store.ts';
import { connectBridge } from '../bridge.ts';
import { fakeApi } from '../testing/fake-api.ts';
import { SYNC_PAGE_SIZE } from './sync-slice.ts';

function op(index: number, state: Operation['state'] = 'queued'): Operation {
  return {
    id: `removal:${index}`,
    source: 'removal',
    jobId: 'job-1',
    jobLabel: null,
    kind: 'remove-person',
    targetKind: 'terminal',
    target: 'SN-1',
    targetName: 'Lobby',
    channel: null,
    subject: String(100000 + index),
    subjectName: null,
    state,
    outcome: state === 'queued' ? 'queued' : null,
    reasonCode: state === 'queued' ? 'terminal-offline' : null,
    reason: null,
    rawCode: null,
    attempts: 0,
    retryable: false,
    queuedAt: 1,
    syncedAt: null,
    updatedAt: 1,
    discardedBy: null,
    discardedAt: null,
    drift: null,
  };
}

const status = (queued: number): SyncStatus => ({
  counts: { queued, running: 0, done: 0, 'needs-attention': 0, discarded: 0 },
  targets: [],
  clouds: [],
  lastSyncAt: null,
  syncing: false,
});

describe('sync slice', () => {
  it('pages the list by state on demand and refetches loaded pages when the queue changes', async () => {
    const total = 250;
    let shift = 0;
    const fake = fakeApi({
      'sync:status': { ok: true, value: status(total) },
      'sync:list': (request: SyncListRequest) => {
        const offset = request.offset ?? 0;
        const items = Array.from({ length: Math.min(request.limit ?? 100, total - offset) }, (_, i) =>
          op(offset + i + shift),
        );
        return { ok: true, value: { items, matching: total } };
      },
    });
    const store = createAppStore(fake.api);
    await connectBridge(fake.api, store);
    await store.getState().loadSyncStatus();
    store.getState().setSyncFilter('queued');
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState()).toMatchObject({ syncMatching: total, syncLoaded: true, syncFilter: 'queued' });
    expect(store.getState().syncRows[0]?.id).toBe('removal:0');
    expect(fake.calls.filter(([c]) => c === 'sync:list').at(-1)?.[1]).toEqual({
      state: 'queued',
      offset: 0,
      limit: 100,
    });

    store.getState().ensureSyncRows(180, 230);
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().syncRows[230]?.id).toBe('removal:230');
    expect(fake.calls.filter(([c]) => c === 'sync:list')).toHaveLength(3);

    shift = 1000;
    fake.push('sync:changed', status(total));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().syncRows[0]?.id).toBe('removal:1000');
    expect(store.getState().syncRows[SYNC_PAGE_SIZE * 2]?.id).toBe(`removal:${1000 + SYNC_PAGE_SIZE * 2}`);
  });

  it('discards only with the confirmation in the request, and retries all that need attention', async () => {
    const fake = fakeApi({
      'sync:list': { ok: true, value: { items: [], matching: 0 } },
      'sync:discard': { ok: true, value: { discarded: 1 } },
      'sync:retry': { ok: true, value: { retried: 2 } },
    });
    const store = createAppStore(fake.api);
    await connectBridge(fake.api, store);
    expect(await store.getState().discardOperations(['removal:7'])).toBe(true);
    expect(fake.calls.find(([c]) => c === 'sync:discard')?.[1]).toEqual({
      selection: { ids: ['removal:7'] },
      confirm: true,
    });
    expect(await store.getState().retryOperations('all')).toBe(true);
    expect(fake.calls.find(([c]) => c === 'sync:retry')?.[1]).toEqual({ selection: { all: 'needs-attention' } });
  });

  it('shows a storage fault in its own words', () => {
    expect(errorMessageKey({ code: 'STORAGE', message: 'x', details: { fault: 'full' } })).toBe('storageFault.full');
    expect(errorMessageKey({ code: 'STORAGE', message: 'x', details: { fault: '<script>' } })).toBe('errors.STORAGE');
    expect(errorMessageKey({ code: 'STORAGE', message: 'x' })).toBe('errors.STORAGE');
  });
});
