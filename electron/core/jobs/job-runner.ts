import { newJobId } from './job-id.ts';
import type { JobKind, JobProgress } from '../../../shared/domain/job.ts';
import { AppError } from '../../../shared/errors.ts';
import type { EventBus } from '../events/event-bus.ts';

/** What a running job reports: how far it is and kind-specific counters. */
export type ReportProgress = (done: number, total: number, counts?: Record<string, number>) => void;

/** The work of a job: honours the signal, reports progress, resolves when finished. */
export type JobWork<T> = (signal: AbortSignal, report: ReportProgress) => Promise<T>;

/** Runs in-memory jobs with throttled progress events and cancel by id. */
export interface JobRunner {
  /** Starts a job and returns its id at once, with a promise of its result. */
  start<T>(kind: JobKind, work: JobWork<T>): { jobId: string; result: Promise<T> };
  /** Cancels a running job; false when no such job runs. */
  cancel(jobId: string): boolean;
  /** The latest progress of every job this process started. */
  list(): JobProgress[];
}

/** Fewest milliseconds between two progress events of one job (a few per second). */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * Creates a {@link JobRunner} that emits `jobs:progress` at most every {@link PROGRESS_INTERVAL_MS} per job,
 * plus always the first and the final state. Cancellation goes through an AbortController per job.
 */
export function createJobRunner(bus: EventBus, now: () => number = Date.now): JobRunner {
  const controllers = new Map<string, AbortController>();
  const latest = new Map<string, JobProgress>();

  return {
    start(kind, work) {
      const jobId = newJobId();
      const controller = new AbortController();
      controllers.set(jobId, controller);
      let lastEmit = 0;
      let progress: JobProgress = {
        jobId,
        kind,
        state: 'running',
        value: 0,
        done: 0,
        total: 0,
        counts: {},
        error: null,
      };
      const publish = (force: boolean): void => {
        latest.set(jobId, progress);
        if (force || now() - lastEmit >= PROGRESS_INTERVAL_MS) {
          lastEmit = now();
          bus.emit('jobs:progress', progress);
        }
      };
      publish(true);
      const report: ReportProgress = (done, total, counts) => {
        progress = {
          ...progress,
          done,
          total,
          value: total > 0 ? Math.min(1, done / total) : 0,
          counts: counts ?? progress.counts,
        };
        publish(false);
      };
      const result = work(controller.signal, report).then(
        (value) => {
          progress = {
            ...progress,
            state: controller.signal.aborted ? 'cancelled' : 'done',
            value: controller.signal.aborted ? progress.value : 1,
          };
          return value;
        },
        (error: unknown) => {
          const cancelled = controller.signal.aborted;
          progress = {
            ...progress,
            state: cancelled ? 'cancelled' : 'failed',
            error: cancelled ? null : describe(error),
          };
          throw cancelled ? new AppError('CANCELLED', 'The job was cancelled.') : error;
        },
      );
      void result
        .catch(() => undefined)
        .finally(() => {
          controllers.delete(jobId);
          publish(true);
        });
      return { jobId, result };
    },
    cancel(jobId) {
      const controller = controllers.get(jobId);
      if (!controller) return false;
      controller.abort(new AppError('CANCELLED', 'The job was cancelled.'));
      return true;
    },
    list: () => [...latest.values()],
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
