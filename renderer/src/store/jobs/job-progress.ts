import type { JobProgress } from '../../../../shared/domain/job.ts';
import type { OutcomeCounts } from '../../../../shared/domain/removal.ts';

/**
 * Every outcome a count is kept for, in the order the view shows them. `unconfirmed`: sent, but no evidence says
 * what became of the item; finished, neither removed nor failed.
 */
export const COUNT_KEYS = [
  'removed',
  'already-absent',
  'failed',
  'unconfirmed',
  'queued',
  'cancelled',
  'pending',
] as const;

/** One outcome a count is kept for. */
export type CountKey = (typeof COUNT_KEYS)[number];

/** Counts with every outcome at zero. */
export const NO_COUNTS: OutcomeCounts = {
  removed: 0,
  'already-absent': 0,
  failed: 0,
  unconfirmed: 0,
  queued: 0,
  cancelled: 0,
  pending: 0,
};

/** The count of one outcome (the unconfirmed count of an older answer is missing: zero). */
export function countOf(counts: OutcomeCounts, key: CountKey): number {
  return counts[key] ?? 0;
}

/** The outcome counts a `jobs:progress` event carries (a missing count is zero). */
export function countsOf(progress: Pick<JobProgress, 'counts'>): OutcomeCounts {
  const counts = { ...NO_COUNTS };
  for (const key of COUNT_KEYS) counts[key] = progress.counts[key] ?? 0;
  // A push's channels end `done` (pushed): kept when the event carries them.
  if (progress.counts.done !== undefined) counts.done = progress.counts.done;
  return counts;
}

/**
 * Items that reached their end: removed, already absent, done (a push's channel pushed), failed, unconfirmed or
 * cancelled (queued ones still wait).
 */
export function finishedOf(counts: OutcomeCounts): number {
  return (
    counts.removed +
    counts['already-absent'] +
    (counts.done ?? 0) +
    counts.failed +
    countOf(counts, 'unconfirmed') +
    counts.cancelled
  );
}

/** Items that ended well: removed or already absent, or done (pushed). */
export function succeededOf(counts: OutcomeCounts): number {
  return counts.removed + counts['already-absent'] + (counts.done ?? 0);
}

/** Every item counted. */
export function totalOf(counts: OutcomeCounts): number {
  return finishedOf(counts) + counts.queued + counts.pending;
}

/** How far a set of items is, 0..100 (100 when there is nothing to do). */
export function percentOf(counts: OutcomeCounts): number {
  const total = totalOf(counts);
  return total === 0 ? 100 : Math.floor((finishedOf(counts) * 100) / total);
}

/** Whether every item ended removed or already absent (an unconfirmed item did not). */
export function allGone(counts: OutcomeCounts): boolean {
  const total = totalOf(counts);
  return total > 0 && counts.removed + counts['already-absent'] === total;
}

/** Items "Retry" acts on: failed ones are sent again, unconfirmed ones settled by reading their terminal first. */
export function retryableOf(counts: OutcomeCounts): number {
  return counts.failed + countOf(counts, 'unconfirmed');
}
