import type { AppInfo } from '../../shared/domain/app-info.ts';
import { AppError } from '../../shared/errors.ts';
import type { Handlers } from '../../shared/ipc/types.ts';
import { createCloudHandlers } from './cloud/cloud-handlers.ts';
import { createDeviceHandlers } from './inventory/device-handlers.ts';
import { listIpv4Adapters } from './network/adapters.ts';
import { parseRemovalInput } from './people-import/parse-input.ts';
import {
  defaultCredentialsKey,
  requireUnlocked,
  terminalCredentialsKey,
  writeCredentials,
} from './secrets/secret-store.ts';
import type { CoreServices } from './services.ts';

/** What `files:save-as` answers outside the desktop app (the browser host and the CLI have no Save dialog). */
export const SAVE_AS_UNAVAILABLE =
  'Saving through a Save dialog is only available in the desktop app. In the browser the file is downloaded instead: use the download button again.';

/**
 * Maps every contract channel to a core service call. The `Handlers` type makes a channel without
 * a handler a compile error; every transport serves this one object.
 */
export function createHandlers(services: CoreServices, appInfo: () => AppInfo): Handlers {
  const { discovery, inventory, jobs, secrets, removal } = services;
  // Work that sends stored credentials starts only with them open: SECRETS_LOCKED (what to do) instead of every
  // item failing as "credentials rejected" under a wrong passphrase.
  const unlocked = () => requireUnlocked(secrets);
  return {
    'app:info': async () => appInfo(),
    'settings:get': async () => services.settings.get(),
    'settings:update': async (patch) => services.settings.update(patch),
    'status:get': async () => services.status.get(),
    'network:adapters': async () => listIpv4Adapters(services.readInterfaces),
    'devices:list': async () => inventory.list(),
    'devices:forget': async ({ serial }) => ({ forgotten: discovery.forget(serial) }),
    'devices:trust': async ({ serials, address }) => discovery.trust(serials, address),
    'devices:people': async ({ serial, pageIndex, pageSize }) => discovery.listPeople(serial, pageIndex, pageSize),
    'devices:set-credentials': async ({ target, credentials }) => {
      const key = 'serial' in target ? terminalCredentialsKey(target.serial) : defaultCredentialsKey(target.kind);
      await writeCredentials(secrets, key, credentials);
      void services.health.checkAll({ recheckCredentials: true });
      return { saved: true as const };
    },
    ...createDeviceHandlers(services),
    'discovery:start': async ({ adapters }) => discovery.startBrowsing(adapters),
    'discovery:stop': async () => discovery.stopBrowsing(),
    'discovery:state': async () => discovery.browsingState(),
    'discovery:sweep': async ({ cidr }) => {
      const { jobId, result } = discovery.sweep(cidr);
      result.catch(() => undefined);
      return { jobId };
    },
    'jobs:cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) || services.jobControl.cancel(jobId) }),
    'removal:parse-input': async (request) => parseRemovalInput(request),
    'removal:plan': async (request) => removal.plan(request),
    'removal:start': async (request) => {
      await unlocked();
      return removal.start(request);
    },
    'people:status': async () => services.peopleIndex.status(),
    'people:refresh': async ({ serials }) => {
      await unlocked();
      const { jobId, result } = services.peopleIndex.refresh(serials);
      result.catch(() => undefined);
      return { jobId };
    },
    'people:find': async ({ query, limit }) => services.peopleIndex.find(query, limit),
    // Every job kind: removal jobs to the removal engine, cloud jobs to the cloud engine (cloud/jobs).
    'jobs:list': async ({ limit }) => services.jobControl.list(limit),
    'jobs:show': async (query) => services.jobControl.show(query),
    'jobs:pause': async ({ jobId }) => services.jobControl.pause(jobId),
    'jobs:resume': async ({ jobId }) => {
      await unlocked();
      return services.jobControl.resume(jobId);
    },
    'jobs:retry-failed': async ({ jobId }) => {
      await unlocked();
      return services.jobControl.retryFailed(jobId);
    },
    'jobs:export': async ({ jobId, format }) => services.jobControl.export(jobId, format),
    ...createCloudHandlers(services),
    'sync:status': async () => services.sync.status(),
    'sync:list': async (query) => services.sync.list(query),
    'sync:now': async () => {
      await unlocked();
      return services.sync.syncNow();
    },
    'sync:retry': async ({ selection }) => {
      await unlocked();
      return services.sync.retry(selection);
    },
    'sync:discard': async ({ selection }) => services.sync.discard(selection),
    'report:build': async (request) => services.report.build(request),
    // Only the Electron shell has a native Save dialog: it replaces this handler (electron/main/save-file.ts).
    'files:save-as': async () => {
      throw new AppError('CONFLICT', SAVE_AS_UNAVAILABLE);
    },
  };
}
