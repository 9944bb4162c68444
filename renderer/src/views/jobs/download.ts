import type { TFunction } from 'i18next';
import type { SaveOutcome } from '../../store/slices/files-slice.ts';

/**
 * What to tell the user after a save: `saved(where)` once saved (the full path in the desktop app, the file
 * name of a browser download), nothing when cancelled or after an error banner, and what happened and what
 * to do when the file could not be written.
 */
export function saveNotice(t: TFunction, outcome: SaveOutcome | null, saved: (where: string) => string): string {
  if (outcome === null) return '';
  switch (outcome.outcome) {
    case 'saved':
    case 'downloaded':
      return saved(outcome.path);
    case 'cancelled':
      return '';
    case 'failed':
      return outcome.problem === 'too-large'
        ? t('files.tooLarge', { detail: outcome.detail })
        : t('files.writeFailed', { reason: outcome.detail });
  }
}
