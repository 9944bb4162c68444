import { app, BrowserWindow, dialog } from 'electron';
import { startBackgroundWork } from '../core/background.ts';
import { composeElectronCore } from './compose.ts';
import { forwardEvents, registerIpc } from './ipc.ts';
import { isTrustedSenderUrl } from './trusted-sender.ts';
import { createMainWindow, RENDERER_URL } from './window.ts';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;

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
      const core = composeElectronCore();
      registerIpc(core.handlers, (event) =>
        isTrustedSenderUrl(event.senderFrame?.url ?? '', RENDERER_URL, devServerUrl),
      );
      forwardEvents(core.services.bus, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
      createMainWindow(devServerUrl);
      startBackgroundWork(core, (line) => console.log(line));
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createMainWindow(devServerUrl);
      });
      app.on('will-quit', () => void core.close());
    },
    (error: unknown) => {
      dialog.showErrorBox(
        'Face Commissioner could not start',
        `${error instanceof Error ? error.message : String(error)}\n\nRestart the app; if this happens again, export diagnostics and contact support.`,
      );
      app.exit(1);
    },
  );

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
