import type { AppInfo } from '../../shared/domain/app-info.ts';
import type { Handlers } from '../../shared/ipc/types.ts';
import { listIpv4Adapters } from './network/adapters.ts';
import { defaultCredentialsKey, terminalCredentialsKey, writeCredentials } from './secrets/secret-store.ts';
import type { CoreServices } from './services.ts';

/**
 * Maps every contract channel to a core service call. The `Handlers` type makes a channel without
 * a handler a compile error; every transport serves this one object.
 */
export function createHandlers(services: CoreServices, appInfo: () => AppInfo): Handlers {
  const { discovery, inventory, jobs, secrets, removal } = services;
  return {
    'app:info': async () => appInfo(),
    'settings:get': async () => services.settings.get(),
    'settings:update': async (patch) => services.settings.update(patch),
    'status:get': async () => services.status.get(),
    'network:adapters': async () => listIpv4Adapters(services.readInterfaces),
    'devices:list': async () => inventory.list(),
    'devices:add': async (request) => discovery.addByAddress(request),
    'devices:forget': async ({ serial }) => ({ forgotten: discovery.forget(serial) }),
    'devices:people': async ({ serial, pageIndex, pageSize }) => discovery.listPeople(serial, pageIndex, pageSize),
    'devices:set-credentials': async ({ target, credentials }) => {
      const key = 'serial' in target ? terminalCredentialsKey(target.serial) : defaultCredentialsKey(target.kind);
      await writeCredentials(secrets, key, credentials);
      void services.health.checkAll({ recheckCredentials: true });
      return { saved: true as const };
    },
    'discovery:start': async ({ adapters }) => discovery.startBrowsing(adapters),
    'discovery:stop': async () => discovery.stopBrowsing(),
    'discovery:state': async () => discovery.browsingState(),
    'discovery:sweep': async ({ cidr }) => {
      const { jobId, result } = discovery.sweep(cidr);
      result.catch(() => undefined);
      return { jobId };
    },
    'jobs:cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) || removal.cancel(jobId) }),
    'removal:plan': async (request) => removal.plan(request),
    'removal:start': async (request) => removal.start(request),
    'jobs:list': async ({ limit }) => removal.list(limit),
    'jobs:show': async (query) => removal.show(query),
    'jobs:pause': async ({ jobId }) => removal.pause(jobId),
    'jobs:resume': async ({ jobId }) => removal.resume(jobId),
    'jobs:retry-failed': async ({ jobId }) => removal.retryFailed(jobId),
    'jobs:export': async ({ jobId, format }) => removal.export(jobId, format),
  };
}
