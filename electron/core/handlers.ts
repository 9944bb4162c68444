import type { AppInfo } from '../../shared/domain/app-info.ts';
import type { Handlers } from '../../shared/ipc/types.ts';
import { listIpv4Adapters } from './network/adapters.ts';
import type { CoreServices } from './services.ts';

/**
 * Maps every contract channel to a core service call. The `Handlers` type makes a channel without
 * a handler a compile error; every transport serves this one object.
 */
export function createHandlers(services: CoreServices, appInfo: () => AppInfo): Handlers {
  return {
    'app:info': async () => appInfo(),
    'settings:get': async () => services.settings.get(),
    'settings:update': async (patch) => services.settings.update(patch),
    'status:get': async () => services.status.get(),
    'network:adapters': async () => listIpv4Adapters(services.readInterfaces),
  };
}
