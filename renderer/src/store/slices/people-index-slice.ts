import type { StateCreator } from 'zustand';
import type { ContractApi } from '../../api/contract-api.ts';
import type { AppState } from '../state/app-state.ts';
import type { PeopleIndexState, PeopleIndexSlice } from '../state/people-index.ts';

/** Creates the {@link PeopleIndexSlice}; failures go to the error banner. */
export function createPeopleIndexSlice(api: ContractApi): StateCreator<AppState, [], [], PeopleIndexSlice> {
  return (set, get) => {
    const update = (patch: Partial<PeopleIndexState>) =>
      set((state) => ({ peopleIndex: { ...state.peopleIndex, ...patch } }));
    let lastQuery = '';
    return {
      peopleIndex: { status: null, result: null, searching: false, refresh: null },
      async loadPeopleIndex() {
        const result = await api.people.status();
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
        const result = await api.people.find({ query, limit: 200 });
        if (lastQuery !== query) return;
        if (result.ok) update({ result: result.value, searching: false });
        else {
          update({ searching: false });
          get().showError(result.error);
        }
      },
      async refreshPeopleIndex() {
        const result = await api.people.refresh();
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
      async cancelPeopleRefresh() {
        const running = get().peopleIndex.refresh;
        if (running?.state !== 'running') return;
        const result = await api.jobs.cancel({ jobId: running.jobId });
        if (!result.ok) get().showError(result.error);
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
