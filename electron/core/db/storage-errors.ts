import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { refineFault } from '../files/free-space.ts';
import type { StorageFault } from './storage-fault.ts';

/** The closed set of storage faults (storage-fault.ts, where `files/free-space.ts` reads it too). */
export type { StorageFault } from './storage-fault.ts';

/** SQLite primary result codes (the low byte of an extended code) that name a storage fault. */
const PRIMARY: Readonly<Record<number, StorageFault>> = {
  5: 'locked', // SQLITE_BUSY
  6: 'locked', // SQLITE_LOCKED
  8: 'readonly', // SQLITE_READONLY
  10: 'io', // SQLITE_IOERR
  11: 'corrupt', // SQLITE_CORRUPT
  13: 'full', // SQLITE_FULL
  14: 'readonly', // SQLITE_CANTOPEN
  23: 'readonly', // SQLITE_AUTH
  26: 'corrupt', // SQLITE_NOTADB
};

/** File-system codes (opening the folder, writing the file) that name a storage fault. */
const SYSTEM: Readonly<Record<string, StorageFault>> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EACCES: 'readonly',
  EPERM: 'readonly',
  EROFS: 'readonly',
  EIO: 'io',
};

/** What happened and what to do next, per fault (English; the UI translates by `details.fault`). */
const SENTENCES: Readonly<Record<StorageFault, (where: string, freeMb: number | null) => string>> = {
  full: (where, freeMb) =>
    `The disk holding the local database (${where}) is full${freeMb === null ? '' : ` (free ${freeMb} MB)`}: nothing of this action was saved. Free some disk space, then try again.`,
  locked: (where) =>
    `The local database (${where}) is locked by another program (another Face Commissioner window or an fcom command): nothing of this action was saved. Close the other program, then try again.`,
  corrupt: (where) =>
    `The local database file (${where}) is damaged or is not a Face Commissioner database: nothing was changed. Close the app, move the file aside (keep it for support), then start again to create a new one.`,
  readonly: (where) =>
    `The local database (${where}) cannot be written (a read-only file or folder, or no permission): nothing of this action was saved. Check the folder's permissions, or choose another data directory (--data-dir).`,
  io: (where) =>
    `The disk failed while the local database (${where}) was in use: nothing of this action was saved. Check the disk (or the USB drive), then try again.`,
  other: (where) => `The local database (${where}) cannot be used: nothing of this action was saved. Restart the app.`,
};

/** The storage fault an error stands for, or null when it is not a SQLite or file-system storage error. */
export function storageFaultOf(error: unknown): StorageFault | null {
  if (error === null || typeof error !== 'object') return null;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (code === 'ERR_SQLITE_ERROR') {
    return typeof errcode === 'number' ? (PRIMARY[errcode & 0xff] ?? null) : null;
  }
  return typeof code === 'string' ? (SYSTEM[code] ?? null) : null;
}

/**
 * Converts anything thrown while using the database at `path` (null: not known here) into a STORAGE {@link AppError} that says what
 * happened and what to do next (`details.fault` for the translated sentence; a full disk with `details.freeMb`). An AppError passes unchanged.
 */
export function storageError(path: string | null, cause: unknown): AppError {
  if (cause instanceof AppError) return cause;
  // A full disk often reaches SQLite as a plain I/O error: the free space of the folder decides (files/free-space.ts).
  const folder = path === null || path === ':memory:' ? null : dirname(path);
  const { fault, freeMb } = refineFault(storageFaultOf(cause) ?? 'other', folder);
  const reason = cause instanceof Error ? cause.message : String(cause);
  const where = path ?? 'in the data directory';
  return new AppError('STORAGE', `${SENTENCES[fault](where, freeMb)} (${reason})`, { path, fault, reason, freeMb });
}

/** Whether an error is a storage fault (SQLite or file system) that {@link storageError} should wrap. */
export function isStorageFault(error: unknown): boolean {
  return storageFaultOf(error) !== null;
}
