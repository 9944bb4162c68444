import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../shared/ipc/types.ts';
import { contractApi } from '../api/contract-api.ts';
import { createCloudSlice } from './slices/cloud-slice.ts';
import { createDeviceActionsSlice } from './slices/device-actions-slice.ts';
import { createDevicesSlice } from './slices/devices-slice.ts';
import { createDiscoverySlice } from './slices/discovery-slice.ts';
import { createErrorsSlice } from './slices/errors-slice.ts';
import { createFilesSlice } from './slices/files-slice.ts';
import { createJobsSlice } from './slices/jobs-slice.ts';
import { createNavigationSlice } from './slices/navigation-slice.ts';
import { createPermissionsSlice } from './slices/permissions-slice.ts';
import { createPermissionBrowserSlice } from './slices/permission-browser-slice.ts';
import { createPeopleIndexSlice } from './slices/people-index-slice.ts';
import { createRemovalSlice } from './slices/removal-slice.ts';
import { createSettingsSlice } from './slices/settings-slice.ts';
import { createStatusSlice } from './slices/status-slice.ts';
import { createSyncSlice } from './slices/sync-slice.ts';
import type { AppState } from './state/app-state.ts';

/** The whole renderer state (state/app-state.ts). */
export type { AppState } from './state/app-state.ts';

/** The store type components and the bridge use. */
export type AppStore = StoreApi<AppState>;

/** Builds a fresh store talking to `transport` (through its named functions); each test builds its own. */
export function createAppStore(transport: Api): AppStore {
  const api = contractApi(transport);
  return createStore<AppState>()((...args) => ({
    ...createNavigationSlice(...args),
    ...createSettingsSlice(api)(...args),
    ...createStatusSlice(...args),
    ...createErrorsSlice(...args),
    ...createDevicesSlice(api)(...args),
    ...createDeviceActionsSlice(api)(...args),
    ...createDiscoverySlice(api)(...args),
    ...createRemovalSlice(api)(...args),
    ...createPeopleIndexSlice(api)(...args),
    ...createJobsSlice(api)(...args),
    ...createSyncSlice(api)(...args),
    ...createCloudSlice(api)(...args),
    ...createPermissionsSlice(api)(...args),
    ...createPermissionBrowserSlice(api)(...args),
    ...createFilesSlice(api)(...args),
  }));
}
