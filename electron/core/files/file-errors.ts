import { AppError } from '../../../shared/errors.ts';
import { storageFaultOf, type StorageFault } from '../db/storage-errors.ts';
import { refineFault } from './free-space.ts';

/** What happened and what to do next, per fault, for a file (English; the UI and CLI translate by `details.fault`). */
const SENTENCES: Readonly<Record<StorageFault, (path: string, free: number | null) => string>> = {
  full: (path, free) =>
    `The disk is full (free ${free ?? '?'} MB): ${path} was not written and any earlier file there is unchanged. Free some disk space, then try again.`,
  locked: (path) =>
    `${path} is in use by another program: it was not written. Close the other program, then try again.`,
  corrupt: (path) => `${path} could not be written (the file system reports damage). Choose another place.`,
  readonly: (path) =>
    `${path} cannot be written (a read-only file or folder, or no permission): nothing was written. Check the folder's permissions or choose another place.`,
  io: (path) =>
    `The disk failed while writing ${path}: the file was not written and any earlier file there is unchanged. Check the disk (or the USB drive), then try again.`,
  other: (path) => `${path} could not be written: nothing was written. Choose another place, then try again.`,
};

/**
 * Converts anything thrown while writing the file at `path` into a STORAGE {@link AppError}: `details.fault`
 * (full, readonly, io, …) for the translated sentence, `details.freeMb` (a full disk: what is left), `details.path`
 * and the system's `details.reason`. An AppError passes unchanged.
 */
export function fileWriteError(path: string, cause: unknown, folder: string = path): AppError {
  if (cause instanceof AppError) return cause;
  const { fault, freeMb } = refineFault(storageFaultOf(cause) ?? 'other', folder);
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AppError('STORAGE', `${SENTENCES[fault](path, freeMb)} (${reason})`, { path, fault, reason, freeMb });
}
