import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/** The current log file's name inside the logs directory. */
export const LOG_FILE_NAME = 'main.log';

/** Rotated log files kept beside the current one (`main.1.log` is the newest). */
export const DEFAULT_KEEP = 3;

/** The size at which the current log file is rotated: 5 MB. */
export const DEFAULT_MAX_SIZE = 5 * 1024 * 1024;

/** The path of the `index`-th rotated file of `current` (`main.log` → `main.2.log`). */
export function rotatedPath(current: string, index: number): string {
  const extension = extname(current);
  return join(dirname(current), `${basename(current, extension)}.${index}${extension}`);
}

/**
 * Shifts the rotated files by one (`main.2.log` → `main.3.log`, ..., `main.log` → `main.1.log`) and deletes the
 * one that falls past `keep`. Synchronous: electron-log calls it before it writes the next line.
 */
export function rotateLogFiles(current: string, keep: number = DEFAULT_KEEP): void {
  if (keep < 1) {
    rmSync(current, { force: true });
    return;
  }
  rmSync(rotatedPath(current, keep), { force: true });
  for (let index = keep - 1; index >= 1; index -= 1) {
    const from = rotatedPath(current, index);
    if (existsSync(from)) renameSync(from, rotatedPath(current, index + 1));
  }
  if (existsSync(current)) renameSync(current, rotatedPath(current, 1));
}

/**
 * The log files of a logs directory, oldest first (`main.3.log`, ..., `main.1.log`, `main.log`): what the
 * diagnostics bundle reads. A missing directory has none.
 */
export function listLogFiles(logsDir: string, current: string = LOG_FILE_NAME): string[] {
  let names: string[];
  try {
    names = readdirSync(logsDir);
  } catch {
    return [];
  }
  const extension = extname(current);
  const stem = basename(current, extension);
  const rotated = new RegExp(`^${escapeRegExp(stem)}\\.(\\d+)${escapeRegExp(extension)}$`);
  const found: { name: string; order: number }[] = [];
  for (const name of names) {
    if (name === current) found.push({ name, order: 0 });
    const match = rotated.exec(name);
    if (match?.[1]) found.push({ name, order: Number(match[1]) });
  }
  return found.sort((a, b) => b.order - a.order).map(({ name }) => join(logsDir, name));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The last `maxBytes` of a file as text, and whether the start was cut (its first line is then partial, and
 * a multi-byte character may be split there). A file that cannot be read gives undefined.
 */
export async function readTail(
  path: string,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean } | undefined> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return { text: buffer.toString('utf8'), truncated: size > maxBytes };
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
