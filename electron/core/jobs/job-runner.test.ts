import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/domain/job.ts';
import { createEventBus } from '../events/event-bus.ts';
import { createJobRunner } from './job-runner.ts';

function collect() {
  const bus = createEventBus();
  const events: JobProgress[] = [];
  bus.onAny((event, payload) => {
    if (event === 'jobs:progress') events.push(payload as JobProgress);
  });
  return { bus, events };
}

describe('job runner', () => {
  it('throttles progress events but always reports the first and final state', async () => {
    const { bus, events } = collect();
    let clock = 0;
    const runner = createJobRunner(bus, () => clock);
    const { result } = runner.start('sweep', async (_signal, report) => {
      for (let i = 1; i <= 1000; i++) {
        clock += 1;
        report(i, 1000, { found: Math.floor(i / 100) });
      }
      return 'ok';
    });
    expect(await result).toBe('ok');
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    expect(events.length).toBeLessThan(10);
    expect(events[0]?.state).toBe('running');
    expect(events.at(-1)).toMatchObject({ state: 'done', value: 1, done: 1000, counts: { found: 10 } });
  });

  it('cancels by id through the signal and reports cancelled', async () => {
    const { bus, events } = collect();
    const runner = createJobRunner(bus);
    const { jobId, result } = runner.start(
      'sweep',
      (signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
    );
    expect(runner.cancel(jobId)).toBe(true);
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED' });
    await new Promise((r) => setImmediate(r));
    expect(events.at(-1)?.state).toBe('cancelled');
    expect(runner.cancel(jobId)).toBe(false);
    expect(runner.cancel('no-such-job')).toBe(false);
  });

  it('reports a failure with its reason', async () => {
    const { bus } = collect();
    const runner = createJobRunner(bus);
    const { jobId, result } = runner.start('sweep', async () => {
      throw new Error('adapter vanished');
    });
    await expect(result).rejects.toThrow('adapter vanished');
    await new Promise((r) => setImmediate(r));
    expect(runner.list().find((j) => j.jobId === jobId)).toMatchObject({ state: 'failed', error: 'adapter vanished' });
  });
});
