import type { StateCreator } from 'zustand';
import type { JobKind, JobProgress } from '../../../../shared/domain/job.ts';
import type { ExportFormat, ItemFilter, JobExport, JobSummary } from '../../../../shared/domain/removal.ts';
import type { Api } from '../../../../shared/ipc/types.ts';
import type { Result } from '../../../../shared/result.ts';
import type { AppState } from '../app-store.ts';
import { endpointOf } from '../devices/terminal-table.ts';
import { countsOf } from '../jobs/job-progress.ts';
import { freshView, JOB_PAGE_SIZE, type JobView } from '../jobs/job-view.ts';

export { JOB_PAGE_SIZE, type JobItemsPage, type JobView } from '../jobs/job-view.ts';

/** Kinds of job the Jobs view lists: removals from terminals and from Alibaba Cloud (both started by the wizard). */
export const LISTED_JOB_KINDS: ReadonlySet<JobKind> = new Set<JobKind>(['remove', 'aliyun-removal']);

/** The removal jobs (terminals and Alibaba Cloud): their list with live counts, and the selected one. */
export interface JobsSlice {
  /** Newest first (jobs:list), with state and counts kept live by `jobs:progress`. */
  jobList: JobSummary[];
  jobsLoaded: boolean;
  jobView: JobView | null;
  loadJobs(): Promise<void>;
  /** Selects a job (null: none) and reads its counts and first page. */
  openJob(jobId: string | null): Promise<void>;
  setJobFilter(filter: ItemFilter | null): Promise<void>;
  /** Reads the selected job again (counts per terminal, matching, first page); calls made meanwhile coalesce. */
  refreshJob(): Promise<void>;
  /** Reads the pages (by index) that are missing or older than the view, unless already asked for. */
  ensureJobPages(pageIndices: readonly number[]): void;
  /** Follows `jobs:progress`: live counts in the list, and the selected job read again. */
  receiveRemovalProgress(progress: JobProgress): void;
  pauseJob(): Promise<void>;
  resumeJob(): Promise<void>;
  /**
   * Probes the terminals the selected job's queued items wait for (devices:add again, by address): one that
   * answers is online again, and the core runs its queued items by itself. One that does not answer is
   * explained in the error banner. An Alibaba job: tests the cloud, which resumes its queued items.
   */
  tryQueuedNow(): Promise<void>;
  cancelJob(): Promise<void>;
  /** Sends the selected job's failed items again; how many, or null after an error. */
  retryFailedItems(): Promise<number | null>;
  exportJobReport(format: ExportFormat): Promise<JobExport | null>;
}

/** Creates the {@link JobsSlice}; reads and actions go through the contract, failures to the error banner. */
export function createJobsSlice(api: Api): StateCreator<AppState, [], [], JobsSlice> {
  let refreshing: Promise<void> | null = null;
  let again = false;
  const inFlight = new Set<string>();

  return (set, get) => {
    const sameView = (view: JobView | null, jobId: string, filter: ItemFilter | null): view is JobView =>
      view !== null && view.jobId === jobId && view.filter === filter;

    const upsert = (summary: JobSummary) =>
      set((state) => {
        const at = state.jobList.findIndex((job) => job.id === summary.id);
        if (at === -1) return { jobList: [summary, ...state.jobList] };
        const jobList = [...state.jobList];
        jobList[at] = summary;
        return { jobList };
      });

    const readOnce = async (): Promise<void> => {
      const view = get().jobView;
      if (!view) return;
      const { jobId, filter } = view;
      const result = await api.invoke('jobs:show', {
        jobId,
        ...(filter ? { outcome: filter } : {}),
        offset: 0,
        limit: JOB_PAGE_SIZE,
      });
      if (!result.ok) {
        get().showError(result.error);
        return;
      }
      upsert(result.value.job);
      const current = get().jobView;
      if (!sameView(current, jobId, filter)) return;
      const version = current.version + 1;
      set({
        jobView: {
          ...current,
          terminals: result.value.terminals,
          matching: result.value.matching,
          pages: { ...current.pages, 0: { items: result.value.items, version } },
          version,
        },
      });
    };

    const act = async <T>(run: (jobId: string) => Promise<Result<T>>): Promise<T | null> => {
      const jobId = get().jobView?.jobId;
      if (!jobId) return null;
      const result = await run(jobId);
      if (!result.ok) {
        get().showError(result.error);
        return null;
      }
      return result.value;
    };

    return {
      jobList: [],
      jobsLoaded: false,
      jobView: null,

      async loadJobs() {
        const result = await api.invoke('jobs:list', { limit: 200 });
        if (!result.ok) {
          get().showError(result.error);
          return;
        }
        set({ jobList: result.value.filter((job) => LISTED_JOB_KINDS.has(job.kind)), jobsLoaded: true });
      },

      async openJob(jobId) {
        set({ jobView: jobId === null ? null : freshView(jobId, null) });
        if (jobId === null) return;
        if (!get().jobList.some((job) => job.id === jobId)) await get().loadJobs();
        await get().refreshJob();
      },

      async setJobFilter(filter) {
        const view = get().jobView;
        if (!view || view.filter === filter) return;
        set({ jobView: { ...freshView(view.jobId, filter), terminals: view.terminals } });
        await get().refreshJob();
      },

      refreshJob() {
        if (refreshing) {
          again = true;
          return refreshing;
        }
        refreshing = (async () => {
          do {
            again = false;
            await readOnce();
          } while (again);
        })().finally(() => {
          refreshing = null;
        });
        return refreshing;
      },

      ensureJobPages(pageIndices) {
        const view = get().jobView;
        if (!view || view.matching === null) return;
        const { jobId, filter, version } = view;
        for (const index of pageIndices) {
          if (index < 0 || index * JOB_PAGE_SIZE >= view.matching) continue;
          if ((view.pages[index]?.version ?? -1) >= version) continue;
          const key = `${jobId}|${filter ?? ''}|${index}|${version}`;
          if (inFlight.has(key)) continue;
          inFlight.add(key);
          void api
            .invoke('jobs:show', {
              jobId,
              ...(filter ? { outcome: filter } : {}),
              offset: index * JOB_PAGE_SIZE,
              limit: JOB_PAGE_SIZE,
            })
            .then((result) => {
              inFlight.delete(key);
              const current = get().jobView;
              if (!result.ok) {
                get().showError(result.error);
                return;
              }
              if (!sameView(current, jobId, filter)) return;
              if ((current.pages[index]?.version ?? -1) > version) return;
              set({
                jobView: { ...current, pages: { ...current.pages, [index]: { items: result.value.items, version } } },
              });
            });
        }
      },

      receiveRemovalProgress(progress) {
        if (!LISTED_JOB_KINDS.has(progress.kind)) return;
        const known = get().jobList.find((job) => job.id === progress.jobId);
        if (known) {
          upsert({ ...known, state: progress.state, counts: countsOf(progress), error: progress.error });
        } else if (get().jobsLoaded) {
          void get().loadJobs();
        }
        if (get().jobView?.jobId === progress.jobId) void get().refreshJob();
      },

      async pauseJob() {
        const summary = await act((jobId) => api.invoke('jobs:pause', { jobId }));
        if (summary) upsert(summary);
      },
      async resumeJob() {
        const summary = await act((jobId) => api.invoke('jobs:resume', { jobId }));
        if (summary) upsert(summary);
      },
      async tryQueuedNow() {
        const jobId = get().jobView?.jobId;
        if (get().jobList.find((job) => job.id === jobId)?.kind === 'aliyun-removal') {
          // A successful connection test ends the job's wait for the cloud at once (the core resumes it).
          const tested = await api.invoke('cloud:test', { cloud: 'aliyun' });
          if (!tested.ok) get().showError(tested.error);
          await get().refreshJob();
          return;
        }
        const waiting = (get().jobView?.terminals ?? []).filter((entry) => entry.counts.queued > 0);
        for (const entry of waiting) {
          const terminal = get().terminals[entry.serial];
          if (!terminal || terminal.kind === 'unknown') continue;
          const probed = await api.invoke('devices:add', { address: endpointOf(terminal), kind: terminal.kind });
          if (probed.ok) get().receiveTerminal(probed.value);
          else get().showError(probed.error);
        }
        await get().refreshJob();
      },
      async cancelJob() {
        await act((jobId) => api.invoke('jobs:cancel', { jobId }));
        await get().refreshJob();
      },
      async retryFailedItems() {
        const answer = await act((jobId) => api.invoke('jobs:retry-failed', { jobId }));
        if (!answer) return null;
        await get().refreshJob();
        return answer.retried;
      },
      async exportJobReport(format) {
        return act((jobId) => api.invoke('jobs:export', { jobId, format }));
      },
    };
  };
}
