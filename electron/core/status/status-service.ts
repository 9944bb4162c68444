import type { AppStatus, CloudReachability } from '../../../shared/domain/status.ts';
import type { Database } from '../db/database.ts';
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
}

/** Creates the {@link StatusService}; it republishes whenever the settings change. */
export function createStatusService(
  db: Database,
  settings: SettingsService,
  bus: EventBus,
  readInterfaces?: InterfaceReader,
): StatusService {
  let cloud: CloudReachability = 'unknown';
  const countQueued = db.sqlite.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'queued'");

  const get = (): AppStatus => ({
    siteAdapters: selectSiteAdapters(listIpv4Adapters(readInterfaces), settings.get().siteAdapters),
    cloud,
    queuedOperations: (countQueued.get() as { n: number }).n,
  });
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
  };
}
