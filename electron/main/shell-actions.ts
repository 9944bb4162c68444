import { app, BrowserWindow, dialog, type SaveDialogOptions } from 'electron';
import { writeFile } from 'node:fs/promises';
import { arch, platform, release, version } from 'node:os';
import { basename, join } from 'node:path';
import { toErrorPayload } from '../../shared/errors.ts';
import type { Core } from '../core/compose.ts';
import { exportDiagnostics, MAX_LOG_CHARS, type DiagnosticsInput } from './diagnostics.ts';
import { readTail } from './log-files.ts';
import type { AppLogger } from './logging.ts';
import { describeUnfinished, type ResumeQuestion } from './resume-on-start.ts';
import type { ShellStrings } from './strings.ts';

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
        writeFile: (path, content) => writeFile(path, content, 'utf8'),
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
