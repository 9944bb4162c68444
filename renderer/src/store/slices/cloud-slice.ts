import type { StateCreator } from 'zustand';
import type { ContractApi } from '../../api/contract-api.ts';
import type { AppState } from '../state/app-state.ts';
import type { CloudTestState, CloudSlice } from '../state/cloud.ts';

/** Creates the {@link CloudSlice}. */
export function createCloudSlice(api: ContractApi): StateCreator<AppState, [], [], CloudSlice> {
  return (set, get) => ({
    cloudConfig: null,
    cloudTests: {},

    async loadCloudConfig() {
      const result = await api.cloud.getConfig();
      if (result.ok) set({ cloudConfig: result.value });
      else get().showError(result.error);
    },

    async saveCloudConfig(request) {
      const result = await api.cloud.setConfig(request);
      if (!result.ok) {
        get().showError(result.error);
        return false;
      }
      const { [request.cloud]: _stale, ...others } = get().cloudTests;
      set({ cloudConfig: result.value, cloudTests: others });
      return true;
    },

    async testCloud(cloud) {
      set({ cloudTests: { ...get().cloudTests, [cloud]: { status: 'running' } } });
      const result = await api.cloud.test({ cloud });
      const state: CloudTestState = result.ok
        ? { status: 'ok', result: result.value }
        : { status: 'failed', error: result.error };
      set({ cloudTests: { ...get().cloudTests, [cloud]: state } });
    },
  });
}
