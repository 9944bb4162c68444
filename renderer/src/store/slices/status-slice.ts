import type { StateCreator } from 'zustand';
import type { AppState } from '../state/app-state.ts';
import type { StatusSlice } from '../state/status.ts';

/** Creates the {@link StatusSlice}. */
export const createStatusSlice: StateCreator<AppState, [], [], StatusSlice> = (set) => ({
  status: null,
  receiveStatus: (status) => set({ status }),
});
