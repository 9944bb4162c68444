import type { StateCreator } from 'zustand';
import type { JobProgress } from '../../../../shared/domain/job.ts';
import type { PeopleFindResult, PeopleIndexStatus } from '../../../../shared/domain/people-index.ts';
import type { Api } from '../../../../shared/ipc/types.ts';
import type { AppState } from '../app-store.ts';

/** The site people index as the "Who is where" panel shows it. */
export interface PeopleIndexState {
  status: PeopleIndexStatus | null;
  result: PeopleFindResult | null;
  searching: boolean;
  /** The running (or last) refresh job's progress. */
  refresh: JobProgress | null;
}

/** The people index: its status, search, refresh with progress (issue 17). */
export interface PeopleIndexSlice {
  peopleIndex: PeopleIndexState;
  loadPeopleIndex(): Promise<void>;
  /** Finds people by name (Chinese or pinyin), any id, or a list (people:find). */
  findPeople(query: string): Promise<void>;
  /** Starts a refresh of every trusted terminal (people:refresh); progress arrives on jobs:progress. */
  refreshPeopleIndex(): Promise<void>;
  /** Takes a `jobs:progress` event of a people-refresh job; the status is read again when it ends. */
  receivePeopleProgress(progress: JobProgress): void;
}

/** Creates the {@link PeopleIndexSlice}; failures go to the error banner. */
export function createPeopleIndexSlice(api: Api): StateCreator<AppState, [], [], PeopleIndexSlice> {
  return (set, get) => {
    const update = (patch: Partial<PeopleIndexState>) =>
      set((state) => ({ peopleIndex: { ...state.peopleIndex, ...patch } }));
    let lastQuery = '';
    return {
      peopleIndex: { status: null, result: null, searching: false, refresh: null },
      async loadPeopleIndex() {
        const result = await api.invoke('people:status', {});
        if (result.ok) update({ status: result.value });
        else get().showError(result.error);
      },
      async findPeople(query) {
        lastQuery = query;
        if (query.trim() === '') {
          update({ result: null });
          return;
        }
        update({ searching: true });
        const result = await api.invoke('people:find', { query, limit: 200 });
        if (lastQuery !== query) return;
        if (result.ok) update({ result: result.value, searching: false });
        else {
          update({ searching: false });
          get().showError(result.error);
        }
      },
      async refreshPeopleIndex() {
        const result = await api.invoke('people:refresh', {});
        if (!result.ok) {
          get().showError(result.error);
          return;
        }
        const { jobId } = result.value;
        const current = get().peopleIndex.refresh;
        if (current?.jobId !== jobId) {
          update({
            refresh: {
              jobId,
              kind: 'people-refresh',
              state: 'running',
              value: 0,
              done: 0,
              total: 0,
              counts: {},
              error: null,
            },
          });
        }
      },
      receivePeopleProgress(progress) {
        if (progress.kind !== 'people-refresh') return;
        update({ refresh: progress });
        if (progress.state !== 'running') {
          void get().loadPeopleIndex();
          if (lastQuery.trim() !== '') void get().findPeople(lastQuery);
        }
      },
    };
  };
}
