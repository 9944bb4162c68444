import type { StateCreator } from 'zustand';
import type { ContractApi } from '../../api/contract-api.ts';
import type { AppState } from '../state/app-state.ts';
import type { SettingsSlice } from '../state/settings.ts';

/** Creates the {@link SettingsSlice}; writes go through the contract. */
export function createSettingsSlice(api: ContractApi): StateCreator<AppState, [], [], SettingsSlice> {
  return (set, get) => ({
    settings: null,
    receiveSettings: (settings) => set({ settings }),
    async setLanguage(language) {
      const result = await api.settings.update({ language });
      if (result.ok) get().receiveSettings(result.value);
      else get().showError(result.error);
    },
  });
}
