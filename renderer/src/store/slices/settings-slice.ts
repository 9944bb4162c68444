import type { StateCreator } from 'zustand';
import type { Language, Settings } from '../../../../shared/domain/settings.ts';
import type { Api } from '../../../../shared/ipc/types.ts';
import type { AppState } from '../app-store.ts';

/** The persisted settings as last heard from the core. */
export interface SettingsSlice {
  settings: Settings | null;
  receiveSettings(settings: Settings): void;
  /** Persists the language; the UI switches when the core confirms it. */
  setLanguage(language: Language): Promise<void>;
}

/** Creates the {@link SettingsSlice}; writes go through the contract. */
export function createSettingsSlice(api: Api): StateCreator<AppState, [], [], SettingsSlice> {
  return (set, get) => ({
    settings: null,
    receiveSettings: (settings) => set({ settings }),
    async setLanguage(language) {
      const result = await api.invoke('settings:update', { language });
      if (result.ok) get().receiveSettings(result.value);
      else get().showError(result.error);
    },
  });
}
