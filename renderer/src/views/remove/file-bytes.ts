import { MAX_IMPORT_FILE_BYTES } from '../../../../shared/domain/limits.ts';

/** Largest file the wizard reads: the limit of the CLI and of the contract (shared/domain/limits.ts). */
export const MAX_IMPORT_BYTES = MAX_IMPORT_FILE_BYTES;

/** The bytes in base64, converted in slices so a large file does not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const slice = 0x8000;
  for (let at = 0; at < bytes.length; at += slice) {
    binary += String.fromCharCode(...bytes.subarray(at, at + slice));
  }
  return btoa(binary);
}

/** Reads a picked file's bytes with a FileReader (no decoding here: the core detects the encoding). */
export function readFileBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsArrayBuffer(file);
  });
}
