import { app, BrowserWindow, dialog, type SaveDialogOptions } from 'electron';
import { arch, platform, release, version } from 'node:os';
import { basename, join } from 'node:path';
import { toErrorPayload } from '../../shared/errors.ts';
import type { Handlers } from '../../shared/ipc/types.ts';
import type { Core } from '../core/compose.ts';
import { exportDiagnostics, MAX_LOG_CHARS, type DiagnosticsInput } from './diagnostics.ts';
import { readTail } from './log-files.ts';
import type { AppLogger } from './logging.ts';
import { describeUnfinished, type ResumeQuestion } from './resume-on-start.ts';
import { saveFileAs } from './save-file.ts';
import { shellStrings, type ShellStrings } from './strings.ts';
import { writeFileAtomically } from './write-atomically.ts';

/** What the native actions need from the running app. */
export interface ShellContext {
  core: Core;
  logger: AppLogger;
  strings: () => ShellStrings;
}

function focusedWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
}

/** Gathers what the diagnostics bundle is made from: versions, OS, settings, inventory and the log files. */
export async function collectDiagnostics(context: ShellContext): Promise<DiagnosticsInput> {
  const logs: DiagnosticsInput['logs'][number][] = [];
  for (const path of context.logger.files()) {
    const tail = await readTail(path, MAX_LOG_CHARS);
    if (tail) logs.push({ name: basename(path), ...tail });
  }
  return {
    generatedAt: new Date(),
    app: {
      name: app.getName(),
      version: app.getVersion(),
      packaged: app.isPackaged,
      dataDir: app.getPath('userData'),
    },
    versions: process.versions,
    os: { platform: platform(), arch: arch(), release: release(), version: version(), locale: app.getLocale() },
    settings: context.core.services.settings.get(),
    terminals: context.core.services.inventory.list(),
    logs,
  };
}

/**
 * Help › Export Diagnostics: asks where to save (a native save dialog, Documents by default), writes the
 * redacted bundle there and says where it went; a failure is logged and shown, never thrown.
 */
export function createDiagnosticsExporter(context: ShellContext): () => Promise<void> {
  return async () => {
    const strings = context.strings();
    try {
      const saved = await exportDiagnostics({
        collect: () => collectDiagnostics(context),
        chooseSavePath: async (suggestedName) => {
          const options: SaveDialogOptions = {
            title: strings.exportDiagnosticsTitle,
            defaultPath: join(app.getPath('documents'), suggestedName),
            filters: [{ name: 'JSON', extensions: ['json'] }],
            properties: ['createDirectory', 'showOverwriteConfirmation'],
          };
          const window = focusedWindow();
          const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
          return result.canceled ? undefined : result.filePath;
        },
        writeFile: (path, content) => writeFileAtomically(path, new TextEncoder().encode(content)),
        now: () => new Date(),
      });
      if (!saved) return;
      context.logger.info(`Diagnostics exported to ${saved}.`);
      const message = { type: 'info' as const, message: strings.exportDiagnosticsDone(saved) };
      const window = focusedWindow();
      await (window ? dialog.showMessageBox(window, message) : dialog.showMessageBox(message));
    } catch (error) {
      context.logger.error('Diagnostics export failed', error);
      dialog.showErrorBox(strings.exportDiagnosticsFailed, toErrorPayload(error).message);
    }
  };
}

/**
 * `files:save-as` in the desktop app (downloads are denied by web-policy.ts): the native Save dialog over the
 * app's window, in the UI's language, then the write (save-file.ts has the rules). Replaces the core's
 * handler, which refuses outside Electron.
 */
export function createSaveAsHandler(core: Core, logger: AppLogger): Handlers['files:save-as'] {
  return async (request) => {
    const result = await saveFileAs(request, {
      showSaveDialog: (options) => {
        const window = focusedWindow();
        return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
      },
      writeFile: (path, data) => writeFileAtomically(path, data),
      defaultFolder: app.getPath('documents'),
      title: shellStrings(core.services.settings.get().language).saveFileTitle,
    });
    if (result.outcome === 'saved') logger.info(`Saved ${result.bytes} bytes to ${result.path}.`);
    if (result.outcome === 'failed') logger.warn(`A file could not be saved (${result.problem}): ${result.detail}`);
    return result;
  };
}

/** The native question of resume-on-start: one dialog listing the unfinished jobs; Resume is the default. */
export async function askToResume(strings: ShellStrings, question: ResumeQuestion): Promise<boolean> {
  const options = {
    type: 'question' as const,
    title: strings.resumeTitle,
    message: strings.resumeMessage(question.jobs.length),
    detail: strings.resumeDetail(describeUnfinished(question.jobs)),
    buttons: [strings.resumeNow, strings.resumeLater],
    defaultId: 0,
    cancelId: 1,
  };
  const window = focusedWindow();
  const result = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return result.response === 0;
}
