import type { removalChannels } from '../../../shared/ipc/contract/removal.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';
import { requireUnlocked } from '../secrets/secret-store.ts';
import type { CoreServices } from '../services.ts';

/** Handlers of the bulk removal channels (the list as a draft in the core, its pages, plan, start); spread into the handler map (handlers.ts). */
export function createRemovalHandlers(services: CoreServices): Pick<Handlers, keyof typeof removalChannels> {
  // The list lives in the core as a draft; a plan of it has an id; start runs exactly that plan (removal-drafts).
  const { removalDrafts: drafts, secrets } = services;
  return {
    'removal:parse-input': async (request) => drafts.read(request),
    'removal:draft-pick': async (request) => drafts.pick(request),
    'removal:draft-edit': async (request) => drafts.edit(request),
    'removal:draft-page': async (request) => drafts.page(request),
    'removal:plan': async (request) => drafts.plan(request),
    'removal:start': async ({ planId }) => {
      // Work that sends stored credentials starts only with them open: SECRETS_LOCKED (what to do) instead of
      // every item failing as "credentials rejected" under a wrong passphrase.
      await requireUnlocked(secrets);
      return drafts.start(planId);
    },
    'removal:cloud-start': async (request) => {
      await requireUnlocked(secrets);
      return drafts.cloudStart(request);
    },
  };
}
