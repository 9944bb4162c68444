import type { AppInfo } from '../../shared/domain/app-info.ts';
import type { appChannels } from '../../shared/ipc/contract/app.ts';
import type { Handlers } from '../../shared/ipc/types.ts';

/** Handlers of the app channels (shared/ipc/contract/app.ts); spread into the handler map (handlers.ts). */
export function createAppHandlers(appInfo: () => AppInfo): Pick<Handlers, keyof typeof appChannels> {
  return {
    'app:info': async () => appInfo(),
  };
}
