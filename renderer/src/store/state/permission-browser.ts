import type {
  PermissionFilter,
  PermissionPage,
  PersonPermissions,
  RepushPerson,
} from '../../../../shared/domain/permission-browser.ts';

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
