import lockfile from 'proper-lockfile';
import { AppError } from '../../../shared/errors.ts';
import { fileWriteError } from '../files/file-errors.ts';

/** How long a lock whose holder stopped refreshing it (a crash) is honoured, in milliseconds. */
export const LOCK_STALE_MS = 10_000;

/**
 * Runs `work` while holding the cross-process lock of `path` (a `PATH.lock` folder made with mkdir, refreshed
 * while held, taken over when its holder stopped refreshing it for {@link LOCK_STALE_MS}: proper-lockfile).
 * Waits up to about 15 s for another process to release it, then fails with CONFLICT saying so.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, {
      realpath: false,
      stale: LOCK_STALE_MS,
      retries: { retries: 60, factor: 1.3, minTimeout: 10, maxTimeout: 300 },
      // A lock lost while held (its folder removed by hand, a clock jump) must not kill the process.
      onCompromised: () => undefined,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new AppError(
        'CONFLICT',
        `${path} is being saved by another Face Commissioner process (the app, the browser host or fcom) for too long. Wait until it has finished, then try again.`,
        { path, reason: 'locked' },
      );
    }
    throw fileWriteError(`${path}.lock`, error);
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
