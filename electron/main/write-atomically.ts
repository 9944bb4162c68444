import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `path` so that the file is either the old one or the whole new one, never half-written: the
 * bytes go to a temporary file beside it (same folder, so the same disk), are flushed to the disk, and the
 * temporary file then replaces `path` in one rename. On any failure the temporary file is removed and an
 * existing file at `path` is left as it was.
 */
export async function writeFileAtomically(path: string, data: Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
