import { randomUUID } from 'node:crypto';
import { AliyunSettingsSchema, type CloudName } from '../../../../shared/domain/cloud.ts';
import type { CloudRemovalRequest, CloudRemovalStarted } from '../../../../shared/domain/permissions.ts';
import type { ExportFormat, JobExport, JobSummary } from '../../../../shared/domain/removal.ts';
import { AppError } from '../../../../shared/errors.ts';
import type { Database } from '../../db/database.ts';
import type { EventBus } from '../../events/event-bus.ts';
import { jobOwnedError, type JobLeases } from '../../jobs/job-leases.ts';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../../removal/backoff.ts';
import { exportJob } from '../../removal/export.ts';
import { createProgressPublisher } from '../../removal/progress.ts';
import { removalSettingsOf } from '../../removal/removal-service.ts';
import type { SettingsService } from '../../settings/settings-service.ts';
import type { StatusService } from '../../status/status-service.ts';
import type { CloudConfigService } from '../cloud-config.ts';
import { toCloudError } from '../cloud-errors.ts';
import { createAliyunJournal, type AliyunJobOptions } from './aliyun-journal.ts';
import { runAliyunPass } from './aliyun-run.ts';
import { createCloudRun, type CloudRun, type RunEnd } from './cloud-run.ts';
import { createCloudViews, type ShowQuery } from './cloud-views.ts';
import { CLOUD_JOB_KINDS, createJobRows } from './job-rows.ts';
import { createAdaptivePacer, pacedClient } from './pacer.ts';
import { runPushPass } from './push-run.ts';
import { createPushJournal, type PushOptions } from './push-journal.ts';
import { exportPush } from './push-export.ts';
import { createPushService, type PushService } from './push-service.ts';
import { createPushTasks } from './push-tasks.ts';

/** Tuning of the cloud jobs; tests shorten the waits. */
export interface CloudJobTuning {
  /** Wait before trying again after the cloud did not answer (default 15 s). */
  retryMs?: number;
  backoff?: BackoffPolicy;
  /**
   * Task monitor polling (default 1 s growing to 15 s) and how long one pass follows a task (default: the Tuya
   * `followLimitMinutes` setting).
   */
  follow?: { pollMs?: number; maxPollMs?: number; limitMs?: number };
  /** How long after its sending a lost issue call is given up as not arrived (default 30 s). */
  settleMs?: number;
  /** Called when a job was journaled, before it starts (the sync queue applies its supersede rule). */
  onJournaled?: (jobId: string) => void;
}

/** What the cloud jobs need. */
export interface CloudJobDeps extends CloudJobTuning {
  db: Database;
  bus: EventBus;
  settings: SettingsService;
  status: StatusService;
  config: CloudConfigService;
  /** One process runs a job at a time (the CLI and the browser host on one data directory); none: no check. */
  leases?: JobLeases;
  now?: () => number;
}

/** Journaled cloud jobs: Tuya permission pushes and Alibaba face removals, steered through the `jobs:*` channels. */
export interface CloudJobService {
  /** Channels, pushes, tasks and records of Tuya pushes. */
  readonly push: PushService;
  /** Journals an Alibaba removal (one item per user and scope) and starts it. */
  startRemoval(request: CloudRemovalRequest): CloudRemovalStarted;
  /** Whether a job id names a cloud job (the `jobs:*` channels hand those here). */
  owns(jobId: string): boolean;
  summary(jobId: string): JobSummary;
  show(query: ShowQuery): ReturnType<ReturnType<typeof createCloudViews>['show']>;
  /** A job's report; for a push, the records the follow did not read are read from the cloud first. */
  export(jobId: string, format: ExportFormat): Promise<JobExport>;
  pause(jobId: string): JobSummary;
  resume(jobId: string): JobSummary;
  /** Alibaba: failed items back to work. Push: a new increment job for the failed channels. */
  retryFailed(jobId: string): Promise<{ jobId: string; retried: number }>;
  cancel(jobId: string): boolean;
  /** Resolves when the job has nothing more to do in this process right now. */
  whenIdle(jobId: string): Promise<JobSummary>;
  /** Resumes the cloud jobs a crash or shutdown left running. */
  resumeInterrupted(): string[];
  /** Ends the waits of jobs on a cloud that answers again (a successful test, a changed config). */
  wake(cloud?: CloudName): void;
  close(): Promise<void>;
}

/** Items one Alibaba removal may hold (users × scopes). */
export const MAX_CLOUD_REMOVAL_ITEMS = 1_000_000;

/** Creates the {@link CloudJobService}. */
export function createCloudJobs(deps: CloudJobDeps): CloudJobService {
  const now = deps.now ?? Date.now;
  const rows = createJobRows(deps.db, now);
  const pushJournal = createPushJournal(deps.db, rows, now);
  const tasks = createPushTasks(deps.db, now);
  const aliyunJournal = createAliyunJournal(deps.db, rows, now);
  const views = createCloudViews({ rows, push: pushJournal, tasks, aliyun: aliyunJournal });
  const progress = createProgressPublisher(deps.bus, null, now, (jobId) => views.progress(jobId));
  const runs = new Map<string, CloudRun>();
  const closing = new AbortController();
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const reachable = (answered: boolean): void =>
    deps.status.setCloudReachability(answered ? 'reachable' : 'unreachable');
  const aliyunSettings = () => AliyunSettingsSchema.parse(deps.settings.get().cloud?.aliyun ?? {});
  // One pacer for every Alibaba job: they share the account's quota, and what it learned outlives a pass.
  const aliyunPacer = createAdaptivePacer({ ceiling: () => aliyunSettings().requestsPerSecond, now });

  const failJob = (jobId: string, kind: 'permission-push' | 'aliyun-removal', error: unknown): RunEnd => {
    // Locked credentials fail nothing: the run stops, the job is marked failed with what to do, its work stays.
    if (error instanceof AppError && error.code === 'SECRETS_LOCKED') throw error;
    const mapped = toCloudError(error, kind === 'permission-push' ? 'tuya' : 'aliyun');
    const details = mapped.details as { kind?: string } | undefined;
    if (details?.kind === 'network') return 'waiting';
    if (kind === 'permission-push')
      pushJournal.failRemaining(jobId, `cloud:${details?.kind ?? 'error'}`, mapped.message);
    else aliyunJournal.failRemaining(jobId, null, `cloud:${details?.kind ?? 'error'}`, mapped.message);
    return 'finished';
  };

  const work = async (jobId: string, signal: AbortSignal): Promise<RunEnd> => {
    const job = views.row(jobId);
    const maxAttempts = removalSettingsOf(deps.settings).maxAttempts;
    const onProgress = (): void => progress.publish(jobId);
    if (job.kind === 'permission-push') {
      let connection;
      try {
        connection = await deps.config.tuya();
      } catch (error) {
        return failJob(jobId, job.kind, error);
      }
      return runPushPass({
        jobId,
        options: job.options as PushOptions,
        journal: pushJournal,
        tasks,
        connection,
        signal,
        settleMs: deps.settleMs ?? 30_000,
        maxAttempts,
        backoff,
        follow: {
          pollMs: deps.follow?.pollMs ?? 1000,
          maxPollMs: deps.follow?.maxPollMs ?? 15_000,
          limitMs: deps.follow?.limitMs ?? connection.settings.followLimitMinutes * 60_000,
        },
        reachable,
        onProgress,
        now,
      });
    }
    let connection;
    try {
      connection = await deps.config.aliyun();
    } catch (error) {
      return failJob(jobId, 'aliyun-removal', error);
    }
    return runAliyunPass({
      jobId,
      options: job.options as AliyunJobOptions,
      journal: aliyunJournal,
      client: pacedClient(connection.client, aliyunPacer),
      settings: aliyunSettings(),
      maxAttempts,
      backoff,
      signal,
      closing: () => closing.signal.aborted,
      reachable,
      onProgress,
    });
  };

  /** Whether the job runs in this process now (its lease is kept while it does). */
  const runsHere = (jobId: string): boolean => {
    const run = runs.get(jobId);
    return !!run && !run.ended() && rows.get(jobId)?.state === 'running';
  };
  deps.leases?.watch(runsHere);
  /** CONFLICT when another process runs the job (pause and cancel belong to it). */
  const refuseIfOwnedElsewhere = (jobId: string): void => {
    const holder = deps.leases?.otherHolder(jobId);
    if (holder) throw jobOwnedError(holder);
  };

  /**
   * The live run of a job (created when there is none or the last one ended), after taking the job's lease:
   * CONFLICT when another process runs it (`background`: undefined instead).
   */
  function runOf(jobId: string): CloudRun;
  function runOf(jobId: string, background: true): CloudRun | undefined;
  function runOf(jobId: string, background = false): CloudRun | undefined {
    if (deps.leases) {
      if (!background) deps.leases.acquire(jobId);
      else if (!deps.leases.tryAcquire(jobId)) return undefined;
    }
    let run = runs.get(jobId);
    if (!run || run.ended()) {
      const kind = rows.kindOf(jobId);
      const journal = kind === 'permission-push' ? pushJournal : aliyunJournal;
      run = createCloudRun(jobId, {
        work: (signal) => work(jobId, signal),
        hasWork: () => journal.hasWork(jobId),
        cancelRemaining: () => journal.cancelRemaining(jobId),
        setQueued: (queued) => journal.setQueued(jobId, queued),
        setState: (state, error) => rows.setState(jobId, state, error ?? null),
        journalState: () => rows.get(jobId)?.state,
        publish: (force) => progress.publish(jobId, force),
        retryMs: () => deps.retryMs ?? 15_000,
      });
      runs.set(jobId, run);
    }
    return run;
  }

  const start = (jobId: string): void => {
    deps.onJournaled?.(jobId);
    progress.publish(jobId, true);
    runOf(jobId).wake();
  };

  const requireCloudJob = (jobId: string) => {
    const job = views.row(jobId);
    if (!CLOUD_JOB_KINDS.has(job.kind)) throw new AppError('NOT_FOUND', `Job ${jobId} is not a cloud job.`);
    return job;
  };

  const push = createPushService({
    config: deps.config,
    status: deps.status,
    rows,
    journal: pushJournal,
    tasks,
    run: start,
  });

  const service: CloudJobService = {
    push,
    startRemoval(request) {
      const aliyunDefaults = AliyunSettingsSchema.parse(deps.settings.get().cloud?.aliyun ?? {});
      const users = [...new Set(request.userIds.map((u) => u.trim()))];
      const scopes = [...new Set(request.scopeIds.map((s) => s.trim()))];
      if (users.length * scopes.length > MAX_CLOUD_REMOVAL_ITEMS) {
        throw new AppError(
          'VALIDATION',
          `${users.length} users × ${scopes.length} devices or spaces is more than ${MAX_CLOUD_REMOVAL_ITEMS} pairs. Split the list into smaller removals.`,
        );
      }
      const options: AliyunJobOptions = {
        userType: request.userType ?? aliyunDefaults.userType,
        scopeType: request.scopeType,
      };
      const jobId = randomUUID();
      const { items, failed } = aliyunJournal.createJob(jobId, options, request.label ?? null, users, scopes);
      start(jobId);
      return { jobId, items, failedAtPlan: failed };
    },
    owns: (jobId) => {
      const kind = rows.kindOf(jobId);
      return kind !== undefined && CLOUD_JOB_KINDS.has(kind);
    },
    summary: (jobId) => views.summary(jobId),
    show: (query) => views.show(query),
    async export(jobId, format) {
      const job = requireCloudJob(jobId);
      if (job.kind === 'permission-push') {
        // The report lists every person: the rest on demand, now (served from the journal from then on). A
        // cloud that does not answer leaves the report with what is stored (the failed records at least).
        await push.loadAllRecords(jobId).catch(() => undefined);
        return exportPush(views.summary(jobId), pushJournal, tasks, format);
      }
      return exportJob(views.summary(jobId), views.aliyunItems(jobId), format);
    },
    pause(jobId) {
      const job = requireCloudJob(jobId);
      if (job.state !== 'running') {
        throw new AppError('CONFLICT', `Job ${jobId} is ${job.state}, so it cannot be paused. Only a running job can.`);
      }
      refuseIfOwnedElsewhere(jobId);
      runOf(jobId).pause();
      return views.summary(jobId);
    },
    resume(jobId) {
      const job = requireCloudJob(jobId);
      if (job.state === 'done' || job.state === 'cancelled') {
        throw new AppError(
          'CONFLICT',
          `Job ${jobId} is ${job.state}: there is nothing to resume. To send its failed items again, use "fcom jobs retry-failed ${jobId}".`,
        );
      }
      deps.leases?.acquire(jobId);
      if (job.state === 'failed') rows.setState(jobId, 'running');
      runOf(jobId).resume();
      return views.summary(jobId);
    },
    async retryFailed(jobId) {
      const job = requireCloudJob(jobId);
      if (job.kind === 'permission-push') {
        const retry = await push.retryFailed(jobId);
        return { jobId: retry.jobId ?? jobId, retried: retry.channelIds.length };
      }
      deps.leases?.acquire(jobId);
      const retried = aliyunJournal.retryFailed(jobId);
      if (retried > 0) {
        rows.setState(jobId, 'running');
        runOf(jobId).resume();
      }
      return { jobId, retried };
    },
    cancel(jobId) {
      const job = rows.get(jobId);
      if (!job || !CLOUD_JOB_KINDS.has(job.kind) || job.state === 'done' || job.state === 'cancelled') return false;
      refuseIfOwnedElsewhere(jobId);
      runOf(jobId).cancel();
      return true;
    },
    async whenIdle(jobId) {
      await runs.get(jobId)?.idle();
      return views.summary(jobId);
    },
    resumeInterrupted() {
      const ids = [...CLOUD_JOB_KINDS].flatMap((kind) => rows.withState(kind, 'running')).filter((id) => !runs.has(id));
      // Jobs another process runs (its lease is alive) are left to it.
      return ids.filter((id) => {
        const run = runOf(id, true);
        run?.resume();
        return run !== undefined;
      });
    },
    wake(cloud) {
      for (const run of runs.values()) {
        const kind = rows.kindOf(run.jobId);
        const matches = cloud === undefined || (cloud === 'tuya') === (kind === 'permission-push');
        if (matches && run.waiting()) run.wake();
      }
    },
    async close() {
      closing.abort();
      for (const run of runs.values()) run.close();
      await Promise.all([...runs.values()].map((r) => r.idle()));
      for (const id of runs.keys()) deps.leases?.release(id);
      progress.close();
    },
  };
  deps.config.onChange((cloud) => service.wake(cloud));
  return service;
}
