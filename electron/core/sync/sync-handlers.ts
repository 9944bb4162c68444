import type { syncChannels } from '../../../shared/ipc/contract/sync.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';
import { requireUnlocked } from '../secrets/secret-store.ts';
import type { CoreServices } from '../services.ts';

/** Handlers of the sync queue channels; spread into the handler map (handlers.ts). */
export function createSyncHandlers(services: CoreServices): Pick<Handlers, keyof typeof syncChannels> {
  const { sync, secrets } = services;
  return {
    'sync:status': async () => sync.status(),
    'sync:list': async (query) => sync.list(query),
    'sync:now': async () => {
      await requireUnlocked(secrets);
      return sync.syncNow();
    },
    'sync:retry': async ({ selection }) => {
      await requireUnlocked(secrets);
      return sync.retry(selection);
    },
    'sync:discard': async ({ selection }) => sync.discard(selection),
    'sync:wait': async () => {
      await sync.whenIdle();
      return { idle: true as const };
    },
  };
}
