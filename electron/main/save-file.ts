import { extname, isAbsolute, join } from 'node:path';
import { MAX_SAVE_BYTES, type SaveFileResult } from '../../shared/domain/files.ts';
import type { ParsedRequestOf } from '../../shared/ipc/types.ts';

/** The request of `files:save-as` after validation (filters defaulted). */
export type SaveFileInput = ParsedRequestOf<'files:save-as'>;

/** What the native Save dialog is asked (the subset of Electron's `SaveDialogOptions` used here). */
export interface SaveDialogRequest {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation')[];
}

/** What the native Save dialog answers (Electron's `SaveDialogReturnValue`). */
export interface SaveDialogAnswer {
  canceled: boolean;
  filePath?: string;
}

/** What {@link saveFileAs} needs, injected so it is tested with fakes (no Electron, no real disk). */
export interface SaveFileDeps {
  /** Electron's `dialog.showSaveDialog`, bound to the app's window. */
  showSaveDialog(request: SaveDialogRequest): Promise<SaveDialogAnswer>;
  /** Writes the bytes at the path the user chose (`fs.promises.writeFile`). */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** The folder the dialog opens in (Documents). */
  defaultFolder: string;
  /** The dialog's title, in the UI's language. */
  title: string;
  /** Largest file written, in bytes (default {@link MAX_SAVE_BYTES}). */
  maxBytes?: number;
}

const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const FALLBACK_NAME = 'export.txt';

/**
 * A name safe to suggest on every file system: the last segment of whatever was asked (never a folder: the
 * folder is the user's choice in the dialog), without control characters or `< > : " / \ | ? *`, without
 * leading or trailing dots and spaces, at most 120 characters (the extension kept), not a reserved Windows name.
 */
export function safeFileName(suggested: string): string {
  const last = suggested.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  let name = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  if (name.length > 120) {
    const extension = extname(name).slice(0, 11);
    name = name.slice(0, 120 - extension.length) + extension;
  }
  if (RESERVED_WINDOWS_NAMES.test(name)) name = `_${name}`;
  return name === '' ? FALLBACK_NAME : name;
}

/** The dialog's filters: the ones asked, else one for the suggested name's extension; always "All files" last. */
function dialogFilters(input: Pick<SaveFileInput, 'filters'>, name: string): SaveDialogRequest['filters'] {
  const extension = extname(name).slice(1).toLowerCase();
  const asked = input.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] }));
  const filters =
    asked.length > 0
      ? asked
      : /^[a-z0-9]{1,10}$/.test(extension)
        ? [{ name: extension.toUpperCase(), extensions: [extension] }]
        : [];
  return [...filters, { name: 'All files', extensions: ['*'] }];
}

/** The system's reason of a failed write, without the stack: `EACCES: permission denied, open '…'`. */
function reasonOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}

/**
 * The body of `files:save-as` in the Electron main process: checks the size first (nothing is asked for a
 * file that cannot be written: `too-large`), asks the user where to save with the native Save dialog (a safe
 * version of the suggested name in Documents; the renderer never names a folder or a path), and writes the
 * UTF-8 text there (or the bytes of base64 content, `encoding: 'base64'`). Answers `saved` with the path and byte count, `cancelled`, or `failed` / `write-failed`
 * with the system's reason. Never throws for a refused write: the UI says what happened and what to do.
 */
export async function saveFileAs(input: SaveFileInput, deps: SaveFileDeps): Promise<SaveFileResult> {
  const data =
    input.encoding === 'base64' ? Buffer.from(input.content, 'base64') : new TextEncoder().encode(input.content);
  return saveBytesAs({ suggestedName: input.suggestedName, filters: input.filters }, data, deps);
}

/**
 * {@link saveFileAs} for bytes already made (a PDF): the same size check, Save dialog and write, under the
 * suggested name and filters.
 */
export async function saveBytesAs(
  input: Pick<SaveFileInput, 'suggestedName' | 'filters'>,
  data: Uint8Array,
  deps: SaveFileDeps,
): Promise<SaveFileResult> {
  const maxBytes = deps.maxBytes ?? MAX_SAVE_BYTES;
  if (data.byteLength > maxBytes) {
    return {
      outcome: 'failed',
      problem: 'too-large',
      detail: `${data.byteLength} bytes, at most ${maxBytes}`,
    };
  }
  const name = safeFileName(input.suggestedName);
  const answer = await deps.showSaveDialog({
    title: deps.title,
    defaultPath: join(deps.defaultFolder, name),
    filters: dialogFilters(input, name),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (answer.canceled || !answer.filePath) return { outcome: 'cancelled' };
  if (!isAbsolute(answer.filePath)) {
    return { outcome: 'failed', problem: 'write-failed', detail: 'the dialog answered no full path' };
  }
  try {
    await deps.writeFile(answer.filePath, data);
  } catch (error) {
    return { outcome: 'failed', problem: 'write-failed', detail: reasonOf(error) };
  }
  return { outcome: 'saved', path: answer.filePath, bytes: data.byteLength };
}
