import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../shared/ipc/types.ts';
import { createCloudSlice, type CloudSlice } from './slices/cloud-slice.ts';
import { createDeviceActionsSlice, type DeviceActionsSlice } from './slices/device-actions-slice.ts';
import { createDevicesSlice, type DevicesSlice } from './slices/devices-slice.ts';
import { createDiscoverySlice, type DiscoverySlice } from './slices/discovery-slice.ts';
import { createErrorsSlice, type ErrorsSlice } from './slices/errors-slice.ts';
import { createFilesSlice, type FilesSlice } from './slices/files-slice.ts';
import { createJobsSlice, type JobsSlice } from './slices/jobs-slice.ts';
import { createNavigationSlice, type NavigationSlice } from './slices/navigation-slice.ts';
import { createPermissionsSlice, type PermissionsSlice } from './slices/permissions-slice.ts';
import { createPermissionBrowserSlice, type PermissionBrowserSlice } from './slices/permission-browser-slice.ts';
import { createPeopleIndexSlice, type PeopleIndexSlice } from './slices/people-index-slice.ts';
import { createRemovalSlice, type RemovalSlice } from './slices/removal-slice.ts';
import { createSettingsSlice, type SettingsSlice } from './slices/settings-slice.ts';
import { createStatusSlice, type StatusSlice } from './slices/status-slice.ts';
import { createSyncSlice, type SyncSlice } from './slices/sync-slice.ts';

/** The whole renderer state: one store made of slices. */
export type AppState = NavigationSlice &
  SettingsSlice &
  StatusSlice &
  ErrorsSlice &
  DevicesSlice &
  DeviceActionsSlice &
  DiscoverySlice &
  RemovalSlice &
  PeopleIndexSlice &
  JobsSlice &
  SyncSlice &
  CloudSlice &
  PermissionsSlice &
  PermissionBrowserSlice &
  FilesSlice;

/** The store type components and the bridge use. */
export type AppStore = StoreApi<AppState>;

/** Builds a fresh store talking to `api`; each test builds its own. */
export function createAppStore(api: Api): AppStore {
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
