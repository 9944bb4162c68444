import type { StateCreator } from 'zustand';
import type { Report, ReportFormat } from '../../../../shared/domain/report.ts';
import type { Operation, OperationState, SyncStatus } from '../../../../shared/domain/sync.ts';
import type { Api } from '../../../../shared/ipc/types.ts';
import type { AppState } from '../app-store.ts';

/** Operations fetched per `sync:list` call. */
export const SYNC_PAGE_SIZE = 100;

/** Fewest milliseconds between two refreshes of the list caused by `sync:changed` (a big job changes often). */
export const SYNC_REFRESH_MS = 1500;

/** Which operations the list shows: one state, or all of them. */
export type SyncFilter = OperationState | 'all';

/** The sync queue as the UI shows it: counts, the filtered list (paged into a cache by index), actions. */
export interface SyncSlice {
  syncStatus: SyncStatus | null;
  syncFilter: SyncFilter;
  /** Loaded operations of the current filter, by their index in the list. */
  syncRows: Record<number, Operation>;
  /** How many operations match the filter (the list's length). */
  syncMatching: number;
  /** True once the first page of the current filter has arrived. */
  syncLoaded: boolean;
  /** True while "Sync now" runs. */
  syncing: boolean;
  receiveSyncStatus(status: SyncStatus): void;
  loadSyncStatus(): Promise<void>;
  setSyncFilter(filter: SyncFilter): void;
  /** Makes sure the operations from index `from` to `to` are loaded (pages fetched on demand). */
  ensureSyncRows(from: number, to: number): void;
  /** Fetches the loaded pages again (the queue changed). */
  refreshSyncRows(): void;
  syncNow(): Promise<void>;
  /** Retries operations that need attention (named ones, or all); false after showing an error. */
  retryOperations(ids: string[] | 'all'): Promise<boolean>;
  /** Discards queued or needs-attention operations (or all needing attention); the dialog asked first. */
  discardOperations(ids: string[] | 'all'): Promise<boolean>;
  /** Builds the commissioning report; null after showing an error. */
  buildReport(format: ReportFormat): Promise<Report | null>;
}

/** Creates the {@link SyncSlice}; every write goes through the contract, failures go to the error banner. */
export function createSyncSlice(api: Api): StateCreator<AppState, [], [], SyncSlice> {
  // Pages of the current filter already loaded or being loaded; a filter change starts a new generation.
  let generation = 0;
  const loaded = new Set<number>();
  const inFlight = new Set<number>();
  // Pages asked for again while a fetch of them was out: fetched once more when it lands.
  const stale = new Set<number>();
  let lastRefresh = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  return (set, get) => {
    const fetchPage = async (page: number): Promise<void> => {
      const mine = generation;
      inFlight.add(page);
      const filter = get().syncFilter;
      const result = await api.invoke('sync:list', {
        ...(filter === 'all' ? {} : { state: filter }),
        offset: page * SYNC_PAGE_SIZE,
        limit: SYNC_PAGE_SIZE,
      });
      if (mine !== generation) return;
      inFlight.delete(page);
      if (stale.delete(page)) void fetchPage(page);
      if (!result.ok) {
        get().showError(result.error);
        return;
      }
      loaded.add(page);
      const { items, matching } = result.value;
      set((state) => {
        const rows: Record<number, Operation> = {};
        for (const [key, op] of Object.entries(state.syncRows)) {
          const index = Number(key);
          const inPage = Math.floor(index / SYNC_PAGE_SIZE) === page;
          if (!inPage && index < matching) rows[index] = op;
        }
        items.forEach((op, i) => (rows[page * SYNC_PAGE_SIZE + i] = op));
        return { syncRows: rows, syncMatching: matching, syncLoaded: true };
      });
    };

    return {
      syncStatus: null,
      syncFilter: 'all',
      syncRows: {},
      syncMatching: 0,
      syncLoaded: false,
      syncing: false,

      receiveSyncStatus(status) {
        set({ syncStatus: status, syncing: status.syncing || get().syncing });
        if (!get().syncLoaded || refreshTimer !== undefined) return;
        const wait = lastRefresh + SYNC_REFRESH_MS - Date.now();
        if (wait <= 0) {
          lastRefresh = Date.now();
          get().refreshSyncRows();
          return;
        }
        refreshTimer = setTimeout(() => {
          refreshTimer = undefined;
          lastRefresh = Date.now();
          get().refreshSyncRows();
        }, wait);
      },

      async loadSyncStatus() {
        const result = await api.invoke('sync:status', {});
        if (result.ok) set({ syncStatus: result.value });
        else get().showError(result.error);
      },

      setSyncFilter(filter) {
        generation++;
        loaded.clear();
        inFlight.clear();
        stale.clear();
        set({ syncFilter: filter, syncRows: {}, syncMatching: 0, syncLoaded: false });
        void fetchPage(0);
      },

      ensureSyncRows(from, to) {
        const last = Math.floor(Math.max(from, to) / SYNC_PAGE_SIZE);
        for (let page = Math.floor(Math.max(0, from) / SYNC_PAGE_SIZE); page <= last; page++) {
          if (!loaded.has(page) && !inFlight.has(page)) void fetchPage(page);
        }
      },

      refreshSyncRows() {
        const pages = loaded.size > 0 ? [...loaded] : [0];
        for (const page of pages) {
          if (inFlight.has(page)) stale.add(page);
          else void fetchPage(page);
        }
      },

      async syncNow() {
        set({ syncing: true });
        const result = await api.invoke('sync:now', {});
        set({ syncing: false });
        if (!result.ok) get().showError(result.error);
        await get().loadSyncStatus();
        get().refreshSyncRows();
      },

      async retryOperations(ids) {
        const selection = ids === 'all' ? { all: 'needs-attention' as const } : { ids };
        const result = await api.invoke('sync:retry', { selection });
        if (!result.ok) get().showError(result.error);
        get().refreshSyncRows();
        return result.ok;
      },

      async discardOperations(ids) {
        const selection = ids === 'all' ? { all: 'needs-attention' as const } : { ids };
        const result = await api.invoke('sync:discard', { selection, confirm: true });
        if (!result.ok) get().showError(result.error);
        get().refreshSyncRows();
        return result.ok;
      },

      async buildReport(format) {
        const result = await api.invoke('report:build', { format });
        if (result.ok) return result.value;
        get().showError(result.error);
        return null;
      },
    };
  };
}
