import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../shared/ipc/types.ts';
import { createDevicesSlice, type DevicesSlice } from './slices/devices-slice.ts';
import { createDiscoverySlice, type DiscoverySlice } from './slices/discovery-slice.ts';
import { createErrorsSlice, type ErrorsSlice } from './slices/errors-slice.ts';
import { createNavigationSlice, type NavigationSlice } from './slices/navigation-slice.ts';
import { createSettingsSlice, type SettingsSlice } from './slices/settings-slice.ts';
import { createStatusSlice, type StatusSlice } from './slices/status-slice.ts';

/** The whole renderer state: one store made of slices. */
export type AppState = NavigationSlice & SettingsSlice & StatusSlice & ErrorsSlice & DevicesSlice & DiscoverySlice;

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
    ...createDiscoverySlice(api)(...args),
  }));
}
