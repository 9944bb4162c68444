import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_NAMES } from '../../shared/ipc/names.ts';
import type { Handlers } from '../../shared/ipc/types.ts';
import { IPC_PREFIX } from '../../shared/ipc/wire.ts';
import { fail } from '../../shared/result.ts';
import type { EventBus } from '../core/events/event-bus.ts';
import { dispatch } from '../core/ipc/dispatch.ts';

/**
 * The only place `ipcMain` is used. Registers one handler per contract channel by looping over the
 * contract; each checks the sender, then validates and dispatches. Returns a function that removes them.
 */
export function registerIpc(handlers: Handlers, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(IPC_PREFIX + channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        return fail({ code: 'FORBIDDEN_SENDER', message: 'This page is not allowed to use the app.' });
      }
      return dispatch(handlers, channel, payload);
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(IPC_PREFIX + channel);
  };
}

/** Forwards every core event to the given windows' pages as `fcom:event:<name>`. */
export function forwardEvents(bus: EventBus, targets: () => WebContents[]): () => void {
  return bus.onAny((event, payload) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(`${IPC_PREFIX}event:${event}`, payload);
    }
  });
}
