import type { StateCreator } from 'zustand';
import type { ContractApi } from '../../api/contract-api.ts';
import { saveTextFile } from '../../api/blob-download.ts';
import type { AppState } from '../state/app-state.ts';
import type { FilesSlice } from '../state/files.ts';

/** Declared in state/files.ts; re-exported for the modules that import them from this slice. */
export type { SaveOutcome } from '../state/files.ts';

/** Creates the {@link FilesSlice}; `download` is the browser's way (a blob anchor), replaced in tests. */
export function createFilesSlice(
  api: ContractApi,
  download: (fileName: string, content: string, type: string, encoding: 'utf8' | 'base64') => void = saveTextFile,
): StateCreator<AppState, [], [], FilesSlice> {
  return (_set, get) => ({
    async saveFile(file) {
      if (api.platform !== 'electron') {
        download(file.fileName, file.content, file.type, file.encoding ?? 'utf8');
        return { outcome: 'downloaded', path: file.fileName };
      }
      const result = await api.files.saveAs({
        suggestedName: file.fileName,
        content: file.content,
        ...(file.encoding === 'base64' ? { encoding: 'base64' as const } : {}),
        ...(file.filters ? { filters: file.filters } : {}),
      });
      if (result.ok) return result.value;
      get().showError(result.error);
      return null;
    },
  });
}
