import type { Channel, Handlers } from '../../shared/ipc/types.ts';
import { fail, type Result } from '../../shared/result.ts';
import { dispatch } from '../core/ipc/dispatch.ts';

/** The answer a page gets when it is not the app's own page. */
export const FORBIDDEN_SENDER_MESSAGE = 'This page is not allowed to use the app.';

/**
 * The body of every contract channel's `ipcMain.handle` handler (ipc.ts), free of Electron so it is unit-tested:
 * a sender whose frame URL is not trusted gets a FORBIDDEN_SENDER failure and no handler runs; a trusted one is
 * validated and dispatched (dispatch.ts). Never throws: a throwing trust check counts as untrusted.
 */
export async function handleInvoke(
  handlers: Handlers,
  channel: Channel,
  payload: unknown,
  senderUrl: string,
  isTrusted: (senderUrl: string) => boolean,
): Promise<Result<unknown>> {
  let trusted: boolean;
  try {
    trusted = isTrusted(senderUrl);
  } catch {
    trusted = false;
  }
  if (!trusted) return fail({ code: 'FORBIDDEN_SENDER', message: FORBIDDEN_SENDER_MESSAGE });
  return dispatch(handlers, channel, payload);
}
