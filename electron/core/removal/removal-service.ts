import { newJobId } from '../jobs/job-id.ts';
import {
  RemovalSettingsSchema,
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
import type { JobEngine } from '../jobs/engine.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../jobs/backoff.ts';
import { createCommitGroup } from '../jobs/commit-group.ts';
import { createRemovalKind, REMOVAL_KINDS } from './removal-kind.ts';
import { createJournal } from './journal.ts';
import { createJournalReader, type JournalReader } from './journal-read.ts';
import type { ItemAction, ItemSelection } from './journal-sync.ts';
import { createRequestLimiter } from '../jobs/limiter.ts';
import { planRemovalLazily, planTargetOf, resolveTargets, type CostEstimate } from './planner.ts';
import { createPlanFeed, perRoundFor, ROUND_ITEMS, type PlanFeed } from './plan-feed.ts';
import type { FedPlan } from './journal-plan.ts';
import { createProgressPublisher } from '../jobs/progress.ts';
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
  /** Items a round of a plan journals while its job runs (plan-feed.ts); default {@link ROUND_ITEMS}. */
  roundItems?: number;
  /** The job engine: runs, leases, pause, resume, cancel and the `jobs:*` channels; removal plugs in as a kind. */
  engine: JobEngine;
  now?: () => number;
  /** Resolves a list of people per target through the site people index (requests with `match`). */
  resolvePeople?: (
    items: readonly RemovalItem[],
    targets: readonly Terminal[],
    match: PersonMatch,
    confirmAmbiguous: boolean,
  ) => Resolution;
}

/**
 * Bulk removal: the dry run and the journaling of a job, and the sync queue's side of its items. Its jobs run on
 * the job engine (kind `remove`): pause, resume, cancel, retry, show and export are `JobEngine`'s.
 */
export interface RemovalService {
  /** The dry run: per terminal how many items, which are offline, the estimated time. Writes nothing. */
  plan(request: ParsedRemovalRequest): RemovalPlan;
  /**
   * Plans, journals the job with the first round of its items, and starts executing in the background; the other
   * rounds are journaled while it runs (plan-feed.ts; a list matched through the people index is journaled
   * whole here). `check` sees the plan before anything is journaled and may refuse it by throwing (a reviewed
   * plan that no longer matches the site).
   */
  start(request: ParsedRemovalRequest, check?: (plan: RemovalPlan) => void): { jobId: string; plan: RemovalPlan };
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
}

/** What journals a plan in rounds (plan-feed.ts): the list, each target's place in the job's order, the round size. */
function fedPlanOf(
  request: ParsedRemovalRequest,
  targets: readonly Terminal[],
  plan: RemovalPlan,
  roundItems = ROUND_ITEMS,
): FedPlan {
  const counts = new Map(plan.terminals.map((t) => [t.serial, t.items + t.unplannable]));
  let firstSeq = 0;
  const fed = targets.map((terminal) => {
    const count = counts.get(terminal.serial) ?? 0;
    const target = { ...planTargetOf(terminal), firstSeq, count };
    firstSeq += count;
    return target;
  });
  return { mode: request.mode, items: [...request.items], targets: fed, perRound: perRoundFor(fed.length, roundItems) };
}

/** The reader, with a job's items not journaled yet counted as pending in its live totals (progress events). */
function withPlannedTotals(reader: JournalReader, feed: PlanFeed): JournalReader {
  return {
    ...reader,
    liveTotals: (jobId) => feed.withUnjournaled(jobId, reader.liveTotals(jobId)),
  };
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
  // Large plans are journaled in rounds while their jobs run (the first request leaves at once).
  const feed = createPlanFeed(journal);
  // Progress counts the items still to be journaled as pending: the total is the plan's from the start.
  const progress = createProgressPublisher(deps.bus, withPlannedTotals(reader, feed), now);
  const { engine } = deps;
  let probeTimer: NodeJS.Timeout | undefined;

  const probeWhileWaiting = (): void => {
    if (probeTimer || !deps.probeTerminals) return;
    const probe = deps.probeTerminals;
    probeTimer = setInterval(() => {
      if (!engine.liveRuns(REMOVAL_KINDS).some((run) => run.waiting())) {
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
    feed,
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

  engine.register(
    createRemovalKind({
      ...executorDeps,
      closed() {
        stopListening();
        if (probeTimer) clearInterval(probeTimer);
        progress.close();
      },
    }),
  );

  // The items are planned again while they are journaled, never held all at once (see planRemovalLazily).
  const draft = (request: ParsedRemovalRequest): ReturnType<typeof planRemovalLazily> & { targets: Terminal[] } => {
    const { targets, skipped } = resolveTargets(deps.inventory.list(), request.devices);
    const resolution = request.match ? resolveThroughIndex(request, targets) : undefined;
    const lazy = planRemovalLazily({
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
    return { ...lazy, targets };
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
    for (const run of engine.liveRuns(REMOVAL_KINDS)) run.wake(terminal.serial);
  });

  return {
    plan: (request) => draft(request).plan,
    start(request, check) {
      const { plan, items, targets } = draft(request);
      check?.(plan);
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
      const jobId = newJobId();
      const options = { mode: request.mode, verify: request.verify, devices: request.devices };
      if (request.match) {
        // A list resolved through the people index has its own ids per terminal: journaled whole, here (the
        // resolution is the index of this moment, and is not kept to journal the rest after a crash).
        journal.createJob(jobId, options, request.label ?? null, items);
      } else {
        feed.begin(jobId, options, request.label ?? null, fedPlanOf(request, targets, plan, deps.roundItems));
      }
      engine.start(jobId);
      return { jobId, plan };
    },
    resumeQueued(serial) {
      const ids = journal.runningJobsWithWork(serial);
      return ids.filter((id) => {
        const run = engine.runOf(id, true);
        run?.wake(serial);
        return run !== undefined;
      });
    },
    retryItems(selection, action) {
      const { jobs, count } = journal.retryItems(selection, action);
      // A job another process runs gets its items back there (its next wake); this one does not join it.
      for (const id of jobs) engine.runOf(id, true)?.resume();
      return count;
    },
    discardItems(selection, action) {
      const { jobs, count } = journal.discardItems(selection, action);
      for (const id of jobs) {
        const run = engine.live(id);
        if (run) run.settle();
        else if (!journal.hasWork(id) && ['running', 'paused', 'failed'].includes(reader.job(id)?.state ?? '')) {
          journal.setState(id, 'done');
        }
        progress.publish(id, true);
      }
      return count;
    },
  };
}
