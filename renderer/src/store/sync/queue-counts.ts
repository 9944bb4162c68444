import type { AppState } from '../state/app-state.ts';

/** The sync queue's counts the app shows in more than one place (the status bar badge, the Sync view filters). */
export interface QueueCounts {
  queued: number;
  attention: number;
}

/**
 * The ONE source of the queue's counts in the renderer (issue 18: "8 operations queued" in the status bar beside
 * "Queued (11)" in the filter): the sync queue's own status (`sync:changed`, `sync:status`) once it is known, the
 * status bar's copy (`status:changed`) only before. The badge and the filters read it.
 */
export function queueCountsOf(state: Pick<AppState, 'syncStatus' | 'status'>): QueueCounts {
  if (state.syncStatus) {
    return { queued: state.syncStatus.counts.queued, attention: state.syncStatus.counts['needs-attention'] };
  }
  return { queued: state.status?.queuedOperations ?? 0, attention: state.status?.attentionOperations ?? 0 };
}
