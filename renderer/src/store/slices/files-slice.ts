import type { StateCreator } from 'zustand';
import type { SaveFileResult } from '../../../../shared/domain/files.ts';
import type { Api } from '../../../../shared/ipc/types.ts';
import { saveTextFile } from '../../views/jobs/download.ts';
import type { AppState } from '../app-store.ts';

/** A text file to save: its suggested name, its text and its MIME type (the browser's download uses it). */
export interface TextFile {
  fileName: string;
  content: string;
  type: string;
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

/** Creates the {@link FilesSlice}; `download` is the browser's way (a blob anchor), replaced in tests. */
export function createFilesSlice(
  api: Api,
  download: (fileName: string, content: string, type: string) => void = saveTextFile,
): StateCreator<AppState, [], [], FilesSlice> {
  return (_set, get) => ({
    async saveFile(file) {
      if (api.platform !== 'electron') {
        download(file.fileName, file.content, file.type);
        return { outcome: 'downloaded', path: file.fileName };
      }
      const result = await api.invoke('files:save-as', {
        suggestedName: file.fileName,
        content: file.content,
        ...(file.filters ? { filters: file.filters } : {}),
      });
      if (result.ok) return result.value;
      get().showError(result.error);
      return null;
    },
  });
}
