import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_KNOBS } from '../common/knobs.ts';
import { generatePeople } from '../common/people.ts';
import { identityListOps } from './ops-identity-list.ts';
import { SophonStore } from './store.ts';

/**
 * `deleteidentities` costs `perItemLatencyMs` per id, paced against the request's start: timers that fire
 * late (here: every timer 1 ms late, as on a busy machine's event loop) must not add up.
 */
describe('Sophon deleteidentities pacing', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('takes ids × perItemLatencyMs even when every timer fires late', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    // Every timer fires 1 ms late, so each 2 ms wait takes 3 ms.
    const fakeSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, ms?: number) =>
      fakeSetTimeout(handler, (ms ?? 0) + 1)) as typeof setTimeout);
    const people = generatePeople('pacing', 100);
    const store = new SophonStore('pacing', people);
    const knobs = { ...DEFAULT_KNOBS, perItemLatencyMs: 2 };
    const started = performance.now();
    let finished: number | undefined;
    const answer = Promise.resolve(
      identityListOps.deleteidentities?.({
        body: { identity_ids: people.map((p) => p.identityId) },
        store,
        knobs,
        credentials: { username: 'admin', password: 'admin' },
        takeFault: () => false,
      }),
    ).then((result) => {
      finished = performance.now();
      return result;
    });
    await vi.runAllTimersAsync();
    const result = await answer;
    expect(result?.acknowledged).toHaveLength(100);
    expect(store.identities.size).toBe(0);
    // 100 ids × 2 ms = 200 ms plus the last timer's lateness; unpaced, 100 late timers would take 300 ms.
    const elapsed = (finished ?? Number.POSITIVE_INFINITY) - started;
    expect(elapsed).toBeGreaterThanOrEqual(200);
    expect(elapsed).toBeLessThanOrEqual(203);
  });

  it('still waits for every id: the device is not faster than its knob', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    const people = generatePeople('pacing-fast', 10);
    const store = new SophonStore('pacing-fast', people);
    let done = false;
    void Promise.resolve(
      identityListOps.deleteidentities?.({
        body: { identity_ids: people.map((p) => p.identityId) },
        store,
        knobs: { ...DEFAULT_KNOBS, perItemLatencyMs: 5 },
        credentials: { username: 'admin', password: 'admin' },
        takeFault: () => false,
      }),
    ).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(49);
    expect(done).toBe(false);
    expect(store.identities.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(store.identities.size).toBe(0);
  });
});
