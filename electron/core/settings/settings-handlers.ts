import type { settingsChannels } from '../../../shared/ipc/contract/settings.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';
import type { CoreServices } from '../services.ts';

/** Handlers of the settings channels (shared/ipc/contract/settings.ts); spread into the handler map (handlers.ts). */
export function createSettingsHandlers(services: CoreServices): Pick<Handlers, keyof typeof settingsChannels> {
  return {
    'settings:get': async () => services.settings.get(),
    'settings:update': async (patch) => services.settings.update(patch),
  };
}
