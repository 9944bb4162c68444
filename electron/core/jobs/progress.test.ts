import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/domain/job.ts';
import { createEventBus } from '../events/event-bus.ts';
import { PROGRESS_INTERVAL_MS } from './job-runner.ts';
import { createProgressPublisher, type ProgressPublisher } from './progress.ts';

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Counting 500,000 items: the thread is busy.
  }
}

let publisher: ProgressPublisher | undefined;
afterEach(() => publisher?.close());

describe('progress publisher', () => {
  it('publishes at most every PROGRESS_INTERVAL_MS while counting is cheap', () => {
    const bus = createEventBus();
    let clock = 0;
    const events: unknown[] = [];
    bus.onAny((_event, payload) => events.push(payload));
    const compute = (jobId: string): JobProgress =>
      ({ jobId, kind: 'remove', state: 'running', value: 0, done: 0, total: 1, counts: {}, error: null }) as never;
    publisher = createProgressPublisher(bus, null, () => clock, compute);
    publisher.publish('j');
    clock += PROGRESS_INTERVAL_MS;
    publisher.publish('j');
    expect(events).toHaveLength(2);
  });

  it('waits longer between counts that take long, so progress does not starve the requests', () => {
    const bus = createEventBus();
    let clock = 0;
    const events: unknown[] = [];
    bus.onAny((_event, payload) => events.push(payload));
    const compute = (jobId: string): JobProgress => {
      busyFor(30);
      return { jobId, kind: 'remove', state: 'running', value: 0, done: 0, total: 1, counts: {}, error: null } as never;
    };
    publisher = createProgressPublisher(bus, null, () => clock, compute);
    publisher.publish('j');
    expect(events).toHaveLength(1);
    // A 30 ms count: the next one comes no sooner than 20 × 30 ms = 600 ms later.
    clock += PROGRESS_INTERVAL_MS;
    publisher.publish('j');
    expect(events).toHaveLength(1);
    clock += 10_000; // past 20 × the count's cost, even on a machine busy enough to stretch the 30 ms
    publisher.publish('j');
    expect(events).toHaveLength(2);
    // A state change is told at once, whatever the cost.
    publisher.publish('j', true);
    expect(events).toHaveLength(3);
  });
});
