import type { StateCreator } from 'zustand';
import type { CloudConfig, CloudName, CloudTestResult, SetCloudConfig } from '../../../../shared/domain/cloud.ts';
import type { ErrorPayload } from '../../../../shared/errors.ts';
import type { Api } from '../../../../shared/ipc/types.ts';
import type { AppState } from '../app-store.ts';

/** Where a cloud's connection test is: running, passed (with what was checked), or failed (with why). */
export type CloudTestState =
  { status: 'running' } | { status: 'ok'; result: CloudTestResult } | { status: 'failed'; error: ErrorPayload };

/** The cloud accounts as the Settings view shows them (secrets only as saved / not set). */
export interface CloudSlice {
  cloudConfig: CloudConfig | null;
  cloudTests: Partial<Record<CloudName, CloudTestState>>;
  loadCloudConfig(): Promise<void>;
  /** Saves one cloud's settings and secrets; false (after showing the error) when refused. */
  saveCloudConfig(request: SetCloudConfig): Promise<boolean>;
  /** Tests a cloud's saved account; the result is kept per cloud (not in the error banner). */
  testCloud(cloud: CloudName): Promise<void>;
}

/** Creates the {@link CloudSlice}. */
export function createCloudSlice(api: Api): StateCreator<AppState, [], [], CloudSlice> {
  return (set, get) => ({
    cloudConfig: null,
    cloudTests: {},

    async loadCloudConfig() {
      const result = await api.invoke('cloud:get-config', {});
      if (result.ok) set({ cloudConfig: result.value });
      else get().showError(result.error);
    },

    async saveCloudConfig(request) {
      const result = await api.invoke('cloud:set-config', request);
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
      const result = await api.invoke('cloud:test', { cloud });
      const state: CloudTestState = result.ok
        ? { status: 'ok', result: result.value }
        : { status: 'failed', error: result.error };
      set({ cloudTests: { ...get().cloudTests, [cloud]: state } });
    },
  });
}
