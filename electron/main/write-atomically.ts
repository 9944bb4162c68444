import { writeFileDurably } from '../core/files/durable-write.ts';

/**
 * Writes `data` to `path` so that the file is either the old one or the whole new one, never half-written, also
 * after a power cut: core/files/durable-write.ts (temporary file beside it, fsync, rename, fsync the folder; the
 * temporary file removed on any failure; a STORAGE error that names the fault and, on a full disk, the free MB).
 */
export async function writeFileAtomically(path: string, data: Uint8Array): Promise<void> {
  await writeFileDurably(path, data);
}
