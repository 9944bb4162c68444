import type { AppStatus, CloudReachability } from '../../../shared/domain/status.ts';
import type { EventBus } from '../events/event-bus.ts';
import { listIpv4Adapters, selectSiteAdapters, type InterfaceReader } from '../network/adapters.ts';
import type { SettingsService } from '../settings/settings-service.ts';

/** Builds what the status bar shows and tells the UI when it changes. */
export interface StatusService {
  get(): AppStatus;
  /** Recomputes the status and emits `status:changed`. */
  publish(): AppStatus;
  /** Records the latest cloud probe result (the connectivity monitor calls this). */
  setCloudReachability(reachability: CloudReachability): void;
  /** Where the queue badge's counts come from (the sync service, once it is built). */
  setOperationCounter(counter: OperationCounter): void;
}

/** Counts of the sync queue the status bar shows: waiting for a target, and needing the technician. */
export type OperationCounter = () => { queued: number; needsAttention: number };

/** Creates the {@link StatusService}; it republishes whenever the settings change. */
export function createStatusService(
  settings: SettingsService,
  bus: EventBus,
  readInterfaces?: InterfaceReader,
): StatusService {
  let cloud: CloudReachability = 'unknown';
  let countOperations: OperationCounter = () => ({ queued: 0, needsAttention: 0 });

  const get = (): AppStatus => {
    const operations = countOperations();
    return {
      siteAdapters: selectSiteAdapters(listIpv4Adapters(readInterfaces), settings.get().siteAdapters),
      cloud,
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
    setCloudReachability(reachability) {
      if (reachability === cloud) return;
      cloud = reachability;
      publish();
    },
    setOperationCounter(counter) {
      countOperations = counter;
    },
  };
}
