import type { JobProgress } from '../../../shared/domain/job.ts';
import type { EventBus } from '../events/event-bus.ts';
import { PROGRESS_INTERVAL_MS } from './job-runner.ts';
import type { JournalReader } from '../removal/journal-read.ts';

/** Publishes `jobs:progress` for removal jobs, throttled per job. */
export interface ProgressPublisher {
  /** Publishes now when `force` or the interval has passed; else once at the end of the interval. */
  publish(jobId: string, force?: boolean): void;
  /** Stops pending trailing publications. */
  close(): void;
}

/** The progress event of a job, from its live counts (live-counts.ts: counted once, then followed). */
export function progressOf(reader: JournalReader, jobId: string): JobProgress | undefined {
  const row = reader.job(jobId);
  if (!row) return undefined;
  const { counts, total } = reader.liveTotals(jobId);
  const done = counts.removed + counts['already-absent'] + counts.failed + counts.cancelled;
  return {
    jobId,
    kind: row.kind,
    state: row.state,
    value: total > 0 ? Math.min(1, done / total) : 1,
    done,
    total,
    counts,
    error: row.error,
  };
}

/**
 * Counting a job's items takes time on the app's only thread (about 0.1 s for 500,000 items on a busy
 * 2-core machine): the interval grows to this many times the last count's cost, so progress never takes
 * more than about 5 % of the thread from the requests.
 */
const COST_FACTOR = 20;

/**
 * Creates a {@link ProgressPublisher}: at most one event per job every PROGRESS_INTERVAL_MS (longer when
 * counting is expensive, see COST_FACTOR), a trailing one so the last counts are always told, and forced
 * ones for state changes. `compute` builds the event (default: from
 * the removal journal's counts; the cloud jobs pass their own).
 */
export function createProgressPublisher(
  bus: EventBus,
  reader: JournalReader | null,
  now: () => number = Date.now,
  compute: (jobId: string) => JobProgress | undefined = (jobId) => (reader ? progressOf(reader, jobId) : undefined),
): ProgressPublisher {
  const last = new Map<string, number>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** Per job: the interval, longer than PROGRESS_INTERVAL_MS when counting the job is expensive. */
  const intervals = new Map<string, number>();
  const emit = (jobId: string): void => {
    const pending = timers.get(jobId);
    if (pending) clearTimeout(pending);
    timers.delete(jobId);
    last.set(jobId, now());
    const started = performance.now();
    const progress = compute(jobId);
    const cost = performance.now() - started;
    intervals.set(jobId, Math.max(PROGRESS_INTERVAL_MS, COST_FACTOR * cost));
    if (progress) bus.emit('jobs:progress', progress);
  };
  return {
    publish(jobId, force = false) {
      const since = now() - (last.get(jobId) ?? -Infinity);
      const interval = intervals.get(jobId) ?? PROGRESS_INTERVAL_MS;
      if (force || since >= interval) {
        emit(jobId);
        return;
      }
      if (timers.has(jobId)) return;
      const timer = setTimeout(() => emit(jobId), interval - since);
      timer.unref();
      timers.set(jobId, timer);
    },
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
