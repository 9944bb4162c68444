import type { AppInfo } from '../../shared/domain/app-info.ts';
import type { Handlers } from '../../shared/ipc/types.ts';
import { createAppHandlers } from './app-handlers.ts';
import { createCloudHandlers } from './cloud/cloud-handlers.ts';
import { createDiscoveryHandlers } from './discovery/discovery-handlers.ts';
import { createFilesHandlers } from './files/files-handlers.ts';
import { createDeviceHandlers } from './inventory/device-handlers.ts';
import { createInventoryHandlers } from './inventory/inventory-handlers.ts';
import { createJobHandlers } from './jobs/job-handlers.ts';
import { createPeopleHandlers } from './people-index/people-handlers.ts';
import { createRemovalHandlers } from './removal/removal-handlers.ts';
import { createReportHandlers } from './report/report-handlers.ts';
import type { CoreServices } from './services.ts';
import { createSettingsHandlers } from './settings/settings-handlers.ts';
import { createStatusHandlers } from './status/status-handlers.ts';
import { createSyncHandlers } from './sync/sync-handlers.ts';

export { SAVE_AS_UNAVAILABLE } from './files/files-handlers.ts';

/**
 * Maps every contract channel to a core service call, one handler factory per domain (beside its service, like
 * the contract's `shared/ipc/contract/<domain>.ts`). The `Handlers` type makes a channel without a handler a
 * compile error; every transport serves this one object.
 */
export function createHandlers(services: CoreServices, appInfo: () => AppInfo): Handlers {
  return {
    ...createAppHandlers(appInfo),
    ...createSettingsHandlers(services),
    ...createStatusHandlers(services),
    ...createInventoryHandlers(services),
    ...createDeviceHandlers(services),
    ...createDiscoveryHandlers(services),
    ...createJobHandlers(services),
    ...createRemovalHandlers(services),
    ...createPeopleHandlers(services),
    ...createCloudHandlers(services),
    ...createSyncHandlers(services),
    ...createReportHandlers(services),
    ...createFilesHandlers(),
  };
}
