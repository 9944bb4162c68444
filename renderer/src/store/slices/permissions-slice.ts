import type { StateCreator } from 'zustand';
import type { ContractApi } from '../../api/contract-api.ts';
import { countsOf } from '../jobs/job-progress.ts';
import type { AppState } from '../state/app-state.ts';
import type { OpenTask, PermissionsSlice } from '../state/permissions.ts';

/** Records fetched per page of `permissions:task-detail`. */
export const RECORD_PAGE_SIZE = 200;

/** Fewest milliseconds between two reloads of the push on progress events. */
const RELOAD_MS = 400;

/** Creates the {@link PermissionsSlice}; failures go to the error banner. */
export function createPermissionsSlice(api: ContractApi): StateCreator<AppState, [], [], PermissionsSlice> {
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  let lastReload = 0;
  return (set, get) => {
    const fetchRecords = async (open: OpenTask, offset: number): Promise<void> => {
      set({ openTask: { ...open, loading: true } });
      const result = await api.permissions.taskDetail({
        taskId: open.taskId,
        ...(open.filter === 'all' ? {} : { state: open.filter }),
        offset,
        limit: RECORD_PAGE_SIZE,
      });
      const current = get().openTask;
      if (current?.taskId !== open.taskId || current.filter !== open.filter) return;
      if (!result.ok) {
        set({ openTask: { ...current, loading: false } });
        get().showError(result.error);
        return;
      }
      const records = offset === 0 ? result.value.records : [...current.records, ...result.value.records];
      set({ openTask: { ...current, detail: result.value, records, loading: false } });
    };

    return {
      channels: null,
      channelsLoading: false,
      selectedChannels: [],
      pushMode: 'increment',
      pushCertificate: 'card+face',
      push: null,
      pushes: [],
      pushProgress: null,
      openTask: null,

      async loadChannels() {
        set({ channelsLoading: true });
        const result = await api.permissions.channels();
        set({ channelsLoading: false });
        if (!result.ok) return get().showError(result.error);
        const known = new Set(result.value.map((c) => c.id));
        set({ channels: result.value, selectedChannels: get().selectedChannels.filter((id) => known.has(id)) });
      },
      toggleChannel(id, on) {
        const rest = get().selectedChannels.filter((c) => c !== id);
        set({ selectedChannels: on ? [...rest, id] : rest });
      },
      selectAllChannels(on) {
        set({ selectedChannels: on ? (get().channels ?? []).map((c) => c.id) : [] });
      },
      setPushMode: (pushMode) => set({ pushMode }),
      setPushCertificate: (pushCertificate) => set({ pushCertificate }),

      async startPush() {
        const { selectedChannels, pushMode, pushCertificate } = get();
        const result = await api.permissions.push({
          channelIds: selectedChannels,
          mode: pushMode,
          certificate: pushCertificate,
        });
        if (!result.ok) {
          get().showError(result.error);
          return false;
        }
        set({ pushProgress: null, openTask: null });
        await Promise.all([get().loadPush(result.value.jobId), get().loadPushes()]);
        return true;
      },

      async loadPushes() {
        const result = await api.jobs.list({ limit: 200 });
        if (!result.ok) return get().showError(result.error);
        set({ pushes: result.value.filter((job) => job.kind === 'permission-push') });
      },

      async showPush(jobId) {
        if (get().push?.jobId === jobId) return;
        set({ pushProgress: null, openTask: null });
        await get().loadPush(jobId);
      },

      async loadPush(jobId) {
        lastReload = Date.now();
        const result = await api.permissions.tasks(jobId === undefined ? {} : { jobId });
        if (!result.ok) return get().showError(result.error);
        set({ push: result.value });
      },

      receivePushProgress(progress) {
        if (progress.kind !== 'permission-push') return;
        // The list keeps every push's state and counts live (a push started elsewhere joins it).
        const pushes = get().pushes;
        const at = pushes.findIndex((p) => p.id === progress.jobId);
        if (at === -1) {
          if (pushes.length > 0) void get().loadPushes();
        } else {
          const next = [...pushes];
          next[at] = { ...pushes[at]!, state: progress.state, counts: countsOf(progress), error: progress.error };
          set({ pushes: next });
        }
        const shown = get().push?.jobId;
        if (shown !== progress.jobId) return;
        set({ pushProgress: progress });
        const open = get().openTask;
        const final = progress.state !== 'running' && progress.state !== 'planned';
        if (reloadTimer) return;
        const wait = final ? 0 : Math.max(0, RELOAD_MS - (Date.now() - lastReload));
        reloadTimer = setTimeout(() => {
          reloadTimer = undefined;
          // Another push was started or opened meanwhile: its own events reload it.
          if (get().push?.jobId !== progress.jobId) return;
          void get()
            .loadPush(progress.jobId)
            .then(() => {
              const task =
                open &&
                get()
                  .push?.channels.flatMap((c) => c.tasks)
                  .find((t) => t.taskId === open.taskId);
              if (open && task?.recordsStored && open.detail?.task.recordsStored !== true) {
                void get().openTaskRecords(open.taskId, open.filter);
              }
            });
        }, wait);
      },

      async retryFailedPush() {
        const jobId = get().push?.jobId;
        if (!jobId) return;
        const result = await api.permissions.retryFailed({ jobId });
        if (!result.ok) return get().showError(result.error);
        if (result.value.jobId) {
          set({ pushProgress: null, openTask: null });
          await Promise.all([get().loadPush(result.value.jobId), get().loadPushes()]);
        }
      },

      async openTaskRecords(taskId, filter = 'all') {
        if (taskId === null) return set({ openTask: null });
        const open: OpenTask = { taskId, filter, detail: null, records: [], loading: true };
        set({ openTask: open });
        await fetchRecords(open, 0);
      },

      async loadMoreRecords() {
        const open = get().openTask;
        if (!open || open.loading || !open.detail || open.records.length >= open.detail.matching) return;
        await fetchRecords(open, open.records.length);
      },
    };
  };
}
