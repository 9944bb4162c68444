import { describe, expect, it } from 'vitest';
import { allGone, countsOf, finishedOf, NO_COUNTS, percentOf, retryableOf, totalOf } from '../jobs/job-progress.ts';
import { confirmsCount, kindOfColumn, needsTypedConfirmation, withColumnKind } from './removal-list.ts';

describe('removal list helpers', () => {
  it('gives a column one kind and a kind one column', () => {
    const mapping = { identity_id: 0, name: 1 };
    expect(kindOfColumn(mapping, 1)).toBe('name');
    expect(kindOfColumn(mapping, 2)).toBeNull();
    expect(withColumnKind(mapping, 2, 'identity_id')).toEqual({ identity_id: 2, name: 1 });
    expect(withColumnKind(mapping, 1, 'uid')).toEqual({ identity_id: 0, uid: 1 });
    expect(withColumnKind(mapping, 0, null)).toEqual({ name: 1 });
  });

  it('asks for the count above 100 people or 10 terminals, and accepts it typed with grouping', () => {
    expect(needsTypedConfirmation(100, 10)).toBe(false);
    expect(needsTypedConfirmation(101, 1)).toBe(true);
    expect(needsTypedConfirmation(5, 11)).toBe(true);
    expect(confirmsCount('1,000', 1000)).toBe(true);
    expect(confirmsCount(' 101 ', 101)).toBe(true);
    expect(confirmsCount('100', 101)).toBe(false);
    expect(confirmsCount('', 101)).toBe(false);
  });

  it('reads progress counts and the share finished', () => {
    const counts = countsOf({ counts: { removed: 3, failed: 1, queued: 2, pending: 2 } });
    expect(counts).toEqual({ ...NO_COUNTS, removed: 3, failed: 1, queued: 2, pending: 2, unconfirmed: 0 });
    expect(percentOf(counts)).toBe(50);
    expect(percentOf(NO_COUNTS)).toBe(100);
    expect(allGone(counts)).toBe(false);
    expect(allGone({ ...NO_COUNTS, removed: 2, 'already-absent': 1 })).toBe(true);
  });

  it('counts unconfirmed items as finished but never as gone, and retries them with the failed ones', () => {
    const counts = countsOf({ counts: { removed: 3, failed: 1, unconfirmed: 2, pending: 4 } });
    expect(counts.unconfirmed).toBe(2);
    expect(totalOf(counts)).toBe(10);
    expect(finishedOf(counts)).toBe(6);
    expect(percentOf(counts)).toBe(60);
    expect(allGone({ ...NO_COUNTS, removed: 2, unconfirmed: 1 })).toBe(false);
    expect(retryableOf(counts)).toBe(3);
    // An older answer without the count: none unconfirmed.
    const { unconfirmed: _none, ...older } = NO_COUNTS;
    expect(allGone({ ...older, removed: 2 })).toBe(true);
    expect(retryableOf({ ...older, failed: 1 })).toBe(1);
  });
});
