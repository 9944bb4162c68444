import { BrowserWindow, screen } from 'electron';
import { dirname, join } from 'node:path';
import { APP_INDEX_URL } from './app-protocol.ts';
import { guardWebContents, type GuardLog } from './hardening.ts';
import type { AppPage } from './web-policy.ts';
import { loadWindowState, placeWindow, saveWindowState, WINDOW_SIZES } from './window-state.ts';

/** Where the built renderer and preload live, relative to the bundled main script. */
export const RENDERER_INDEX = join(import.meta.dirname, '../renderer/index.html');
const PRELOAD_SCRIPT = join(import.meta.dirname, '../preload/index.cjs');

/** The folder of the built renderer, served as app:// (app-protocol.ts). */
export const RENDERER_DIR = dirname(RENDERER_INDEX);

/** The URL of the app's page (`app://face-commissioner/index.html`), used by the navigation and sender checks. */
export const RENDERER_URL = APP_INDEX_URL;

/** The app's own page, as the navigation guards (web-policy.ts) and the trusted-sender check know it. */
export function appPage(devServerUrl?: string): AppPage {
  return devServerUrl ? { rendererUrl: RENDERER_URL, devServerUrl } : { rendererUrl: RENDERER_URL };
}

/** How to open the main window. */
export interface MainWindowOptions {
  /** The electron-vite dev server (development builds only: launch-policy.ts); otherwise the built page (app://). */
  devServerUrl?: string;
  /** Where the window's size and position are remembered (`<userData>/window-state.json`). */
  statePath: string;
  log?: GuardLog;
}

/**
 * Creates the main window with the hardened defaults: context isolation, sandbox, no Node in the page or its
 * workers and subframes, no webview, no experimental or Blink features, web security on, safe dialogs. The
 * guards (hardening.ts) deny new windows, navigation, redirects and webviews; the session refuses permissions
 * and sends the CSP header. The window opens where it was last closed when that is still on a display.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const placement = placeWindow(loadWindowState(options.statePath), workAreas);

  const window = new BrowserWindow({
    width: placement.width,
    height: placement.height,
    ...(placement.x === undefined || placement.y === undefined ? { center: true } : { x: placement.x, y: placement.y }),
    minWidth: WINDOW_SIZES.minWidth,
    minHeight: WINDOW_SIZES.minHeight,
    show: false,
    title: 'Face Commissioner',
    webPreferences: {
      preload: PRELOAD_SCRIPT,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  guardWebContents(window.webContents, appPage(options.devServerUrl), options.log);
  if (placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const error = saveWindowState(options.statePath, {
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized(),
    });
    if (error) options.log?.(`The window position could not be saved: ${error.message}`);
  });

  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  else void window.loadURL(RENDERER_URL);
  return window;
}
