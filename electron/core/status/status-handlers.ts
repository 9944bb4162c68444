import type { statusChannels } from '../../../shared/ipc/contract/status.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';
import { listIpv4Adapters } from '../network/adapters.ts';
import type { CoreServices } from '../services.ts';

/**
 * Handlers of the status channels (shared/ipc/contract/status.ts: the status bar and the network adapters);
 * spread into the handler map (handlers.ts).
 */
export function createStatusHandlers(services: CoreServices): Pick<Handlers, keyof typeof statusChannels> {
  return {
    'status:get': async () => services.status.get(),
    'network:adapters': async () => listIpv4Adapters(services.readInterfaces),
  };
}
