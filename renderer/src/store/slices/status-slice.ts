import type { StateCreator } from 'zustand';
import type { AppStatus } from '../../../../shared/domain/status.ts';
import type { AppState } from '../app-store.ts';

/** What the status bar shows, as last heard from the core. */
export interface StatusSlice {
  status: AppStatus | null;
  receiveStatus(status: AppStatus): void;
}

/** Creates the {@link StatusSlice}. */
export const createStatusSlice: StateCreator<AppState, [], [], StatusSlice> = (set) => ({
  status: null,
  receiveStatus: (status) => set({ status }),
});
