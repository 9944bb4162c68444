import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { AppError } from '../../../shared/errors.ts';
import { megabytes } from '../../../shared/domain/limits.ts';

/** What a path is when it is not a regular file (for `details.kind`). */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice()) return 'character-device';
  if (stats.isBlockDevice()) return 'block-device';
  if (stats.isSocket()) return 'socket';
  return 'other';
}

/**
 * Reads a whole file of at most `maxBytes`, refusing anything else before reading it: a path that is not a
 * regular file (a folder, `/dev/zero`, a FIFO, a socket: VALIDATION `details.reason = 'not-regular'`), or a file
 * over the cap (`'too-large'`, with `sizeBytes` and `maxBytes`; a file that grows while it is read is stopped at
 * the cap). Memory used is at most the cap. A file that cannot be opened is NOT_FOUND with the system's reason.
 */
export function readRegularFileBounded(path: string, maxBytes: number): Uint8Array {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO without a writer must not hang; it is refused just after, as not regular.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new AppError('NOT_FOUND', `The file ${path} cannot be read (${(error as Error).message}). Check the path.`, {
      path,
      reason: 'unreadable',
    });
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      const kind = kindOf(stats);
      throw new AppError(
        'VALIDATION',
        `${path} is not a regular file (it is a ${kind.replace('-', ' ')}): nothing was read. Give the path of a CSV or TSV file.`,
        { path, reason: 'not-regular', kind },
      );
    }
    const tooLarge = (sizeBytes: number): AppError =>
      new AppError(
        'VALIDATION',
        `The file ${path} is ${megabytes(sizeBytes)} MB; the largest accepted is ${megabytes(maxBytes)} MB. Split it into smaller files.`,
        { path, reason: 'too-large', sizeBytes, maxBytes, maxMb: megabytes(maxBytes) },
      );
    if (stats.size > maxBytes) throw tooLarge(stats.size);
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stats.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw tooLarge(length);
        throw new AppError(
          'VALIDATION',
          `The file ${path} grew while it was read: nothing was imported. Try again once it is complete.`,
          {
            path,
            reason: 'changed',
          },
        );
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes) throw tooLarge(length);
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
