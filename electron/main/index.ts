import { app, BrowserWindow, dialog, Menu, net, protocol, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Settings } from '../../shared/domain/settings.ts';
import { startBackgroundWork } from '../core/background.ts';
import type { Core } from '../core/compose.ts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, resolveAppAsset } from './app-protocol.ts';
import { userDataDirFromArgv } from './command-line.ts';
import { composeElectronCore } from './compose.ts';
import { isAppDocument } from './csp.ts';
import { launchPolicy, refusedStartMessage } from './launch-policy.ts';
import { guardSession, installAppGuards } from './hardening.ts';
import { forwardEvents, registerIpc } from './ipc.ts';
import { setupLogging } from './logging.ts';
import { buildMenuTemplate } from './menu-template.ts';
import { createReportPdfHandler } from './report-pdf-handler.ts';
import { interruptedJobs, resumeOnStart } from './resume-on-start.ts';
import { askToResume, createDiagnosticsExporter, createSaveAsHandler } from './shell-actions.ts';
import { shellStrings } from './strings.ts';
import { isTrustedSenderUrl } from './trusted-sender.ts';
import { WINDOW_STATE_FILE } from './window-state.ts';
import { appPage, createMainWindow, RENDERER_DIR, RENDERER_URL } from './window.ts';

// A packaged build ignores ELECTRON_RENDERER_URL and refuses debugging switches (launch-policy.ts).
const launch = launchPolicy({
  isPackaged: app.isPackaged,
  rendererUrlEnv: process.env.ELECTRON_RENDERER_URL,
  hasSwitch: (name) => app.commandLine.hasSwitch(name),
  argv: process.argv,
});
const devServerUrl = launch.devServerUrl;
// The built page is served as app:// (a standard, secure origin), never file:// with extra privileges.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

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
for (const name of launch.ignored) logger.warn(`${name} is ignored in this build.`);
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

if (launch.refusedSwitches.length > 0) {
  for (const name of launch.refusedSwitches) app.commandLine.removeSwitch(name);
  const message = refusedStartMessage(launch.refusedSwitches);
  logger.error(message);
  void app.whenReady().then(() => {
    dialog.showErrorBox('Face Commissioner', message);
    app.exit(1);
  });
} else if (!app.requestSingleInstanceLock()) {
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
      protocol.handle(APP_SCHEME, (request) => {
        const file = resolveAppAsset(request.url, RENDERER_DIR);
        return file ? net.fetch(pathToFileURL(file).href) : new Response('Not found', { status: 404 });
      });
      const core = composeElectronCore((error) => logger.error('[core]', error));
      guardSession(
        session.defaultSession,
        (details) => isAppDocument(details, RENDERER_URL, devServerUrl),
        (line) => logger.warn(line),
      );
      // Downloads are denied (web-policy.ts): files are saved by the main process through the Save dialog;
      // the report's PDF is printed by a hidden window (report-pdf.ts) and saved the same way.
      const handlers = {
        ...core.handlers,
        'files:save-as': createSaveAsHandler(core, logger),
        'report:pdf': createReportPdfHandler(core, logger),
      };
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
