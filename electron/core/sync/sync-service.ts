import type { Terminal } from '../../../shared/domain/terminal.ts';
import type {
  Operation,
  OperationSelection,
  SyncCounts,
  SyncListQuery,
  SyncNowResult,
  SyncPage,
  SyncStatus,
} from '../../../shared/domain/sync.ts';
import { AppError } from '../../../shared/errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { InventoryRepository } from '../inventory/inventory-repository.ts';
import type { StatusService } from '../status/status-service.ts';
import { createConnectivityMonitor, type ConnectivityMonitor, type ConnectivityTiming } from './connectivity.ts';
import { addCounts, emptySyncCounts, parseOperationId, type SyncSource, type TimeRange } from '../jobs/sync-port.ts';

/** What the sync service needs. */
export interface SyncServiceDeps {
  bus: EventBus;
  status: StatusService;
  inventory: InventoryRepository;
  /** Probes every terminal now (the health monitor); their presence comes back as `devices:updated`. */
  probeTerminals(): Promise<void>;
  /** Who acts, for the history (the computer's user and the shell, e.g. "anna (app)"). */
  actor: string;
  connectivity?: Partial<ConnectivityTiming>;
  /** How often `sync:changed` may be published (default 500 ms). */
  publishIntervalMs?: number;
  now?: () => number;
}

/** The sync queue: one view and control plane over the operations of every job kind (see README.md). */
export interface SyncService {
  /** Adds a job kind's operations to the queue; returns a function removing it. */
  register(source: SyncSource): () => void;
  readonly connectivity: ConnectivityMonitor;
  counts(): SyncCounts;
  status(): SyncStatus;
  list(query: SyncListQuery): SyncPage;
  /** Every operation of jobs created in the window, source by source (reports). */
  operations(range?: TimeRange): Iterable<Operation>;
  /** Probes every terminal and cloud now, then resumes every source's queued work. Single-flight. */
  syncNow(): Promise<SyncNowResult>;
  /** Resolves when every source's resumed work has nothing more to do in this process. */
  whenIdle(): Promise<void>;
  retry(selection: OperationSelection): { retried: number };
  /** Discards queued or needs-attention operations (they stay in the history, with who and when). */
  discard(selection: OperationSelection): { discarded: number };
  /**
   * The supersede rule: `opId` (a full push) replaces the queued operations of the same source carrying the
   * same `key` (the same channels) queued before `queuedAt`; they are discarded as superseded, never sent.
   */
  supersede(opId: string, key: string, queuedAt: number): number;
  /** Asks the sync queue to tell the UI its counts changed (sources call this after changes of their own). */
  changed(): void;
  close(): void;
}

/** Creates the {@link SyncService}; it follows `jobs:progress` and `devices:updated` to keep the badge current. */
export function createSyncService(deps: SyncServiceDeps): SyncService {
  const now = deps.now ?? Date.now;
  const sources = new Map<string, SyncSource>();
  let lastSyncAt: number | null = null;
  let syncing: Promise<SyncNowResult> | undefined;
  let publishTimer: NodeJS.Timeout | undefined;
  let lastPublish = 0;
  let lastBadge = '';
  let closed = false;
  const interval = deps.publishIntervalMs ?? 500;

  const resumeAll = (target?: Parameters<SyncSource['resume']>[0]): Promise<void> =>
    Promise.all([...sources.values()].map(async (s) => s.resume(target))).then(() => undefined);

  const connectivity = createConnectivityMonitor(
    {
      onReachable: (cloud) => void resumeAll({ kind: 'cloud', id: cloud }).catch(() => undefined),
      onChange: () => {
        const overall = connectivity.overall();
        if (overall !== lastOverall) {
          lastOverall = overall;
          deps.status.publish();
        }
        service.changed();
      },
    },
    deps.connectivity,
    now,
  );
  // The monitor is the one source of each cloud's reachability: every call's finding goes to it.
  let lastOverall = connectivity.overall();
  deps.status.attachCloudBoard({
    observe: (cloud, outcome) => connectivity.observe(cloud, outcome),
    overall: () => connectivity.overall(),
  });

  const counts = (): SyncCounts => [...sources.values()].reduce((t, s) => addCounts(t, s.counts()), emptySyncCounts());

  const publishNow = (): void => {
    publishTimer = undefined;
    lastPublish = now();
    const status = service.status();
    deps.bus.emit('sync:changed', status);
    const badge = `${status.counts.queued}/${status.counts['needs-attention']}`;
    if (badge !== lastBadge) {
      lastBadge = badge;
      deps.status.publish();
    }
  };

  deps.status.setOperationCounter(() => {
    const c = counts();
    return { queued: c.queued, needsAttention: c['needs-attention'] };
  });

  const online = new Map<string, boolean>();
  const stopListening = deps.bus.onAny((event, payload) => {
    if (event === 'jobs:progress') service.changed();
    if (event !== 'devices:updated') return;
    const terminal = payload as Terminal;
    const was = online.get(terminal.serial);
    online.set(terminal.serial, terminal.online);
    // Terminal presence from discovery: one that answers again gets its queued work resumed at once.
    if (terminal.online && was !== true)
      void resumeAll({ kind: 'terminal', id: terminal.serial }).catch(() => undefined);
    if (was !== terminal.online) service.changed();
  });

  /** Splits a selection by source; unknown sources are refused before anything changes. */
  const bySource = (selection: OperationSelection): Map<SyncSource, string[] | 'all-needs-attention'> => {
    const result = new Map<SyncSource, string[] | 'all-needs-attention'>();
    if ('all' in selection) {
      for (const source of sources.values()) result.set(source, 'all-needs-attention');
      return result;
    }
    for (const id of selection.ids) {
      const parsed = parseOperationId(id);
      const source = parsed ? sources.get(parsed.source) : undefined;
      if (!parsed || !source) {
        throw new AppError(
          'NOT_FOUND',
          `There is no operation ${id} in the sync queue. List them with "fcom sync list" and use one of their ids.`,
        );
      }
      const ids = result.get(source);
      result.set(source, [...(ids === 'all-needs-attention' || !ids ? [] : ids), parsed.localId]);
    }
    return result;
  };

  const service: SyncService = {
    connectivity,
    register(source) {
      if (source.name.includes(':') || sources.has(source.name)) {
        throw new Error(`A sync source named ${source.name} is already registered (or the name has a colon).`);
      }
      sources.set(source.name, source);
      service.changed();
      return () => {
        if (sources.get(source.name) === source) sources.delete(source.name);
        service.changed();
      };
    },
    counts,
    status: () => ({
      counts: counts(),
      targets: [...sources.values()]
        .flatMap((s) => s.targets())
        .map((t) => ({
          targetKind: t.kind,
          target: t.id,
          name: t.name,
          reachable: t.reachable,
          queued: t.queued,
          needsAttention: t.needsAttention,
        })),
      clouds: connectivity.clouds(),
      lastSyncAt,
      syncing: syncing !== undefined,
    }),
    list(query) {
      const items: Operation[] = [];
      let matching = 0;
      let skip = query.offset;
      for (const source of sources.values()) {
        const wanted = query.limit - items.length;
        const page = source.list({ ...query, offset: skip, limit: Math.max(1, wanted) });
        matching += page.matching;
        if (wanted > 0) items.push(...page.items.slice(0, wanted));
        skip = Math.max(0, skip - page.matching);
      }
      return { items, matching };
    },
    *operations(range) {
      for (const source of sources.values()) yield* source.all(range);
    },
    syncNow() {
      syncing ??= (async () => {
        lastSyncAt = now();
        service.changed();
        const queued = counts().queued;
        const [, clouds] = await Promise.all([deps.probeTerminals(), connectivity.probeNow()]);
        await resumeAll();
        const terminals = deps.inventory.list().filter((t) => t.kind !== 'unknown');
        const up = terminals.filter((t) => t.online).length;
        return { terminalsOnline: up, terminalsOffline: terminals.length - up, clouds, queued };
      })().finally(() => {
        syncing = undefined;
        service.changed();
      });
      return syncing;
    },
    async whenIdle() {
      await Promise.all([...sources.values()].map((s) => s.idle?.()));
    },
    retry(selection) {
      const at = now();
      let retried = 0;
      for (const [source, ids] of bySource(selection)) retried += source.retry(ids, { actor: deps.actor, at });
      if (retried === 0 && 'ids' in selection) {
        throw new AppError(
          'CONFLICT',
          'Nothing was retried: only operations that need attention (and can succeed on another try) can be retried. Refresh the sync queue.',
        );
      }
      service.changed();
      return { retried };
    },
    discard(selection) {
      const at = now();
      let discarded = 0;
      for (const [source, ids] of bySource(selection)) discarded += source.discard(ids, { actor: deps.actor, at });
      if (discarded === 0 && 'ids' in selection) {
        throw new AppError(
          'CONFLICT',
          'Nothing was discarded: only queued operations and operations that need attention can be. Refresh the sync queue.',
        );
      }
      service.changed();
      return { discarded };
    },
    supersede(opId, key, queuedAt) {
      const parsed = parseOperationId(opId);
      const source = parsed ? sources.get(parsed.source) : undefined;
      if (!parsed || !source?.supersedable) return 0;
      const older = source.supersedable(key, queuedAt).filter((id) => id !== parsed.localId);
      if (older.length === 0) return 0;
      const info = { actor: 'sync', at: now(), note: `Superseded by ${opId}`, kind: 'supersede' as const };
      const count = source.discard(older, info);
      service.changed();
      return count;
    },
    changed() {
      if (publishTimer || closed) return;
      const wait = Math.max(0, lastPublish + interval - now());
      publishTimer = setTimeout(publishNow, wait);
      publishTimer.unref();
    },
    close() {
      closed = true;
      stopListening();
      connectivity.stop();
      if (publishTimer) clearTimeout(publishTimer);
      publishTimer = undefined;
    },
  };
  return service;
}
