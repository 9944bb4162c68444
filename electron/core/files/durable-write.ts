import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileWriteError } from './file-errors.ts';

/** Options of a durable write. */
export interface DurableWriteOptions {
  /** File mode of the new file (default 0o600: only the user reads it). Applied at creation, before any byte. */
  readonly mode?: number;
}

/** The temporary name beside `path` (same folder, so the same disk and an atomic rename). */
function temporaryOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Whether fsync of a folder is possible here (Windows cannot open a folder for fsync; NTFS journals the rename). */
const canSyncFolder = process.platform !== 'win32';

/** Flushes a folder's entries (a rename or a new file in it) to the disk. No-op on Windows. */
export function syncFolderSync(folder: string): void {
  if (!canSyncFolder) return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename or a new file in it) to the disk. No-op on Windows. */
export async function syncFolder(folder: string): Promise<void> {
  if (!canSyncFolder) return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

/**
 * Writes `data` to `path` so that after a crash or a power cut the file is either the old one or the whole new
 * one: the bytes go to a temporary file in the same folder, are fsynced, the temporary file is renamed over
 * `path`, and the folder is fsynced so the rename itself survives. On any failure the temporary file is removed,
 * an existing file at `path` is unchanged, and the error is a STORAGE AppError classified by fault (a full disk
 * says how many MB are free; see {@link fileWriteError}).
 */
export async function writeFileDurably(
  path: string,
  data: string | Uint8Array,
  options: DurableWriteOptions = {},
): Promise<void> {
  const folder = dirname(path);
  const temporary = temporaryOf(path);
  try {
    const handle = await open(temporary, 'wx', options.mode ?? 0o600);
    try {
      await handle.writeFile(bytesOf(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw fileWriteError(path, error, folder);
  }
  try {
    await syncFolder(folder);
  } catch (error) {
    throw fileWriteError(path, error, folder);
  }
}

/** The synchronous twin of {@link writeFileDurably} (same guarantees, same errors), for code that cannot await. */
export function writeFileDurablySync(path: string, data: string | Uint8Array, options: DurableWriteOptions = {}): void {
  const folder = dirname(path);
  const temporary = temporaryOf(path);
  try {
    const fd = openSync(temporary, 'wx', options.mode ?? 0o600);
    try {
      const bytes = bytesOf(data);
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The original error is what the user needs; a temporary file that cannot be removed is swept later.
    }
    throw fileWriteError(path, error, folder);
  }
  try {
    syncFolderSync(folder);
  } catch (error) {
    throw fileWriteError(path, error, folder);
  }
}

/** The names {@link writeFileDurably} gives its temporary files: `.NAME.<12 hex>.tmp`. */
const TEMPORARY_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * Removes temporary files a durable write left in `folder` when the power was cut (or the process killed)
 * mid-write, older than `olderThanMs` (default one minute, so a write in progress elsewhere is not touched).
 * Answers the names removed; a folder that cannot be read removes nothing.
 */
export function removeStaleTemporaries(folder: string, olderThanMs = 60_000, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!TEMPORARY_NAME.test(name)) continue;
    const path = join(folder, name);
    try {
      const stats = statSync(path);
      if (!stats.isFile() || now - stats.mtimeMs < olderThanMs) continue;
      rmSync(path, { force: true });
      removed.push(name);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}
