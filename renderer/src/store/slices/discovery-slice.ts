import type { StateCreator } from 'zustand';
import type { BrowsingState } from '../../../../shared/domain/discovery.ts';
import type { JobProgress } from '../../../../shared/domain/job.ts';
import type { NetworkAdapter } from '../../../../shared/domain/status.ts';
import type { Api } from '../../../../shared/ipc/types.ts';
import type { AppState } from '../app-store.ts';

/** Whether a job can still make progress. */
export function isJobActive(progress: JobProgress | null): boolean {
  return (
    progress !== null && (progress.state === 'planned' || progress.state === 'running' || progress.state === 'paused')
  );
}

/** How terminals are found: mDNS browsing on chosen adapters, and subnet sweeps. */
export interface DiscoverySlice {
  /** The computer's IPv4 adapters (network:adapters). */
  adapters: NetworkAdapter[];
  /** The adapters the technician ticked; null until they touch the picker (the default applies). */
  chosenAdapters: string[] | null;
  browsing: BrowsingState;
  /** The latest progress of the current (or last) subnet sweep. */
  sweep: JobProgress | null;
  receiveAdapters(adapters: NetworkAdapter[]): void;
  receiveBrowsing(browsing: BrowsingState): void;
  /** Follows `jobs:progress`; only sweeps matter here, and a running sweep is not replaced by another's events. */
  receiveJobProgress(progress: JobProgress): void;
  chooseAdapters(names: string[]): void;
  /** Starts mDNS browsing on these adapters (all site adapters when the list is empty). */
  startDiscovery(adapters: string[]): Promise<void>;
  stopDiscovery(): Promise<void>;
  /** Starts sweeping a subnet; false (after showing the error) when the core refused. */
  startSweep(cidr: string): Promise<boolean>;
  cancelSweep(): Promise<void>;
}

/** Creates the {@link DiscoverySlice}; failures go to the error banner. */
export function createDiscoverySlice(api: Api): StateCreator<AppState, [], [], DiscoverySlice> {
  return (set, get) => ({
    adapters: [],
    chosenAdapters: null,
    browsing: { browsing: false, adapters: [], serviceTypes: [] },
    sweep: null,

    receiveAdapters: (adapters) => set({ adapters }),
    receiveBrowsing: (browsing) => set({ browsing }),
    receiveJobProgress(progress) {
      if (progress.kind !== 'sweep') return;
      const current = get().sweep;
      if (current && current.jobId !== progress.jobId && isJobActive(current)) return;
      set({ sweep: progress });
    },
    chooseAdapters: (names) => set({ chosenAdapters: names }),

    async startDiscovery(adapters) {
      const result = await api.invoke('discovery:start', adapters.length > 0 ? { adapters } : {});
      if (result.ok) get().receiveBrowsing(result.value);
      else get().showError(result.error);
    },

    async stopDiscovery() {
      const result = await api.invoke('discovery:stop', {});
      if (result.ok) get().receiveBrowsing(result.value);
      else get().showError(result.error);
    },

    async startSweep(cidr) {
      const result = await api.invoke('discovery:sweep', { cidr });
      if (!result.ok) {
        get().showError(result.error);
        return false;
      }
      const { jobId } = result.value;
      // The first progress event may arrive before the answer; only fill in when it has not.
      if (get().sweep?.jobId !== jobId) {
        set({
          sweep: { jobId, kind: 'sweep', state: 'running', value: 0, done: 0, total: 0, counts: {}, error: null },
        });
      }
      return true;
    },

    async cancelSweep() {
      const sweep = get().sweep;
      if (!sweep || !isJobActive(sweep)) return;
      const result = await api.invoke('jobs:cancel', { jobId: sweep.jobId });
      if (!result.ok) get().showError(result.error);
    },
  });
}
