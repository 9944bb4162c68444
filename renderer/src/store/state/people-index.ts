import type { JobProgress } from '../../../../shared/domain/job.ts';
import type { PeopleFindResult, PeopleIndexStatus } from '../../../../shared/domain/people-index.ts';

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
  /** Cancels the running refresh (jobs:cancel): terminals not read completely keep the index they had. */
  cancelPeopleRefresh(): Promise<void>;
  /** Takes a `jobs:progress` event of a people-refresh job; the status is read again when it ends. */
  receivePeopleProgress(progress: JobProgress): void;
}
