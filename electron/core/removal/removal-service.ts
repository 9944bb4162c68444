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
import type { RemovalItem } from '../../../shared/domain/people-import.ts';
import type { PersonMatch } from '../../../shared/domain/people-index.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Database } from '../db/database.ts';
import type { TerminalSession } from '../drivers/driver.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { InventoryRepository } from '../inventory/inventory-repository.ts';
import { jobOwnedError, type JobLeases } from '../jobs/job-leases.ts';
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
import type { Resolution } from '../people-index/resolve.ts';

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
  /** One process runs a job at a time (the CLI and the browser host on one data directory); none: no check. */
  leases?: JobLeases;
  now?: () => number;
  /** Resolves a list of people per target through the site people index (requests with `match`). */
  resolvePeople?: (
    items: readonly RemovalItem[],
    targets: readonly Terminal[],
    match: PersonMatch,
    confirmAmbiguous: boolean,
  ) => Resolution;
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

  /**
   * The live run of a job, created (and started) when there is none or the last one ended. Takes the job's lease
   * first: CONFLICT when another process runs it (`background`: undefined instead, the job is left to it).
   */
  function runOf(jobId: string): JobRun;
  function runOf(jobId: string, background: true): JobRun | undefined;
  function runOf(jobId: string, background = false): JobRun | undefined {
    if (deps.leases) {
      if (!background) deps.leases.acquire(jobId);
      else if (!deps.leases.tryAcquire(jobId)) return undefined;
    }
    let run = runs.get(jobId);
    if (!run || run.ended()) {
      run = createJobRun(executorDeps, jobId);
      runs.set(jobId, run);
    }
    if (deps.leases) releaseWhenSettled(jobId, run);
    return run;
  }
  // A lease is kept while the job runs here (also while its items wait for a terminal), not once paused or ended.
  const runsHere = (jobId: string): boolean => {
    const run = runs.get(jobId);
    return !!run && !run.ended() && reader.job(jobId)?.state === 'running';
  };
  deps.leases?.watch(runsHere);
  /** Gives the lease back as soon as the run has stopped (done, cancelled, paused), not only at the next beat. */
  const releaseWhenSettled = (jobId: string, run: JobRun): void => {
    queueMicrotask(() => {
      void run.idle().then(() => {
        if (runs.get(jobId) === run && !runsHere(jobId)) deps.leases?.release(jobId);
      });
    });
  };
  /** CONFLICT when another process runs the job (pause and cancel belong to it). */
  const refuseIfOwnedElsewhere = (jobId: string): void => {
    const holder = deps.leases?.otherHolder(jobId);
    if (holder) throw jobOwnedError(holder);
  };

  // The items are planned again while they are journaled, never held all at once (see planRemovalLazily).
  const draft = (request: ParsedRemovalRequest): ReturnType<typeof planRemovalLazily> => {
    const { targets, skipped } = resolveTargets(deps.inventory.list(), request.devices);
    const resolution = request.match ? resolveThroughIndex(request, targets) : undefined;
    return planRemovalLazily({
      mode: request.mode,
      items: request.items,
      targets,
      skipped,
      settings: settings(),
      cost: deps.cost,
      ...(resolution
        ? { perTerminal: resolution.perTerminal, presence: resolution.presence, unresolved: resolution.unresolved }
        : {}),
    });
  };
  const resolveThroughIndex = (request: ParsedRemovalRequest, targets: readonly Terminal[]): Resolution => {
    if (request.mode !== 'people') {
      throw new AppError('VALIDATION', 'Matching through the people index removes whole people: use mode "people".');
    }
    if (!deps.resolvePeople) {
      throw new AppError('VALIDATION', 'The people index is not available here: remove by ids without --match.');
    }
    return deps.resolvePeople(request.items, targets, request.match ?? 'id', request.confirmAmbiguous ?? false);
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
      const unresolved = plan.unresolved ?? [];
      if (unresolved.length > 0 && !request.skipUnresolved) {
        const names = unresolved.slice(0, 5).map((u) => `${u.label} (line ${u.line}: ${u.reason})`);
        throw new AppError(
          'CONFLICT',
          `Nothing was sent: ${unresolved.length} of the list cannot be resolved on some terminals: ${names.join(', ')}${unresolved.length > 5 ? ', …' : ''}. ` +
            'Refresh the people index, confirm ambiguous names (--confirm-ambiguous), or start anyway leaving them out (--skip-unresolved).',
          { unresolved },
        );
      }
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
      refuseIfOwnedElsewhere(jobId);
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
      // Taken before the journal changes: a job another process runs is refused untouched.
      deps.leases?.acquire(jobId);
      const retried = journal.retryFailed(jobId);
      if (retried > 0) runOf(jobId).resume();
      return { jobId, retried };
    },
    cancel(jobId) {
      const row = reader.job(jobId);
      if (!row || row.state === 'done' || row.state === 'cancelled') return false;
      refuseIfOwnedElsewhere(jobId);
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
      // Jobs another process runs (its lease is alive) are left to it.
      const ids = reader.withState('running').filter((id) => !runs.has(id));
      return ids.filter((id) => {
        const run = runOf(id, true);
        run?.resume();
        return run !== undefined;
      });
    },
    resumeQueued(serial) {
      const ids = journal.runningJobsWithWork(serial);
      return ids.filter((id) => {
        const run = runOf(id, true);
        run?.wake(serial);
        return run !== undefined;
      });
    },
    retryItems(selection, action) {
      const { jobs, count } = journal.retryItems(selection, action);
      // A job another process runs gets its items back there (its next wake); this one does not join it.
      for (const id of jobs) runOf(id, true)?.resume();
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
      for (const id of runs.keys()) deps.leases?.release(id);
      progress.close();
    },
  };
  return service;
}
