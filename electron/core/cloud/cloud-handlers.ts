import type { Handlers } from '../../../shared/ipc/types.ts';
import { requireUnlocked } from '../secrets/secret-store.ts';
import type { CoreServices } from '../services.ts';
import { testCloudConnection } from './cloud-test.ts';
import { createPermissionBrowser } from './permission-browser.ts';

/** The channels of issue 6 (cloud accounts, permission pushes, Alibaba removals). */
export type CloudChannel =
  | 'cloud:get-config'
  | 'cloud:set-config'
  | 'cloud:test'
  | 'permissions:channels'
  | 'permissions:push'
  | 'permissions:tasks'
  | 'permissions:task-detail'
  | 'permissions:retry-failed'
  | 'permissions:browse'
  | 'permissions:person'
  | 'permissions:repush-person'
  | 'cloud-removal:start';

/** Handlers of the cloud channels; spread into the handler map (handlers.ts). */
export function createCloudHandlers(services: CoreServices): Pick<Handlers, CloudChannel> {
  const { cloudConfig, cloudJobs, status } = services;
  const browser = createPermissionBrowser({ config: cloudConfig, status, push: cloudJobs.push });
  return {
    'cloud:get-config': async () => cloudConfig.get(),
    'cloud:set-config': async (request) => cloudConfig.set(request),
    'cloud:test': async ({ cloud }) => {
      const result = await testCloudConnection({ config: cloudConfig, status }, cloud);
      cloudJobs.wake(cloud);
      return result;
    },
    'permissions:channels': async () => cloudJobs.push.channels(),
    'permissions:push': async (request) => {
      await requireUnlocked(services.secrets);
      return cloudJobs.push.push(request);
    },
    'permissions:tasks': async ({ jobId }) => cloudJobs.push.tasks(jobId),
    'permissions:task-detail': async (query) => cloudJobs.push.taskDetail(query),
    'permissions:retry-failed': async ({ jobId }) => {
      await requireUnlocked(services.secrets);
      return cloudJobs.push.retryFailed(jobId);
    },
    'permissions:browse': (request) => browser.browse(request),
    'permissions:person': ({ accessAuthId }) => browser.person(accessAuthId),
    'permissions:repush-person': (request) => browser.repushPerson(request),
    'cloud-removal:start': async (request) => {
      await requireUnlocked(services.secrets);
      return cloudJobs.startRemoval(request);
    },
  };
}
