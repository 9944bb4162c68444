import type { StateCreator } from 'zustand';
import type { Operation } from '../../../../shared/domain/sync.ts';
import type { ContractApi } from '../../api/contract-api.ts';
import type { AppState } from '../state/app-state.ts';
import type { SyncSlice } from '../state/sync.ts';

/** Declared in state/sync.ts; re-exported for the modules that import them from this slice. */
export type { SyncFilter } from '../state/sync.ts';

/** Operations fetched per `sync:list` call. */
export const SYNC_PAGE_SIZE = 100;

/** Fewest milliseconds between two refreshes of the list caused by `sync:changed` (a big job changes often). */
export const SYNC_REFRESH_MS = 1500;

/** Creates the {@link SyncSlice}; every write goes through the contract, failures go to the error banner. */
export function createSyncSlice(api: ContractApi): StateCreator<AppState, [], [], SyncSlice> {
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
      const result = await api.sync.list({
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
      reportPdfAvailable: api.platform === 'electron',

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
        const result = await api.sync.status();
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
        const result = await api.sync.now();
        set({ syncing: false });
        if (!result.ok) get().showError(result.error);
        await get().loadSyncStatus();
        get().refreshSyncRows();
      },

      async retryOperations(ids) {
        const selection = ids === 'all' ? { all: 'needs-attention' as const } : { ids };
        const result = await api.sync.retry({ selection });
        if (!result.ok) get().showError(result.error);
        get().refreshSyncRows();
        return result.ok;
      },

      async discardOperations(ids) {
        const selection = ids === 'all' ? { all: 'needs-attention' as const } : { ids };
        const result = await api.sync.discard({ selection, confirm: true });
        if (!result.ok) get().showError(result.error);
        get().refreshSyncRows();
        return result.ok;
      },

      async buildReport(format, signOff = {}) {
        const result = await api.report.build({ format, ...signOff });
        if (result.ok) return result.value;
        get().showError(result.error);
        return null;
      },

      async saveReportPdf(signOff = {}) {
        const result = await api.report.pdf(signOff);
        if (result.ok) return result.value;
        get().showError(result.error);
        return null;
      },
    };
  };
}
