import { ipcMain, type WebContents } from 'electron';
import { CHANNEL_NAMES } from '../../shared/ipc/names.ts';
import type { Handlers } from '../../shared/ipc/types.ts';
import { IPC_PREFIX } from '../../shared/ipc/wire.ts';
import type { EventBus } from '../core/events/event-bus.ts';
import { handleInvoke } from './ipc-invoke.ts';

/**
 * The only place `ipcMain` is used. Registers one handler per contract channel by looping over the
 * contract; each passes the sender frame's URL to {@link handleInvoke}, which refuses an untrusted sender, then
 * validates and dispatches. A frame that is gone (no `senderFrame`) counts as untrusted. Returns a function that
 * removes the handlers.
 */
export function registerIpc(handlers: Handlers, isTrustedSenderUrl: (senderUrl: string) => boolean): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(IPC_PREFIX + channel, (event, payload: unknown) =>
      handleInvoke(handlers, channel, payload, event.senderFrame?.url ?? '', isTrustedSenderUrl),
    );
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
