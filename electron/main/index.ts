import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { join } from 'node:path';
import type { Settings } from '../../shared/domain/settings.ts';
import { startBackgroundWork } from '../core/background.ts';
import type { Core } from '../core/compose.ts';
import { userDataDirFromArgv } from './command-line.ts';
import { composeElectronCore } from './compose.ts';
import { isAppDocument } from './csp.ts';
import { guardSession, installAppGuards } from './hardening.ts';
import { forwardEvents, registerIpc } from './ipc.ts';
import { setupLogging } from './logging.ts';
import { buildMenuTemplate } from './menu-template.ts';
import { interruptedJobs, resumeOnStart } from './resume-on-start.ts';
import { askToResume, createDiagnosticsExporter, createSaveAsHandler } from './shell-actions.ts';
import { shellStrings } from './strings.ts';
import { isTrustedSenderUrl } from './trusted-sender.ts';
import { WINDOW_STATE_FILE } from './window-state.ts';
import { appPage, createMainWindow, RENDERER_URL } from './window.ts';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;

// Before ready: where data lives (`--user-data-dir=DIR` for tests and separate sites), the sandbox for every
// renderer, guards on every web contents, and logging (rotated, redacted) that the console goes through.
const userDataDir = userDataDirFromArgv(process.argv);
if (userDataDir) app.setPath('userData', userDataDir);
const logger = setupLogging({
  logsDir: join(app.getPath('userData'), 'logs'),
  console: true,
  captureConsole: true,
});
installAppGuards(appPage(devServerUrl), (line) => logger.warn(line));
process.on('uncaughtException', (error) => {
  logger.error('Uncaught exception', error);
  // Handling the event replaces Electron's own error dialog: show one, as it would.
  if (app.isReady()) {
    dialog.showErrorBox(
      'Face Commissioner: unexpected error',
      `${error.message}\n\nIf the app misbehaves, restart it, then send Help › Export Diagnostics to support.`,
    );
  }
});
process.on('unhandledRejection', (reason) => logger.error('Unhandled rejection', reason));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.whenReady().then(
    () => {
      logger.info(`Face Commissioner ${app.getVersion()} starting (Electron ${process.versions.electron}).`);
      const core = composeElectronCore((error) => logger.error('[core]', error));
      guardSession(
        session.defaultSession,
        (details) => isAppDocument(details, RENDERER_URL, devServerUrl),
        (line) => logger.warn(line),
      );
      // Downloads are denied (web-policy.ts): files are saved by the main process through the Save dialog.
      const handlers = { ...core.handlers, 'files:save-as': createSaveAsHandler(core, logger) };
      registerIpc(handlers, (senderUrl) => isTrustedSenderUrl(senderUrl, RENDERER_URL, devServerUrl));
      forwardEvents(core.services.bus, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
      const strings = installMenu(core);
      const openWindow = (): BrowserWindow =>
        createMainWindow({
          ...(devServerUrl ? { devServerUrl } : {}),
          statePath: join(app.getPath('userData'), WINDOW_STATE_FILE),
          log: (line) => logger.warn(line),
        });
      const window = openWindow();
      startBackgroundWork(core, (line) => logger.info(line));
      // Crash resume: removal jobs the journal still shows running were interrupted by a crash or shutdown
      // (the core does not resume them by itself in Electron: createCore's resumeJobs defaults to the host only).
      // Asked once the window shows. There is no "resume without asking" setting yet (shared/domain/settings.ts);
      // when one is added, read it in autoResume.
      const offerResume = (): void => {
        void resumeOnStart({
          listUnfinished: async () => interruptedJobs(await core.handlers['jobs:list']({ limit: 1000 })),
          resume: async (jobId) => {
            await core.handlers['jobs:resume']({ jobId });
          },
          autoResume: () => false,
          ask: (question) => askToResume(strings(), question),
          log: (line) => logger.info(line),
        });
      };
      if (window.isVisible()) offerResume();
      else window.once('show', offerResume);
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
      app.on('will-quit', () => void core.close());
    },
    (error: unknown) => {
      logger.error('Start-up failed', error);
      dialog.showErrorBox(
        'Face Commissioner could not start',
        `${error instanceof Error ? error.message : String(error)}\n\nRestart the app; if this happens again, send the log files in ${join(app.getPath('userData'), 'logs')} to support.`,
      );
      app.exit(1);
    },
  );

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

/**
 * Sets the application menu (menu-template.ts) in the settings' language, and again whenever the language
 * changes. Returns the current shell strings.
 */
function installMenu(core: Core): () => ReturnType<typeof shellStrings> {
  let language = core.services.settings.get().language;
  const strings = (): ReturnType<typeof shellStrings> => shellStrings(language);
  const exportDiagnostics = createDiagnosticsExporter({ core, logger, strings });
  const apply = (): void => {
    const template = buildMenuTemplate({
      platform: process.platform,
      isDev: !app.isPackaged,
      appName: app.getName(),
      strings: strings(),
      exportDiagnostics: () => void exportDiagnostics(),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  app.setAboutPanelOptions({ applicationName: app.getName(), applicationVersion: app.getVersion() });
  apply();
  core.services.bus.onAny((event, payload) => {
    if (event !== 'settings:changed') return;
    const next = (payload as Settings).language;
    if (next !== language) {
      language = next;
      apply();
    }
  });
  return strings;
}
