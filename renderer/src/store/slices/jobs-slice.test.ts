import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../shared/domain/job.ts';
import type { JobDetail, JobItem, JobSummary } from '../../../../shared/domain/removal.ts';
import { createAppStore } from '../app-store.ts';
import { connectBridge } from '../bridge.ts';
import { NO_COUNTS } from '../jobs/job-progress.ts';
import { fakeApi } from '../testing/fake-api.ts';
import { terminal } from '../testing/terminals.ts';
import { JOB_PAGE_SIZE } from './jobs-slice.ts';

const summary = (overrides: Partial<JobSummary> = {}): JobSummary => ({
  id: 'job-1',
  kind: 'remove',
  state: 'running',
  mode: 'people',
  verify: false,
  label: null,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  finishedAt: null,
  total: 250,
  terminals: 2,
  counts: { ...NO_COUNTS, pending: 250 },
  verified: 0,
  unverified: 0,
  error: null,
  ...overrides,
});

const item = (seq: number): JobItem => ({
  seq,
  terminal: 'A',
  terminalKind: 'sophon',
  line: seq + 1,
  name: null,
  personKey: String(seq),
  idKind: 'identity_id',
  nativeId: String(100000 + seq),
  faceId: null,
  outcome: 'failed',
  rawCode: 'HTTP_500',
  reason: 'refused',
  attempts: 5,
  verified: null,
  updatedAt: 0,
});

/** A jobs:show answer: `matching` items in all, the page asked for. */
function show(
  request: { offset?: number; limit?: number; outcome?: string },
  matching = 250,
): { ok: true; value: JobDetail } {
  const offset = request.offset ?? 0;
  const count = Math.max(0, Math.min(request.limit ?? 100, matching - offset));
  return {
    ok: true,
    value: {
      job: summary(),
      terminals: [{ serial: 'A', kind: 'sophon', counts: { ...NO_COUNTS, pending: 250 } }],
      items: Array.from({ length: count }, (_, i) => item(offset + i)),
      matching,
    },
  };
}

const progress = (overrides: Partial<JobProgress> = {}): JobProgress => ({
  jobId: 'job-1',
  kind: 'remove',
  state: 'running',
  value: 0.5,
  done: 125,
  total: 250,
  counts: { removed: 100, failed: 20, unconfirmed: 5, pending: 125 },
  error: null,
  ...overrides,
});

/** Lets every answer already settled reach the store. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('jobs slice', () => {
  it('lists removal jobs, opens one with its terminals and first page, and pages on demand', async () => {
    const fake = fakeApi({
      'jobs:list': { ok: true, value: [summary(), summary({ id: 'sweep', kind: 'sweep' })] },
      'jobs:show': (request: { offset?: number; limit?: number }) => show(request),
    });
    const store = createAppStore(fake.api);
    await store.getState().loadJobs();
    expect(store.getState().jobList.map((job) => job.id)).toEqual(['job-1']);

    await store.getState().openJob('job-1');
    const view = store.getState().jobView;
    expect(view).toMatchObject({ jobId: 'job-1', filter: null, matching: 250, version: 1 });
    expect(view?.terminals[0]?.serial).toBe('A');
    expect(view?.pages[0]?.items).toHaveLength(JOB_PAGE_SIZE);

    store.getState().ensureJobPages([0, 1, 2, 3]);
    store.getState().ensureJobPages([2]); // already asked for
    await settle();
    const shows = fake.calls.filter(([channel]) => channel === 'jobs:show').map(([, request]) => request);
    expect(shows).toEqual([
      { jobId: 'job-1', offset: 0, limit: JOB_PAGE_SIZE },
      { jobId: 'job-1', offset: 100, limit: JOB_PAGE_SIZE },
      { jobId: 'job-1', offset: 200, limit: JOB_PAGE_SIZE },
    ]);
    expect(store.getState().jobView?.pages[2]?.items).toHaveLength(50);
  });

  it('follows progress: live counts in the list, the selected job read again, and new jobs listed', async () => {
    const fake = fakeApi({
      'jobs:list': { ok: true, value: [summary()] },
      'jobs:show': (request: { offset?: number; limit?: number }) => show(request),
    });
    const store = createAppStore(fake.api);
    await connectBridge(fake.api, store);
    await store.getState().openJob('job-1');
    const before = fake.calls.length;

    fake.push('jobs:progress', progress());
    fake.push('jobs:progress', progress({ state: 'done' }));
    fake.push('jobs:progress', progress({ state: 'done' }));
    expect(store.getState().jobList[0]).toMatchObject({
      state: 'done',
      counts: { ...NO_COUNTS, removed: 100, failed: 20, unconfirmed: 5, pending: 125 },
    });
    await settle();
    // Three events while one read was running: one more read, not three.
    expect(fake.calls.slice(before).filter(([channel]) => channel === 'jobs:show')).toHaveLength(2);
    expect(store.getState().jobView?.version).toBe(3);

    fake.push('jobs:progress', progress({ kind: 'sweep', jobId: 'sweep-1' }));
    fake.push('jobs:progress', progress({ jobId: 'from-the-cli' }));
    await settle();
    expect(fake.calls.filter(([channel]) => channel === 'jobs:list')).toHaveLength(2);
  });

  it('filters by outcome from a fresh page set, and drops pages that answer for an older filter', async () => {
    const fake = fakeApi({
      'jobs:list': { ok: true, value: [summary()] },
      'jobs:show': (request: { offset?: number; limit?: number; outcome?: string }) =>
        show(request, request.outcome === 'failed' ? 25 : 250),
    });
    const store = createAppStore(fake.api);
    await store.getState().openJob('job-1');
    store.getState().ensureJobPages([1]);
    await store.getState().setJobFilter('failed');
    await settle();
    const view = store.getState().jobView;
    expect(view).toMatchObject({ filter: 'failed', matching: 25 });
    expect(Object.keys(view?.pages ?? {})).toEqual(['0']);
    expect(fake.calls.at(-1)).toEqual(['jobs:show', { jobId: 'job-1', outcome: 'failed', offset: 0, limit: 100 }]);
    await store.getState().setJobFilter('unconfirmed');
    expect(fake.calls.at(-1)).toEqual(['jobs:show', { jobId: 'job-1', outcome: 'unconfirmed', offset: 0, limit: 100 }]);
    expect(store.getState().jobView).toMatchObject({ filter: 'unconfirmed', matching: 250 });
  });

  it('pauses, resumes, retries the failed items, exports, and shows refusals in the banner', async () => {
    const fake = fakeApi({
      'jobs:list': { ok: true, value: [summary()] },
      'jobs:show': (request: { offset?: number; limit?: number }) => show(request),
      'jobs:pause': { ok: true, value: summary({ state: 'paused' }) },
      'jobs:resume': { ok: false, error: { code: 'CONFLICT', message: 'done' } },
      'jobs:retry-failed': { ok: true, value: { jobId: 'job-1', retried: 25 } },
      'jobs:export': { ok: true, value: { format: 'csv', fileName: 'r.csv', items: 250, content: 'x' } },
      'jobs:cancel': { ok: true, value: { cancelled: true } },
    });
    const store = createAppStore(fake.api);
    expect(await store.getState().retryFailedItems()).toBeNull(); // nothing selected
    await store.getState().openJob('job-1');
    await store.getState().pauseJob();
    expect(store.getState().jobList[0]?.state).toBe('paused');
    await store.getState().resumeJob();
    expect(store.getState().error).toEqual({ code: 'CONFLICT', message: 'done' });
    expect(await store.getState().retryFailedItems()).toBe(25);
    expect(await store.getState().exportJobReport('csv')).toMatchObject({ fileName: 'r.csv' });
    await store.getState().cancelJob();
    expect(fake.calls).toContainEqual(['jobs:retry-failed', { jobId: 'job-1' }]);
    expect(fake.calls).toContainEqual(['jobs:export', { jobId: 'job-1', format: 'csv' }]);
    expect(fake.calls).toContainEqual(['jobs:cancel', { jobId: 'job-1' }]);
  });

  it('probes the terminals queued items wait for, so the core runs them once they answer', async () => {
    const queued = { ...NO_COUNTS, queued: 3 };
    const fake = fakeApi({
      'jobs:list': { ok: true, value: [summary()] },
      'jobs:show': () => ({
        ok: true,
        value: {
          job: summary(),
          terminals: [
            { serial: 'A', kind: 'sophon', counts: queued },
            { serial: 'B', kind: 'basip', counts: { ...NO_COUNTS, removed: 3 } },
            { serial: 'C', kind: 'basip', counts: queued },
          ],
          items: [],
          matching: 0,
        },
      }),
      'devices:add': (request: { address: string }) =>
        request.address === '10.0.0.1:5555'
          ? { ok: true, value: terminal({ serial: 'A', kind: 'sophon', online: true }) }
          : { ok: false, error: { code: 'NETWORK', message: 'nothing answers' } },
    });
    const store = createAppStore(fake.api);
    store
      .getState()
      .receiveTerminal(terminal({ serial: 'A', kind: 'sophon', address: '10.0.0.1', port: 5555, online: false }));
    store.getState().receiveTerminal(terminal({ serial: 'B', address: '10.0.0.2', online: true }));
    store.getState().receiveTerminal(terminal({ serial: 'C', address: '10.0.0.3', online: false }));
    await store.getState().openJob('job-1');
    await store.getState().tryQueuedNow();
    expect(fake.calls.filter(([channel]) => channel === 'devices:add')).toEqual([
      ['devices:add', { address: '10.0.0.1:5555', kind: 'sophon' }],
      ['devices:add', { address: '10.0.0.3:80', kind: 'basip' }],
    ]);
    expect(store.getState().terminals.A?.online).toBe(true);
    expect(store.getState().error?.code).toBe('NETWORK');
  });
});
