import type { Api, Unsubscribe } from '../../../shared/ipc/types.ts';
import type { AppStore } from './app-store.ts';

/**
 * The one place the renderer subscribes to core events and loads the initial state. Resolves once
 * the settings are known (the app is then ready to show); returns the unsubscribe function.
 */
export async function connectBridge(api: Api, store: AppStore): Promise<Unsubscribe> {
  const state = store.getState;
  const unsubscribers = [
    api.on('settings:changed', (settings) => state().receiveSettings(settings)),
    api.on('status:changed', (status) => state().receiveStatus(status)),
  ];
  const [settings, status] = await Promise.all([api.invoke('settings:get', {}), api.invoke('status:get', {})]);
  if (settings.ok) state().receiveSettings(settings.value);
  else state().showError(settings.error);
  if (status.ok) state().receiveStatus(status.value);
  else state().showError(status.error);
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
