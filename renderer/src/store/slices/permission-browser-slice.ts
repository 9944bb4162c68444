import type { StateCreator } from 'zustand';
import type { ContractApi } from '../../api/contract-api.ts';
import type { AppState } from '../state/app-state.ts';
import type { PermissionBrowserSlice } from '../state/permission-browser.ts';

/** Rows per page of the permissions browser. */
export const BROWSE_PAGE_SIZE = 50;

/** Creates the {@link PermissionBrowserSlice}; failures go to the error banner. */
export function createPermissionBrowserSlice(api: ContractApi): StateCreator<AppState, [], [], PermissionBrowserSlice> {
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
      const result = await api.permissions.browse({
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
      const result = await api.permissions.person({ accessAuthId });
      set({ personLoading: false });
      if (!result.ok) return get().showError(result.error);
      set({ openedPerson: result.value });
    },

    async repushPerson() {
      const person = get().openedPerson;
      if (!person || get().repushing) return;
      set({ repushing: true });
      const result = await api.permissions.repushPerson({
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
