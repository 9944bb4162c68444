import type { StateCreator } from 'zustand';
import type { JobKind } from '../../../../shared/domain/job.ts';
import type { ItemFilter, JobSummary } from '../../../../shared/domain/removal.ts';
import type { ContractApi } from '../../api/contract-api.ts';
import type { Result } from '../../../../shared/result.ts';
import type { AppState } from '../state/app-state.ts';
import { endpointOf } from '../devices/terminal-table.ts';
import { countsOf } from '../jobs/job-progress.ts';
import { freshView, JOB_PAGE_SIZE, type JobView } from '../jobs/job-view.ts';
import type { JobsSlice } from '../state/jobs.ts';

export { JOB_PAGE_SIZE, type JobItemsPage, type JobView } from '../jobs/job-view.ts';

/**
 * Kinds of job the Jobs view lists (one job history, issue 18): removals from terminals and from Alibaba Cloud,
 * and Tuya permission pushes. Sweeps and people refreshes are transient: shown where they run.
 */
export const LISTED_JOB_KINDS: ReadonlySet<JobKind> = new Set<JobKind>(['remove', 'aliyun-removal', 'permission-push']);

/** Kinds whose work goes to a cloud (their queued items wait for it, not for a terminal). */
const CLOUD_OF: Partial<Record<JobKind, 'tuya' | 'aliyun'>> = { 'aliyun-removal': 'aliyun', 'permission-push': 'tuya' };

/** Creates the {@link JobsSlice}; reads and actions go through the contract, failures to the error banner. */
export function createJobsSlice(api: ContractApi): StateCreator<AppState, [], [], JobsSlice> {
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
      const result = await api.jobs.show({
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
      // A push: its channels with their tasks and failures (the detail view of a push).
      const push = result.value.job.kind === 'permission-push' ? await api.permissions.tasks({ jobId }) : null;
      if (push && !push.ok) get().showError(push.error);
      const current = get().jobView;
      if (!sameView(current, jobId, filter)) return;
      set({ jobPush: push?.ok ? push.value : null });
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
      jobPush: null,

      async loadJobs() {
        const result = await api.jobs.list({ limit: 200 });
        if (!result.ok) {
          get().showError(result.error);
          return;
        }
        set({ jobList: result.value.filter((job) => LISTED_JOB_KINDS.has(job.kind)), jobsLoaded: true });
      },

      async openJob(jobId) {
        set({ jobView: jobId === null ? null : freshView(jobId, null), jobPush: null });
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
          void api.jobs
            .show({
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
        const summary = await act((jobId) => api.jobs.pause({ jobId }));
        if (summary) upsert(summary);
      },
      async resumeJob() {
        const summary = await act((jobId) => api.jobs.resume({ jobId }));
        if (summary) upsert(summary);
      },
      async tryQueuedNow() {
        const jobId = get().jobView?.jobId;
        const kind = get().jobList.find((job) => job.id === jobId)?.kind;
        const cloud = kind === undefined ? undefined : CLOUD_OF[kind];
        if (cloud) {
          // A successful connection test ends the job's wait for the cloud at once (the core resumes it).
          const tested = await api.cloud.test({ cloud });
          if (!tested.ok) get().showError(tested.error);
          await get().refreshJob();
          return;
        }
        const waiting = (get().jobView?.terminals ?? []).filter((entry) => entry.counts.queued > 0);
        for (const entry of waiting) {
          const terminal = get().terminals[entry.serial];
          if (!terminal || terminal.kind === 'unknown') continue;
          const probed = await api.devices.add({ address: endpointOf(terminal), kind: terminal.kind });
          if (probed.ok) get().receiveTerminal(probed.value);
          else get().showError(probed.error);
        }
        await get().refreshJob();
      },
      async cancelJob() {
        await act((jobId) => api.jobs.cancel({ jobId }));
        await get().refreshJob();
      },
      async retryFailedItems() {
        const answer = await act((jobId) => api.jobs.retryFailed({ jobId }));
        if (!answer) return null;
        await get().refreshJob();
        return answer.retried;
      },
      async exportJobReport(format) {
        return act((jobId) => api.jobs.export({ jobId, format }));
      },
    };
  };
}
