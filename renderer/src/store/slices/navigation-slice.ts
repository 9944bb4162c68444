import type { StateCreator } from 'zustand';
import type { Section } from '../sections.ts';
import type { AppState } from '../app-store.ts';

/** Which section is shown. */
export interface NavigationSlice {
  section: Section;
  showSection(section: Section): void;
}

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
