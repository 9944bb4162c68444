import type { StateCreator } from 'zustand';
import type {
  PermissionFilter,
  PermissionPage,
  PersonPermissions,
  RepushPerson,
} from '../../../../shared/domain/permission-browser.ts';
import type { Api } from '../../../../shared/ipc/types.ts';
import type { AppState } from '../app-store.ts';

/** Rows per page of the permissions browser. */
export const BROWSE_PAGE_SIZE = 50;

/**
 * The permissions browser: the filters, the page shown (read from the cloud on each change), the person opened
 * and the last re-push. The renderer holds one page, never the whole collection.
 */
export interface PermissionBrowserSlice {
  /** Which part of the Permissions section is shown. */
  permissionsTab: 'push' | 'browse';
  browseFilter: PermissionFilter;
  browsePage: PermissionPage | null;
  browseLoading: boolean;
  openedPerson: PersonPermissions | null;
  personLoading: boolean;
  /** The last re-push of the opened person (null before one). */
  repush: RepushPerson | null;
  repushing: boolean;
  setPermissionsTab(tab: 'push' | 'browse'): void;
  /** Replaces the filters and reads page 1. */
  applyBrowseFilter(filter: PermissionFilter): Promise<void>;
  /** Reads page `page` of the current filters (1 when absent). */
  loadBrowsePage(page?: number): Promise<void>;
  /** Opens the person of a permission (null closes). */
  openPerson(accessAuthId: string | null): Promise<void>;
  /** Pushes the opened person's waiting channels again and shows that push in the Push tab's panel. */
  repushPerson(): Promise<void>;
}

/** Creates the {@link PermissionBrowserSlice}; failures go to the error banner. */
export function createPermissionBrowserSlice(api: Api): StateCreator<AppState, [], [], PermissionBrowserSlice> {
  let readNo = 0;
  return (set, get) => ({
    permissionsTab: 'push',
    browseFilter: {},
    browsePage: null,
    browseLoading: false,
    openedPerson: null,
    personLoading: false,
    repush: null,
    repushing: false,

    setPermissionsTab: (permissionsTab) => set({ permissionsTab }),

    async applyBrowseFilter(browseFilter) {
      set({ browseFilter });
      await get().loadBrowsePage(1);
    },

    async loadBrowsePage(page = 1) {
      const mine = ++readNo;
      set({ browseLoading: true });
      const result = await api.invoke('permissions:browse', {
        ...get().browseFilter,
        page,
        pageSize: BROWSE_PAGE_SIZE,
      });
      // A newer read (other filters, another page) wins; this answer is stale.
      if (mine !== readNo) return;
      set({ browseLoading: false });
      if (!result.ok) return get().showError(result.error);
      set({ browsePage: result.value });
    },

    async openPerson(accessAuthId) {
      if (accessAuthId === null) return set({ openedPerson: null, repush: null });
      set({ personLoading: true, repush: null });
      const result = await api.invoke('permissions:person', { accessAuthId });
      set({ personLoading: false });
      if (!result.ok) return get().showError(result.error);
      set({ openedPerson: result.value });
    },

    async repushPerson() {
      const person = get().openedPerson;
      if (!person || get().repushing) return;
      set({ repushing: true });
      const result = await api.invoke('permissions:repush-person', {
        accessAuthId: person.accessAuthId,
        certificate: get().pushCertificate,
      });
      set({ repushing: false });
      if (!result.ok) return get().showError(result.error);
      set({ repush: result.value });
      if (result.value.jobId) await get().loadPush(result.value.jobId);
    },
  });
}
