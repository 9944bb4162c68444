import type { devicesChannels } from '../../../shared/ipc/contract/devices.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';
import { defaultCredentialsKey, terminalCredentialsKey, writeCredentials } from '../secrets/secret-store.ts';
import type { CoreServices } from '../services.ts';
import type { DeviceActionChannel } from './device-handlers.ts';

/** The devices channels that are not the Devices view's own actions (those are in device-handlers.ts). */
export type InventoryChannel = Exclude<keyof typeof devicesChannels, DeviceActionChannel>;

/**
 * Handlers of the inventory channels: list, forget, trust, a terminal's people, credentials. Spread into the
 * handler map (handlers.ts) beside `createDeviceHandlers`.
 */
export function createInventoryHandlers(services: CoreServices): Pick<Handlers, InventoryChannel> {
  const { discovery, inventory, secrets } = services;
  return {
    'devices:list': async () => inventory.list(),
    'devices:check-all': async () => {
      await services.health.checkAll();
      return inventory.list();
    },
    'devices:forget': async ({ serial }) => ({ forgotten: discovery.forget(serial) }),
    'devices:trust': async ({ serials, address }) => discovery.trust(serials, address),
    'devices:people': async ({ serial, pageIndex, pageSize }) => discovery.listPeople(serial, pageIndex, pageSize),
    'devices:set-credentials': async ({ target, credentials }) => {
      const key = 'serial' in target ? terminalCredentialsKey(target.serial) : defaultCredentialsKey(target.kind);
      await writeCredentials(secrets, key, credentials);
      void services.health.checkAll({ recheckCredentials: true });
      return { saved: true as const };
    },
  };
}
