import { app } from 'electron';
import { createCore, type Core } from '../core/compose.ts';

/** The Electron app's composition root: the shared core, with data under Electron's `userData`. */
export function composeElectronCore(): Core {
  return createCore({
    dataDir: app.getPath('userData'),
    target: 'electron',
    version: app.getVersion(),
    onError: (error) => console.error('[core]', error),
  });
}
