import type { StateCreator } from 'zustand';
import type { AppState } from '../state/app-state.ts';
import type { NavigationSlice } from '../state/navigation.ts';

/**
 * Creates the {@link NavigationSlice}; the app opens on Devices. Going to another section leaves the banner
 * error of the one left behind (errors stay where they happened; a lost host connection follows everywhere).
 */
export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set, get) => ({
  section: 'devices',
  showSection: (section) => {
    const { errorSection } = get();
    set(errorSection !== null && errorSection !== section ? { section, error: null, errorSection: null } : { section });
  },
});
