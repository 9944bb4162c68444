import type { StateCreator } from 'zustand';
import type { JobProgress } from '../../../../shared/domain/job.ts';
import type {
  CertificatePolicyName,
  ChannelView,
  IssueModeName,
  PersonRecord,
  PushTasks,
  RecordStateName,
  TaskDetail,
} from '../../../../shared/domain/permissions.ts';
import type { Api } from '../../../../shared/ipc/types.ts';
import type { AppState } from '../app-store.ts';

/** Records fetched per page of `permissions:task-detail`. */
export const RECORD_PAGE_SIZE = 200;

/** Fewest milliseconds between two reloads of the push on progress events. */
const RELOAD_MS = 400;

/** The open task: its detail (counts, breakdown) and the records loaded so far. */
export interface OpenTask {
  taskId: string;
  filter: RecordStateName | 'all';
  detail: TaskDetail | null;
  records: PersonRecord[];
  loading: boolean;
}

/** The Permissions view: channels and their selection, the push form, the current push and its tasks. */
export interface PermissionsSlice {
  channels: ChannelView[] | null;
  channelsLoading: boolean;
  selectedChannels: string[];
  pushMode: IssueModeName;
  pushCertificate: CertificatePolicyName;
  /** The push shown (the newest, or the one just started), with its channels and tasks. */
  push: PushTasks | null;
  pushProgress: JobProgress | null;
  openTask: OpenTask | null;
  loadChannels(): Promise<void>;
  toggleChannel(id: string, on: boolean): void;
  selectAllChannels(on: boolean): void;
  setPushMode(mode: IssueModeName): void;
  setPushCertificate(certificate: CertificatePolicyName): void;
  /** Starts a push of the selected channels; false (after showing the error) when refused. */
  startPush(): Promise<boolean>;
  /** Loads a push (default: the newest) with its channels and tasks. */
  loadPush(jobId?: string): Promise<void>;
  /** Follows `jobs:progress` of the push shown: keeps the progress and reloads its tasks (throttled). */
  receivePushProgress(progress: JobProgress): void;
  retryFailedPush(): Promise<void>;
  /** Opens a task's records (null closes), from the first page, with a state filter. */
  openTaskRecords(taskId: string | null, filter?: RecordStateName | 'all'): Promise<void>;
  /** Loads the next page of the open task's records. */
  loadMoreRecords(): Promise<void>;
}

/** Creates the {@link PermissionsSlice}; failures go to the error banner. */
export function createPermissionsSlice(api: Api): StateCreator<AppState, [], [], PermissionsSlice> {
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  let lastReload = 0;
  return (set, get) => {
    const fetchRecords = async (open: OpenTask, offset: number): Promise<void> => {
      set({ openTask: { ...open, loading: true } });
      const result = await api.invoke('permissions:task-detail', {
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
      pushProgress: null,
      openTask: null,

      async loadChannels() {
        set({ channelsLoading: true });
        const result = await api.invoke('permissions:channels', {});
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
        const result = await api.invoke('permissions:push', {
          channelIds: selectedChannels,
          mode: pushMode,
          certificate: pushCertificate,
        });
        if (!result.ok) {
          get().showError(result.error);
          return false;
        }
        set({ pushProgress: null, openTask: null });
        await get().loadPush(result.value.jobId);
        return true;
      },

      async loadPush(jobId) {
        lastReload = Date.now();
        const result = await api.invoke('permissions:tasks', jobId === undefined ? {} : { jobId });
        if (!result.ok) return get().showError(result.error);
        set({ push: result.value });
      },

      receivePushProgress(progress) {
        if (progress.kind !== 'permission-push') return;
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
        const result = await api.invoke('permissions:retry-failed', { jobId });
        if (!result.ok) return get().showError(result.error);
        if (result.value.jobId) {
          set({ pushProgress: null, openTask: null });
          await get().loadPush(result.value.jobId);
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
