import { BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the built renderer and preload live, relative to the bundled main script. */
export const RENDERER_INDEX = join(import.meta.dirname, '../renderer/index.html');
const PRELOAD_SCRIPT = join(import.meta.dirname, '../preload/index.cjs');

/** The file URL of the app's page, used by the trusted-sender check. */
export const RENDERER_URL = pathToFileURL(RENDERER_INDEX).href;

/**
 * Creates the main window with the hardened defaults: context isolation, sandbox, no Node in the page,
 * navigation and new windows denied, every permission request refused. The page carries its own CSP.
 */
export function createMainWindow(devServerUrl?: string): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Face Commissioner',
    webPreferences: {
      preload: PRELOAD_SCRIPT,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());

  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(RENDERER_INDEX);
  return window;
}
