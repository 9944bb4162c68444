import type { Api, Unsubscribe } from '../../../shared/ipc/types.ts';
import { contractApi } from '../api/contract-api.ts';
import type { AppStore } from './app-store.ts';

/**
 * The one place the renderer subscribes to core events and loads the initial state (settings, status,
 * the inventory, mDNS browsing and the adapters). Resolves once they are known (the app is then ready to
 * show); returns the unsubscribe function.
 */
export async function connectBridge(transport: Api, store: AppStore): Promise<Unsubscribe> {
  const api = contractApi(transport);
  const state = store.getState;
  const unsubscribers = [
    api.on('settings:changed', (settings) => state().receiveSettings(settings)),
    api.on('status:changed', (status) => state().receiveStatus(status)),
    api.on('devices:updated', (terminal) => state().receiveTerminal(terminal)),
    api.on('devices:removed', ({ serial }) => state().removeTerminal(serial)),
    api.on('jobs:progress', (progress) => state().receiveJobProgress(progress)),
    api.on('jobs:progress', (progress) => state().receiveRemovalProgress(progress)),
    api.on('jobs:progress', (progress) => state().receivePushProgress(progress)),
    api.on('jobs:progress', (progress) => state().receivePeopleProgress(progress)),
    api.on('sync:changed', (sync) => state().receiveSyncStatus(sync)),
  ];
  const [settings, status, terminals, browsing, adapters, sync] = await Promise.all([
    api.settings.get(),
    api.status.get(),
    api.devices.list(),
    api.discovery.state(),
    api.network.adapters(),
    api.sync.status(),
  ]);
  if (settings.ok) state().receiveSettings(settings.value);
  else state().showError(settings.error);
  if (status.ok) state().receiveStatus(status.value);
  else state().showError(status.error);
  // The queue's counts from the start, from the one source the badge and the Sync view share.
  if (sync.ok) state().receiveSyncStatus(sync.value);
  if (terminals.ok) state().receiveTerminals(terminals.value);
  else state().showError(terminals.error);
  if (browsing.ok) state().receiveBrowsing(browsing.value);
  else state().showError(browsing.error);
  if (adapters.ok) state().receiveAdapters(adapters.value);
  else state().showError(adapters.error);
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
