import type { CloudSlice } from './cloud.ts';
import type { DeviceActionsSlice } from './device-actions.ts';
import type { DevicesSlice } from './devices.ts';
import type { DiscoverySlice } from './discovery.ts';
import type { ErrorsSlice } from './errors.ts';
import type { FilesSlice } from './files.ts';
import type { JobsSlice } from './jobs.ts';
import type { NavigationSlice } from './navigation.ts';
import type { PeopleIndexSlice } from './people-index.ts';
import type { PermissionBrowserSlice } from './permission-browser.ts';
import type { PermissionsSlice } from './permissions.ts';
import type { RemovalSlice } from './removal.ts';
import type { SettingsSlice } from './settings.ts';
import type { StatusSlice } from './status.ts';
import type { SyncSlice } from './sync.ts';

/** The whole renderer state: one store made of slices (each slice's creator sees all of it through `get`). */
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
