import type { JobKind } from '../../../shared/domain/job.ts';
import type { ExportFormat, JobDetail, JobExport, JobShowRequest, JobSummary } from '../../../shared/domain/removal.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Database } from '../db/database.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { JobKindPlugin } from './job-kind.ts';
import { jobOwnedError, type JobLeases } from './job-leases.ts';
import { createJobRunner, type JobRunner } from './job-runner.ts';
import { createJobTable, type JobTableRow } from './job-table.ts';
import type { JobRun } from './run.ts';

/** What the engine needs. */
export interface JobEngineDeps {
  db: Database;
  bus: EventBus;
  /** One process runs a job at a time (the CLI and the browser host on one data directory); none: no check. */
  leases?: JobLeases;
  now?: () => number;
}

/**
 * The one job engine: every journaled job, whatever its kind, is run, paused, resumed, cancelled, retried,
 * listed and exported here (the `jobs:*` channels); kinds plug in with {@link JobKindPlugin}. Work that is not
 * journaled (a subnet sweep, a people-index refresh) runs as a transient job (`transient`).
 */
export interface JobEngine {
  /** Jobs that live in memory only: started, cancelled by id, progress on `jobs:progress`. */
  readonly transient: JobRunner;
  /** Plugs a job kind in (the composition root does, once per kind). */
  register(plugin: JobKindPlugin): void;
  /** Starts a job its kind has just journaled: progress at once, then its run. */
  start(jobId: string): void;
  /**
   * The live run of a job, created when there is none or the last one ended, after taking the job's lease:
   * CONFLICT when another process runs it (`background`: undefined instead, the job is left to it).
   */
  runOf(jobId: string, background?: boolean): JobRun | undefined;
  /** The run of a job in this process, if one lives. */
  live(jobId: string): JobRun | undefined;
  /** The runs living in this process, of the given kinds. */
  liveRuns(kinds: readonly JobKind[]): JobRun[];
  list(limit?: number): JobSummary[];
  summary(jobId: string): JobSummary;
  show(query: JobShowRequest): JobDetail;
  pause(jobId: string): JobSummary;
  /** Continues a paused or failed job, or one left running by a crash (its unanswered work re-checked first). */
  resume(jobId: string): JobSummary;
  retryFailed(jobId: string): Promise<{ jobId: string; retried: number }>;
  /** Cancels a job (journaled or transient): false when no such unfinished job exists. */
  cancel(jobId: string): boolean;
  export(jobId: string, format: ExportFormat): Promise<JobExport>;
  /** Resolves when the job has nothing more to do in this process right now, with its summary. */
  whenIdle(jobId: string): Promise<JobSummary>;
  /** Resumes every job a crash or shutdown left running (the app and host call this at start). */
  resumeInterrupted(): string[];
  /** Stops every run; what is in flight stays journaled for the next start. */
  close(): Promise<void>;
}

/** Creates the {@link JobEngine}. */
export function createJobEngine(deps: JobEngineDeps): JobEngine {
  const table = createJobTable(deps.db, deps.now ?? Date.now);
  const transient = createJobRunner(deps.bus, deps.now);
  const plugins = new Map<JobKind, JobKindPlugin>();
  const runs = new Map<string, { run: JobRun; kind: JobKind }>();

  const requireJob = (jobId: string): JobTableRow & { plugin: JobKindPlugin } => {
    const row = table.get(jobId);
    const plugin = row && plugins.get(row.kind);
    if (!row || !plugin) {
      throw new AppError(
        'NOT_FOUND',
        `There is no job ${jobId}. List the jobs with "fcom jobs list" and use one of their ids.`,
        { code: 'job-not-found', jobId },
      );
    }
    return { ...row, plugin };
  };
  const live = (jobId: string): JobRun | undefined => {
    const entry = runs.get(jobId);
    return entry && !entry.run.ended() ? entry.run : undefined;
  };
  // A lease is kept while the job runs here (also while its work waits), not once paused or ended.
  const runsHere = (jobId: string): boolean => !!live(jobId) && table.get(jobId)?.state === 'running';
  deps.leases?.watch(runsHere);
  /** Gives the lease back as soon as the run has stopped (done, cancelled, paused), not only at the next beat. */
  const releaseWhenSettled = (jobId: string, run: JobRun): void => {
    queueMicrotask(() => {
      void run.idle().then(() => {
        if (runs.get(jobId)?.run === run && !runsHere(jobId)) deps.leases?.release(jobId);
      });
    });
  };
  /** CONFLICT when another process runs the job (pause and cancel belong to it). */
  const refuseIfOwnedElsewhere = (jobId: string): void => {
    const holder = deps.leases?.otherHolder(jobId);
    if (holder) throw jobOwnedError(holder);
  };

  function runOf(jobId: string, background = false): JobRun | undefined {
    if (deps.leases) {
      if (!background) deps.leases.acquire(jobId);
      else if (!deps.leases.tryAcquire(jobId)) return undefined;
    }
    let run = live(jobId);
    if (!run) {
      const { kind, plugin } = requireJob(jobId);
      run = plugin.createRun(jobId);
      runs.set(jobId, { run, kind });
    }
    if (deps.leases) releaseWhenSettled(jobId, run);
    return run;
  }
  const mustRun = (jobId: string): JobRun => runOf(jobId) as JobRun;

  const engine: JobEngine = {
    transient,
    register(plugin) {
      for (const kind of plugin.kinds) plugins.set(kind, plugin);
    },
    start(jobId) {
      requireJob(jobId).plugin.publish(jobId, true);
      mustRun(jobId).wake();
    },
    runOf,
    live,
    liveRuns: (kinds) => [...runs.values()].filter((e) => kinds.includes(e.kind) && !e.run.ended()).map((e) => e.run),
    list: (limit) =>
      table.list(limit).flatMap((row) => {
        const plugin = plugins.get(row.kind);
        return plugin ? [plugin.summary(row.id)] : [];
      }),
    summary: (jobId) => requireJob(jobId).plugin.summary(jobId),
    show: (query) => requireJob(query.jobId).plugin.show(query),
    pause(jobId) {
      const job = requireJob(jobId);
      refuseIfOwnedElsewhere(jobId);
      if (job.state !== 'running') {
        throw new AppError(
          'CONFLICT',
          `Job ${jobId} is ${job.state}, so it cannot be paused. Only a running job can.`,
          {
            code: 'job-not-running',
            jobId,
            state: job.state,
          },
        );
      }
      const run = live(jobId);
      if (run) run.pause();
      else {
        table.setState(jobId, 'paused');
        job.plugin.publish(jobId, true);
      }
      return job.plugin.summary(jobId);
    },
    resume(jobId) {
      const job = requireJob(jobId);
      if (job.state === 'done' || job.state === 'cancelled') {
        throw new AppError(
          'CONFLICT',
          `Job ${jobId} is ${job.state}: there is nothing to resume. To send its failed items again, use "fcom jobs retry-failed ${jobId}".`,
          { code: 'job-finished', jobId, state: job.state },
        );
      }
      mustRun(jobId).resume();
      return job.plugin.summary(jobId);
    },
    async retryFailed(jobId) {
      const job = requireJob(jobId);
      // Taken before the journal changes: a job another process runs is refused untouched.
      deps.leases?.acquire(jobId);
      const retry = await job.plugin.retryFailed(jobId);
      if (retry.jobId === jobId && retry.retried > 0) mustRun(jobId).resume();
      else if (!runsHere(jobId)) deps.leases?.release(jobId);
      return retry;
    },
    cancel(jobId) {
      if (transient.cancel(jobId)) return true;
      const row = table.get(jobId);
      const plugin = row && plugins.get(row.kind);
      if (!row || !plugin || row.state === 'done' || row.state === 'cancelled') return false;
      refuseIfOwnedElsewhere(jobId);
      const run = live(jobId);
      if (run) run.cancel();
      else plugin.cancelAtRest(jobId);
      return true;
    },
    export: async (jobId, format) => requireJob(jobId).plugin.export(jobId, format),
    async whenIdle(jobId) {
      await runs.get(jobId)?.run.idle();
      return engine.summary(jobId);
    },
    resumeInterrupted() {
      const ids = [...plugins.keys()].flatMap((kind) => table.withState(kind, 'running')).filter((id) => !live(id));
      // Jobs another process runs (its lease is alive) are left to it.
      return ids.filter((id) => {
        const run = runOf(id, true);
        run?.resume();
        return run !== undefined;
      });
    },
    async close() {
      const kinds = new Set(plugins.values());
      for (const plugin of kinds) plugin.stopping?.();
      for (const { run } of runs.values()) run.close();
      await Promise.all([...runs.values()].map(({ run }) => run.idle()));
      for (const id of runs.keys()) deps.leases?.release(id);
      for (const plugin of kinds) plugin.closed?.();
    },
  };
  return engine;
}
