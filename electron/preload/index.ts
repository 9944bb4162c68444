import { contextBridge, ipcRenderer } from 'electron';
import { isChannel, isEventName } from '../../shared/ipc/names.ts';
import type { Api } from '../../shared/ipc/types.ts';
import { IPC_PREFIX } from '../../shared/ipc/wire.ts';

/**
 * The only place `ipcRenderer` is used. Exposes exactly the contract as `window.api`: `invoke` for
 * contract channels and `on` for contract events; any other name is refused before anything is sent.
 * `platform: 'electron'` tells the renderer that files are saved through the main process's Save dialog.
 */
const api: Api = {
  platform: 'electron',
  invoke(channel, request) {
    if (!isChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${String(channel)}.` },
      });
    }
    return ipcRenderer.invoke(IPC_PREFIX + channel, request);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}.`);
    const channel = `${IPC_PREFIX}event:${event}`;
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
