import type { discoveryChannels } from '../../../shared/ipc/contract/discovery.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';
import type { CoreServices } from '../services.ts';

/** Handlers of the discovery channels (mDNS browsing, subnet sweeps); spread into the handler map (handlers.ts). */
export function createDiscoveryHandlers(services: CoreServices): Pick<Handlers, keyof typeof discoveryChannels> {
  const { discovery } = services;
  return {
    'discovery:start': async ({ adapters }) => discovery.startBrowsing(adapters),
    'discovery:stop': async () => discovery.stopBrowsing(),
    'discovery:state': async () => discovery.browsingState(),
    'discovery:settle': async () => {
      await discovery.settle();
      return { settled: true as const };
    },
    'discovery:sweep': async ({ cidr, wait }) => {
      const { jobId, result } = discovery.sweep(cidr);
      if (wait) return { jobId, terminals: await result };
      result.catch(() => undefined);
      return { jobId };
    },
  };
}
