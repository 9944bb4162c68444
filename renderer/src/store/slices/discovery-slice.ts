import type { StateCreator } from 'zustand';
import type { JobProgress } from '../../../../shared/domain/job.ts';
import type { ContractApi } from '../../api/contract-api.ts';
import type { AppState } from '../state/app-state.ts';
import type { DiscoverySlice } from '../state/discovery.ts';

/** Whether a job can still make progress. */
export function isJobActive(progress: JobProgress | null): boolean {
  return (
    progress !== null && (progress.state === 'planned' || progress.state === 'running' || progress.state === 'paused')
  );
}

/** Creates the {@link DiscoverySlice}; failures go to the error banner. */
export function createDiscoverySlice(api: ContractApi): StateCreator<AppState, [], [], DiscoverySlice> {
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
      const result = await api.discovery.start(adapters.length > 0 ? { adapters } : {});
      if (result.ok) get().receiveBrowsing(result.value);
      else get().showError(result.error);
    },

    async stopDiscovery() {
      const result = await api.discovery.stop();
      if (result.ok) get().receiveBrowsing(result.value);
      else get().showError(result.error);
    },

    async startSweep(cidr) {
      const result = await api.discovery.sweep({ cidr });
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
      const result = await api.jobs.cancel({ jobId: sweep.jobId });
      if (!result.ok) get().showError(result.error);
    },
  });
}
