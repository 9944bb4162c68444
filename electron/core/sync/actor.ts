import { userInfo } from 'node:os';
import type { AppTarget } from '../../../shared/domain/app-info.ts';

/**
 * Who acts on the sync queue, as the history records it: the computer's user and the shell, for example
 * "anna (app)" or "anna (fcom)". Falls back to "unknown user" where the user cannot be read.
 */
export function actorName(target: AppTarget): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = '';
  }
  return `${user || 'unknown user'} (${target === 'cli' ? 'fcom' : 'app'})`;
}
