import type { SaveFileResult } from '../../../../shared/domain/files.ts';

/**
 * A file to save: its suggested name, its content and its MIME type (the browser's download uses it). The content
 * is text, or bytes as base64 when `encoding` says so (an Excel workbook).
 */
export interface TextFile {
  fileName: string;
  content: string;
  type: string;
  /** How `content` is written: `utf8` text (the default) or `base64` bytes. */
  encoding?: 'utf8' | 'base64';
  /** The Save dialog's filters in the desktop app (default: one for the name's extension). */
  filters?: { name: string; extensions: string[] }[];
}

/**
 * How a save ended: what `files:save-as` answered in the desktop app, or `downloaded` in the browser (the
 * browser's own download asks where, or saves to its Downloads folder).
 */
export type SaveOutcome = SaveFileResult | { outcome: 'downloaded'; path: string };

/** Saving files the app made (reports, job exports). */
export interface FilesSlice {
  /**
   * Saves text as a file: through the main process's native Save dialog in the desktop app (where downloads
   * are denied), as a `blob:` download in the browser host. Null after showing an error.
   */
  saveFile(file: TextFile): Promise<SaveOutcome | null>;
}
