import type { AppStatus, CloudReachability } from '../../../shared/domain/status.ts';
import type { EventBus } from '../events/event-bus.ts';
import { listIpv4Adapters, selectSiteAdapters, type InterfaceReader } from '../network/adapters.ts';
import type { SettingsService } from '../settings/settings-service.ts';

/** Builds what the status bar shows and tells the UI when it changes. */
export interface StatusService {
  get(): AppStatus;
  /** Recomputes the status and emits `status:changed`. */
  publish(): AppStatus;
  /**
   * Records what a call to `cloud` just showed (a job's request, a test, a read). With a cloud board attached
   * (the sync queue's connectivity monitor) it goes there: ONE source of each cloud's reachability, which the
   * status bar summarises and the sync queue shows per cloud (issue 18: "does not answer" beside "reachable").
   */
  setCloudReachability(cloud: string, reachability: Exclude<CloudReachability, 'unknown'>): void;
  /** Attaches the one source of the clouds' reachability; the status bar shows its summary from then on. */
  attachCloudBoard(board: CloudBoard): void;
  /** Where the queue badge's counts come from (the sync service, once it is built). */
  setOperationCounter(counter: OperationCounter): void;
}

/** The one source of the clouds' reachability (the connectivity monitor implements it). */
export interface CloudBoard {
  observe(cloud: string, outcome: 'reachable' | 'unreachable'): void;
  /** Unknown with no cloud known, unreachable when any is, else reachable. */
  overall(): CloudReachability;
}

/** Counts of the sync queue the status bar shows: waiting for a target, and needing the technician. */
export type OperationCounter = () => { queued: number; needsAttention: number };

/** Creates the {@link StatusService}; it republishes whenever the settings change. */
export function createStatusService(
  settings: SettingsService,
  bus: EventBus,
  readInterfaces?: InterfaceReader,
): StatusService {
  // Until a board is attached (a core without a sync queue), the last call's finding, whatever the cloud.
  let cloud: CloudReachability = 'unknown';
  let board: CloudBoard | null = null;
  let countOperations: OperationCounter = () => ({ queued: 0, needsAttention: 0 });

  const get = (): AppStatus => {
    const operations = countOperations();
    return {
      siteAdapters: selectSiteAdapters(listIpv4Adapters(readInterfaces), settings.get().siteAdapters),
      cloud: board ? board.overall() : cloud,
      queuedOperations: operations.queued,
      attentionOperations: operations.needsAttention,
    };
  };
  const publish = (): AppStatus => {
    const status = get();
    bus.emit('status:changed', status);
    return status;
  };

  bus.onAny((event) => {
    if (event === 'settings:changed') publish();
  });

  return {
    get,
    publish,
    setCloudReachability(which, reachability) {
      if (board) return board.observe(which, reachability);
      if (reachability === cloud) return;
      cloud = reachability;
      publish();
    },
    attachCloudBoard(attached) {
      board = attached;
      publish();
    },
    setOperationCounter(counter) {
      countOperations = counter;
    },
  };
}
