import { app, BrowserWindow, dialog } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Handlers } from '../../shared/ipc/types.ts';
import type { Core } from '../core/compose.ts';
import type { AppLogger } from './logging.ts';
import { saveReportAsPdf, type PdfWindow, type TempPage } from './report-pdf.ts';
import { saveBytesAs } from './save-file.ts';
import { shellStrings } from './strings.ts';
import { writeFileAtomically } from './write-atomically.ts';

/** A hidden window that only prints: no script, no preload, sandboxed, its own in-memory session. */
function openPrintWindow(): PdfWindow {
  return new BrowserWindow({
    show: false,
    webPreferences: {
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      partition: 'report-pdf',
    },
  });
}

/** The report's HTML in a private temporary folder, as a `file:` URL. */
async function writeTempPage(html: string): Promise<TempPage> {
  const folder = await mkdtemp(join(tmpdir(), 'fcom-report-pdf-'));
  const file = join(folder, 'report.html');
  await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
  return { url: pathToFileURL(file).href, remove: () => rm(folder, { recursive: true, force: true }) };
}

/**
 * `report:pdf` in the desktop app: the HTML report printed to PDF by a hidden window (report-pdf.ts), saved
 * through the native Save dialog in the UI's language. Replaces the core's handler, which refuses outside Electron.
 */
export function createReportPdfHandler(core: Core, logger: AppLogger): Handlers['report:pdf'] {
  return async (request) => {
    const result = await saveReportAsPdf(request, {
      build: (built) => core.services.report.build(built),
      openWindow: openPrintWindow,
      writeTemp: writeTempPage,
      save: (suggestedName, data) =>
        saveBytesAs({ suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }] }, data, {
          showSaveDialog: (options) => {
            const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
            return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
          },
          writeFile: (path, bytes) => writeFileAtomically(path, bytes),
          defaultFolder: app.getPath('documents'),
          title: shellStrings(core.services.settings.get().language).saveFileTitle,
        }),
    });
    if (result.outcome === 'saved') logger.info(`Saved the report as PDF (${result.bytes} bytes) to ${result.path}.`);
    if (result.outcome === 'failed')
      logger.warn(`The PDF report could not be saved (${result.problem}): ${result.detail}`);
    return result;
  };
}
