import { statfsSync } from 'node:fs';
import type { StorageFault } from '../db/storage-fault.ts';

/** Free space of the disk holding `path` in whole MiB (what an unprivileged process may use), or null when unknown. */
export function freeMegabytes(path: string): number | null {
  try {
    const stats = statfsSync(path);
    return Math.floor((Number(stats.bavail) * Number(stats.bsize)) / (1024 * 1024));
  } catch {
    return null;
  }
}

/** Below this much free space an I/O failure is taken for a full disk (SQLite says "disk I/O error" then). */
export const NEARLY_FULL_MB = 8;

/**
 * The fault as the user should hear it, with the free space when the disk is (nearly) full: SQLite reports a
 * full disk as a plain I/O error when it cannot create or grow its `-wal`/`-shm` files, and a nearly full disk
 * is not a broken one. `folder` is where the write went.
 */
export function refineFault(
  fault: StorageFault,
  folder: string | null,
): { fault: StorageFault; freeMb: number | null } {
  if (folder === null || (fault !== 'full' && fault !== 'io' && fault !== 'other')) return { fault, freeMb: null };
  const freeMb = freeMegabytes(folder);
  if (fault === 'full') return { fault, freeMb };
  return freeMb !== null && freeMb < NEARLY_FULL_MB ? { fault: 'full', freeMb } : { fault, freeMb: null };
}
