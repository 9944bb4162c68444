import { app, safeStorage } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from '../core/compose.ts';
import {
  createSafeStorageSecretStore,
  SAFE_STORAGE_FILE,
  type SafeStorageCipher,
} from './safe-storage-secret-store.ts';

/** Electron's `safeStorage` as the port the secret store takes (Linux also reports its keyring backend). */
export function electronSafeStorage(): SafeStorageCipher {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (plainText) => safeStorage.encryptString(plainText),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
    ...(process.platform === 'linux' ? { storageBackend: () => safeStorage.getSelectedStorageBackend() } : {}),
  };
}

/**
 * The Electron app's composition root: the shared core, with data under Electron's `userData` (moved by
 * `--user-data-dir`) and credentials in safeStorage (`<userData>/credentials.safestorage.json`). Call after
 * the app is ready (safeStorage needs it on Windows and Linux).
 */
export function composeElectronCore(onError: (error: unknown) => void): Core {
  const dataDir = app.getPath('userData');
  return createCore({
    dataDir,
    target: 'electron',
    version: app.getVersion(),
    secrets: createSafeStorageSecretStore(join(dataDir, SAFE_STORAGE_FILE), electronSafeStorage()),
    onError,
  });
}
