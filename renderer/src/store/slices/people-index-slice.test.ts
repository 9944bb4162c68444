import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../shared/domain/job.ts';
import { createAppStore } from '../app-store.ts';
import { fakeApi } from '../testing/fake-api.ts';

const progress = (overrides: Partial<JobProgress> = {}): JobProgress => ({
  jobId: 'refresh-1',
  kind: 'people-refresh',
  state: 'running',
  value: 0,
  done: 3,
  total: 50,
  counts: { people: 30_000 },
  error: null,
  ...overrides,
});

describe('people index slice: the refresh can be cancelled (issue 18: every long action)', () => {
  it('cancels the running refresh by its job id, and does nothing when none runs', async () => {
    const fake = fakeApi({
      'people:refresh': { ok: true, value: { jobId: 'refresh-1' } },
      'jobs:cancel': { ok: true, value: { cancelled: true } },
      'people:status': { ok: true, value: { terminals: [], oldestReadAt: null, rows: 0 } },
    });
    const store = createAppStore(fake.api);
    await store.getState().cancelPeopleRefresh();
    expect(fake.calls.filter(([channel]) => channel === 'jobs:cancel')).toEqual([]);

    await store.getState().refreshPeopleIndex();
    store.getState().receivePeopleProgress(progress());
    await store.getState().cancelPeopleRefresh();
    expect(fake.calls).toContainEqual(['jobs:cancel', { jobId: 'refresh-1' }]);

    store.getState().receivePeopleProgress(progress({ state: 'cancelled' }));
    expect(store.getState().peopleIndex.refresh?.state).toBe('cancelled');
    await store.getState().cancelPeopleRefresh();
    expect(fake.calls.filter(([channel]) => channel === 'jobs:cancel')).toHaveLength(1);
  });
});
