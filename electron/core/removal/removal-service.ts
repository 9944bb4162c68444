import { randomUUID } from 'node:crypto';
import {
  RemovalSettingsSchema,
  type ExportFormat,
  type JobDetail,
  type JobExport,
  type JobSummary,
  type ParsedRemovalRequest,
  type RemovalPlan,
  type RemovalSettings,
} from '../../../shared/domain/removal.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Database } from '../db/database.ts';
import type { TerminalSession } from '../drivers/driver.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { InventoryRepository } from '../inventory/inventory-repository.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { createCommitGroup } from './commit-group.ts';
import { createJobRun, type JobRun } from './executor.ts';
import { exportJob } from './export.ts';
import { createJournal } from './journal.ts';
import { createJournalReader, type ItemQuery, type JobRow } from './journal-read.ts';
import type { ItemAction, ItemSelection } from './journal-sync.ts';
import { createRequestLimiter } from './limiter.ts';
import { planRemovalLazily, resolveTargets, type CostEstimate } from './planner.ts';
import { createProgressPublisher } from './progress.ts';

/** What the removal service needs; tests replace the tuning. */
export interface RemovalServiceDeps {
  db: Database;
  bus: EventBus;
  inventory: InventoryRepository;
  settings: SettingsService;
  /** Opens a session with a terminal: its stored credentials and the given per-request time-out. */
  sessionFor(terminal: Terminal, timeoutMs: number): Promise<TerminalSession>;
  /** Marks a terminal offline in the inventory (and tells the UI). */
  markOffline(serial: string): void;
  /** Probes every terminal (the health monitor); run periodically while items wait for an offline terminal. */
  probeTerminals?: () => Promise<void>;
  /** How often to probe while items wait; default 10 s. */
  waitingProbeMs?: number;
  backoff?: BackoffPolicy;
  cost?: CostEstimate;
  now?: () => number;
}

/** Bulk removal: dry run, journaled jobs, pause/resume/cancel, retries, reports. */
export interface RemovalService {
  /** The dry run: per terminal how many items, which are offline, the estimated time. Writes nothing. */
  plan(request: ParsedRemovalRequest): RemovalPlan;
  /** Plans, journals every item, and starts executing in the background. */
  start(request: ParsedRemovalRequest): { jobId: string; plan: RemovalPlan };
  list(limit?: number): JobSummary[];
  summary(jobId: string): JobSummary;
  show(query: ItemQuery): JobDetail;
  pause(jobId: string): JobSummary;
  /** Continues a paused job, or one left running by a crash (its unanswered batches re-checked first). */
  resume(jobId: string): JobSummary;
  /** Puts the failed items back (not those failed at plan time) and runs them again. */
  retryFailed(jobId: string): { jobId: string; retried: number };
  /** Cancels a job: items not sent yet become cancelled. False when no such unfinished job exists. */
  cancel(jobId: string): boolean;
  export(jobId: string, format: ExportFormat): JobExport;
  /** Resolves when the job has nothing more to do in this process right now, with its summary. */
  whenIdle(jobId: string): Promise<JobSummary>;
  /** Resumes every job a crash or shutdown left running (the app and host call this at start). */
  resumeInterrupted(): string[];
  /**
   * Sync: starts, in this process, the lanes of running jobs with items queued for `serial` (it answers
   * again), or with any unfinished item when no serial is given ("Sync now"); lanes of terminals still
   * offline end at once, still queued. Paused jobs stay paused.
   */
  resumeQueued(serial?: string): string[];
  /** Sync: puts failed items back (not those failed at plan time) and runs their jobs; answers how many. */
  retryItems(selection: ItemSelection, action: ItemAction): number;
  /** Sync: discards queued or needs-attention items (history kept); a job left without work is done. */
  discardItems(selection: ItemSelection, action: ItemAction): number;
  /** Stops every run; unanswered batches stay 'sending' for the next start. */
  close(): Promise<void>;
}

/** The engine's settings, from the persisted settings with defaults for what is not set. */
export function removalSettingsOf(settings: SettingsService): RemovalSettings {
  return RemovalSettingsSchema.parse(settings.get().removal ?? {});
}

/** Creates the {@link RemovalService}; it listens for terminals coming back online to run their queued items. */
export function createRemovalService(deps: RemovalServiceDeps): RemovalService {
  const now = deps.now ?? Date.now;
  // Claims and answers of every lane share commits (see commit-group.ts); the rest writes as before.
  const commits = createCommitGroup(deps.db);
  const journal = createJournal(commits.db);
  const reader = createJournalReader(deps.db);
  const settings = (): RemovalSettings => removalSettingsOf(deps.settings);
  const initial = settings();
  const limiter = createRequestLimiter({ global: initial.concurrency, perTerminal: initial.perTerminal });
  const progress = createProgressPublisher(deps.bus, reader, now);
  const runs = new Map<string, JobRun>();
  let probeTimer: NodeJS.Timeout | undefined;

  const probeWhileWaiting = (): void => {
    if (probeTimer || !deps.probeTerminals) return;
    const probe = deps.probeTerminals;
    probeTimer = setInterval(() => {
      if (![...runs.values()].some((r) => r.waiting().length > 0)) {
        clearInterval(probeTimer);
        probeTimer = undefined;
        return;
      }
      void probe().catch(() => undefined);
    }, deps.waitingProbeMs ?? 10_000);
    probeTimer.unref();
  };

  const executorDeps = {
    journal,
    commits,
    reader,
    inventory: deps.inventory,
    limiter,
    progress,
    sessionFor: deps.sessionFor,
    settings: () => {
      const current = settings();
      limiter.configure({ global: current.concurrency, perTerminal: current.perTerminal });
      return current;
    },
    backoff: deps.backoff ?? DEFAULT_BACKOFF,
    markOffline: deps.markOffline,
    onWaiting: probeWhileWaiting,
    now,
  };

  const requireJob = (jobId: string): JobRow => {
    const row = reader.job(jobId);
    if (!row) {
      throw new AppError(
        'NOT_FOUND',
        `There is no job ${jobId}. List the jobs with "fcom jobs list" and use one of their ids.`,
      );
    }
    return row;
  };

  /** The live run of a job, created (and started) when there is none or the last one ended. */
  const runOf = (jobId: string): JobRun => {
    let run = runs.get(jobId);
    if (!run || run.ended()) {
      run = createJobRun(executorDeps, jobId);
      runs.set(jobId, run);
    }
    return run;
  };

  // The items are planned again while they are journaled, never held all at once (see planRemovalLazily).
  const draft = (request: ParsedRemovalRequest): ReturnType<typeof planRemovalLazily> => {
    const { targets, skipped } = resolveTargets(deps.inventory.list(), request.devices);
    return planRemovalLazily({
      mode: request.mode,
      items: request.items,
      targets,
      skipped,
      settings: settings(),
      cost: deps.cost,
    });
  };

  const stopListening = deps.bus.onAny((event, payload) => {
    if (event !== 'devices:updated') return;
    const terminal = payload as Terminal;
    if (!terminal.online) return;
    for (const run of runs.values()) run.wake(terminal.serial);
  });

  const service: RemovalService = {
    plan: (request) => draft(request).plan,
    start(request) {
      const { plan, items } = draft(request);
      const jobId = randomUUID();
      journal.createJob(
        jobId,
        { mode: request.mode, verify: request.verify, devices: request.devices },
        request.label ?? null,
        items,
      );
      progress.publish(jobId, true);
      runOf(jobId).wake();
      return { jobId, plan };
    },
    list: (limit) => reader.list(limit).map(reader.summary),
    summary: (jobId) => reader.summary(requireJob(jobId)),
    show: (query) => reader.show(requireJob(query.jobId), query),
    pause(jobId) {
      const row = requireJob(jobId);
      if (row.state !== 'running') {
        throw new AppError('CONFLICT', `Job ${jobId} is ${row.state}, so it cannot be paused. Only a running job can.`);
      }
      const run = runs.get(jobId);
      if (run && !run.ended()) run.pause();
      else journal.setState(jobId, 'paused');
      progress.publish(jobId, true);
      return service.summary(jobId);
    },
    resume(jobId) {
      const row = requireJob(jobId);
      if (row.state === 'done' || row.state === 'cancelled') {
        throw new AppError(
          'CONFLICT',
          `Job ${jobId} is ${row.state}: there is nothing to resume. To send its failed items again, use "fcom jobs retry-failed ${jobId}".`,
        );
      }
      runOf(jobId).resume();
      return service.summary(jobId);
    },
    retryFailed(jobId) {
      requireJob(jobId);
      const retried = journal.retryFailed(jobId);
      if (retried > 0) runOf(jobId).resume();
      return { jobId, retried };
    },
    cancel(jobId) {
      const row = reader.job(jobId);
      if (!row || row.state === 'done' || row.state === 'cancelled') return false;
      const run = runs.get(jobId);
      if (run && !run.ended()) run.cancel();
      else {
        journal.cancelRemaining(jobId);
        journal.setState(jobId, 'cancelled');
        progress.publish(jobId, true);
      }
      return true;
    },
    export: (jobId, format) => exportJob(reader.summary(requireJob(jobId)), reader.allItems(jobId), format),
    async whenIdle(jobId) {
      const run = runs.get(jobId);
      if (run) await run.idle();
      return service.summary(jobId);
    },
    resumeInterrupted() {
      const ids = reader.withState('running').filter((id) => !runs.has(id));
      for (const id of ids) runOf(id).resume();
      return ids;
    },
    resumeQueued(serial) {
      const ids = journal.runningJobsWithWork(serial);
      for (const id of ids) runOf(id).wake(serial);
      return ids;
    },
    retryItems(selection, action) {
      const { jobs, count } = journal.retryItems(selection, action);
      for (const id of jobs) runOf(id).resume();
      return count;
    },
    discardItems(selection, action) {
      const { jobs, count } = journal.discardItems(selection, action);
      for (const id of jobs) {
        const run = runs.get(id);
        if (run && !run.ended()) run.settle();
        else if (!journal.hasWork(id) && ['running', 'paused', 'failed'].includes(reader.job(id)?.state ?? '')) {
          journal.setState(id, 'done');
        }
        progress.publish(id, true);
      }
      return count;
    },
    async close() {
      stopListening();
      if (probeTimer) clearInterval(probeTimer);
      for (const run of runs.values()) run.close();
      await Promise.all([...runs.values()].map((r) => r.idle()));
      progress.close();
    },
  };
  return service;
}
