import { AppError } from '../../../shared/errors.ts';
import type { filesChannels } from '../../../shared/ipc/contract/files.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';

/** What `files:save-as` answers outside the desktop app (the browser host and the CLI have no Save dialog). */
export const SAVE_AS_UNAVAILABLE =
  'Saving through a Save dialog is only available in the desktop app. In the browser the file is downloaded instead: use the download button again.';

/**
 * Handlers of the files channels; spread into the handler map (handlers.ts). Only the Electron shell has a native
 * Save dialog: it replaces `files:save-as` (electron/main/save-file.ts).
 */
export function createFilesHandlers(): Pick<Handlers, keyof typeof filesChannels> {
  return {
    'files:save-as': async () => {
      throw new AppError('CONFLICT', SAVE_AS_UNAVAILABLE);
    },
  };
}
