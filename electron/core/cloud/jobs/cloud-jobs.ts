import { newJobId } from '../../jobs/job-id.ts';
import { AliyunSettingsSchema, type CloudName } from '../../../../shared/domain/cloud.ts';
import type { JobKind } from '../../../../shared/domain/job.ts';
import type { CloudRemovalRequest, CloudRemovalStarted } from '../../../../shared/domain/permissions.ts';
import { AppError } from '../../../../shared/errors.ts';
import type { Database } from '../../db/database.ts';
import type { EventBus } from '../../events/event-bus.ts';
import type { JobEngine } from '../../jobs/engine.ts';
import type { JobKindPlugin } from '../../jobs/job-kind.ts';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../../jobs/backoff.ts';
import { exportJob } from '../../jobs/export.ts';
import { createProgressPublisher } from '../../jobs/progress.ts';
import { removalSettingsOf } from '../../removal/removal-service.ts';
import type { SettingsService } from '../../settings/settings-service.ts';
import type { StatusService } from '../../status/status-service.ts';
import type { CloudConfigService } from '../cloud-config.ts';
import { toCloudError } from '../cloud-errors.ts';
import { createAliyunJournal, type AliyunJobOptions } from './aliyun-journal.ts';
import { runAliyunPass } from './aliyun-run.ts';
import { createCloudRun, type RunEnd } from './cloud-run.ts';
import { createCloudViews } from './cloud-views.ts';
import { createJobTable } from '../../jobs/job-table.ts';
import { createAdaptivePacer, pacedClient } from './pacer.ts';
import { runPushPass } from './push-run.ts';
import { createPushJournal, type PushOptions } from './push-journal.ts';
import { createChannelNames } from './push-names.ts';
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
  /** The job engine the two cloud kinds plug into (runs, leases, the `jobs:*` channels). */
  engine: JobEngine;
  now?: () => number;
}

/**
 * Journaled cloud jobs: Tuya permission pushes (kind `permission-push`) and Alibaba face removals (kind
 * `aliyun-removal`), two kinds of the job engine, which runs, pauses, resumes, cancels and lists them.
 */
export interface CloudJobService {
  /** Channels, pushes, tasks and records of Tuya pushes. */
  readonly push: PushService;
  /** Journals an Alibaba removal (one item per user and scope) and starts it. */
  startRemoval(request: CloudRemovalRequest): CloudRemovalStarted;
  /** Ends the waits of jobs on a cloud that answers again (a successful test, a changed config). */
  wake(cloud?: CloudName): void;
}

/** The kind of the Tuya push jobs. */
export const PUSH_KINDS: readonly JobKind[] = ['permission-push'];
/** The kind of the Alibaba removal jobs. */
export const ALIYUN_KINDS: readonly JobKind[] = ['aliyun-removal'];

/** Items one Alibaba removal may hold (users × scopes). */
export const MAX_CLOUD_REMOVAL_ITEMS = 1_000_000;

/** Creates the {@link CloudJobService}. */
export function createCloudJobs(deps: CloudJobDeps): CloudJobService {
  const now = deps.now ?? Date.now;
  const rows = createJobTable(deps.db, now);
  const pushJournal = createPushJournal(deps.db, rows, now);
  const tasks = createPushTasks(deps.db, now);
  const names = createChannelNames(deps.db);
  const aliyunJournal = createAliyunJournal(deps.db, rows, now);
  const views = createCloudViews({ rows, push: pushJournal, tasks, aliyun: aliyunJournal });
  const progress = createProgressPublisher(deps.bus, null, now, (jobId) => views.progress(jobId));
  const { engine } = deps;
  const closing = new AbortController();
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const reachableOf =
    (cloud: CloudName) =>
    (answered: boolean): void =>
      deps.status.setCloudReachability(cloud, answered ? 'reachable' : 'unreachable');
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
        names,
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
        reachable: reachableOf('tuya'),
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
      reachable: reachableOf('aliyun'),
      onProgress,
    });
  };

  /** The run of one cloud job: one pass at a time over its kind's journal. */
  const runOf = (jobId: string, kind: 'permission-push' | 'aliyun-removal') => {
    const journal = kind === 'permission-push' ? pushJournal : aliyunJournal;
    return createCloudRun(jobId, {
      work: (signal) => work(jobId, signal),
      hasWork: () => journal.hasWork(jobId),
      cancelRemaining: () => journal.cancelRemaining(jobId),
      setQueued: (queued) => journal.setQueued(jobId, queued),
      setState: (state, error) => rows.setState(jobId, state, error ?? null),
      journalState: () => rows.get(jobId)?.state,
      publish: (force) => progress.publish(jobId, force),
      retryMs: () => deps.retryMs ?? 15_000,
    });
  };
  /** What both cloud kinds share as engine plug-ins. */
  const pluginOf = (kind: 'permission-push' | 'aliyun-removal'): Omit<JobKindPlugin, 'export' | 'retryFailed'> => ({
    kinds: [kind],
    createRun: (jobId) => runOf(jobId, kind),
    summary: (jobId) => views.summary(jobId),
    show: (query) => views.show(query),
    cancelAtRest(jobId) {
      (kind === 'permission-push' ? pushJournal : aliyunJournal).cancelRemaining(jobId);
      rows.setState(jobId, 'cancelled');
      progress.publish(jobId, true);
    },
    publish: (jobId, force) => progress.publish(jobId, force),
    stopping: () => closing.abort(),
    closed: () => progress.close(),
  });

  const start = (jobId: string): void => {
    deps.onJournaled?.(jobId);
    engine.start(jobId);
  };

  const push = createPushService({
    config: deps.config,
    status: deps.status,
    rows,
    journal: pushJournal,
    tasks,
    names,
    run: start,
  });

  engine.register({
    ...pluginOf('permission-push'),
    async export(jobId, format) {
      // The report lists every person: the rest on demand, now (served from the journal from then on). A
      // cloud that does not answer leaves the report with what is stored (the failed records at least).
      await push.loadAllRecords(jobId).catch(() => undefined);
      return exportPush(views.summary(jobId), pushJournal, tasks, format);
    },
    // A push is retried as a new increment push of its failed channels.
    async retryFailed(jobId) {
      const retry = await push.retryFailed(jobId);
      return { jobId: retry.jobId ?? jobId, retried: retry.channelIds.length };
    },
  });
  engine.register({
    ...pluginOf('aliyun-removal'),
    export: (jobId, format) => exportJob(views.summary(jobId), views.aliyunItems(jobId), format),
    retryFailed: (jobId) => ({ jobId, retried: aliyunJournal.retryFailed(jobId) }),
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
      const jobId = newJobId();
      const { items, failed } = aliyunJournal.createJob(jobId, options, request.label ?? null, users, scopes);
      start(jobId);
      return { jobId, items, failedAtPlan: failed };
    },
    wake(cloud) {
      const kinds =
        cloud === 'tuya' ? PUSH_KINDS : cloud === 'aliyun' ? ALIYUN_KINDS : [...PUSH_KINDS, ...ALIYUN_KINDS];
      for (const run of engine.liveRuns(kinds)) if (run.waiting()) run.wake();
    },
  };
  deps.config.onChange((cloud) => service.wake(cloud));
  return service;
}
