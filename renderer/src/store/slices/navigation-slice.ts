import type { StateCreator } from 'zustand';
import type { Section } from '../sections.ts';
import type { AppState } from '../app-store.ts';

/** Which section is shown. */
export interface NavigationSlice {
  section: Section;
  showSection(section: Section): void;
}

/** Creates the {@link NavigationSlice}; the app opens on Devices. */
export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set) => ({
  section: 'devices',
  showSection: (section) => set({ section }),
});
