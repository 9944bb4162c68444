import type { peopleChannels } from '../../../shared/ipc/contract/people.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';
import { requireUnlocked } from '../secrets/secret-store.ts';
import type { CoreServices } from '../services.ts';

/** Handlers of the site people index channels (status, refresh, find); spread into the handler map (handlers.ts). */
export function createPeopleHandlers(services: CoreServices): Pick<Handlers, keyof typeof peopleChannels> {
  const { peopleIndex, secrets } = services;
  return {
    'people:status': async () => peopleIndex.status(),
    'people:refresh': async ({ serials, wait }) => {
      await requireUnlocked(secrets);
      const { jobId, result } = peopleIndex.refresh(serials);
      if (wait) return { jobId, results: await result };
      result.catch(() => undefined);
      return { jobId };
    },
    'people:find': async ({ query, limit }) => peopleIndex.find(query, limit),
  };
}
