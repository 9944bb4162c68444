import type { jobsChannels } from '../../../shared/ipc/contract/jobs.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';
import { requireUnlocked } from '../secrets/secret-store.ts';
import type { CoreServices } from '../services.ts';

/**
 * Handlers of the jobs channels, for every job kind: the one job engine (`engine.ts`) routes each job to its kind.
 * Spread into the handler map (handlers.ts).
 */
export function createJobHandlers(services: CoreServices): Pick<Handlers, keyof typeof jobsChannels> {
  const { jobs, secrets } = services;
  return {
    'jobs:cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'jobs:list': async ({ limit }) => jobs.list(limit),
    'jobs:show': async (query) => jobs.show(query),
    'jobs:pause': async ({ jobId }) => jobs.pause(jobId),
    'jobs:resume': async ({ jobId }) => {
      await requireUnlocked(secrets);
      return jobs.resume(jobId);
    },
    'jobs:retry-failed': async ({ jobId }) => {
      await requireUnlocked(secrets);
      return jobs.retryFailed(jobId);
    },
    'jobs:export': async ({ jobId, format }) => jobs.export(jobId, format),
    // The summary read again once idle: what a waiting job's pass left, not what its last step saw.
    'jobs:wait': async ({ jobId }) => {
      await jobs.whenIdle(jobId);
      return jobs.summary(jobId);
    },
  };
}
