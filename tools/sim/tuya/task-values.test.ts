import { describe, expect, it } from 'vitest';
import { snakeKey, toSnakeKeys } from './key-case.ts';
import { paginate, readPaging } from './params.ts';
import {
  AUTH_ISSUE_CERTIFICATE,
  progressCode,
  statusCode,
  TASK_PROGRESS_CODES,
  TASK_STATUS_CODES,
  TASK_VALUE_MAPPING,
} from './task-values.ts';
import { RateLimiter } from './throttle.ts';

describe('task value tables', () => {
  it('uses the response tables for authTaskProgress and authTaskStatus, in both directions', () => {
    expect(TASK_VALUE_MAPPING.authTaskProgress.chosen).toBe('response description');
    expect(TASK_VALUE_MAPPING.authTaskStatus.chosen).toBe('response description');
    expect(TASK_PROGRESS_CODES).toEqual([0, 1, 2, 3, 4]);
    expect(TASK_STATUS_CODES).toEqual([0, 1, 2, 3, 4]);
    expect(progressCode('completed')).toBe(4);
    expect(progressCode('toBeStarted')).toBe(1);
    expect(progressCode('executing')).toBe(2);
    expect(progressCode('terminated')).toBe(3);
    expect(statusCode('partiallySuccessful')).toBe(1);
    expect(statusCode('allSuccessful')).toBe(2);
    expect(statusCode('allFailed')).toBe(3);
    expect(statusCode('terminated')).toBe(4);
  });

  it('keeps the conflicting request tables on record, and they really conflict', () => {
    const progress = TASK_VALUE_MAPPING.authTaskProgress;
    expect(progress.notUsedRequestTable.completed).not.toBe(progress.values.completed);
    expect(progress.notUsedRequestTable.executing).not.toBe(progress.values.executing);
    const status = TASK_VALUE_MAPPING.authTaskStatus;
    expect(status.notUsedRequestTable.allSuccessful).toBe(status.values.partiallySuccessful);
  });

  it('knows the four certificate policies of the issue calls', () => {
    expect(Object.keys(AUTH_ISSUE_CERTIFICATE)).toEqual(['1', '2', '3', '4']);
    expect(AUTH_ISSUE_CERTIFICATE[3]).toMatchObject({ card: true, password: true, face: false });
    expect(AUTH_ISSUE_CERTIFICATE[4]).toMatchObject({ card: true, password: true, face: true });
  });
});

describe('small helpers', () => {
  it('snake-cases keys deeply, values untouched', () => {
    expect(snakeKey('recordListVOList')).toBe('record_list_v_o_list');
    expect(toSnakeKeys({ authTaskId: 'aB', list: [{ issueStatus: 1 }] })).toEqual({
      auth_task_id: 'aB',
      list: [{ issue_status: 1 }],
    });
  });

  it('pages from 1 with hasMore', () => {
    const items = [1, 2, 3, 4, 5];
    expect(paginate(items, readPaging({ page: '2', pageSize: '2' }))).toEqual({
      total: 5,
      list: [3, 4],
      hasMore: true,
    });
    expect(paginate(items, readPaging({ page: 3, pageSize: 2 }))).toEqual({ total: 5, list: [5], hasMore: false });
    expect(paginate(items, readPaging({}))).toMatchObject({ list: items, hasMore: false });
  });

  it('admits at most N requests per sliding second of the injected clock', () => {
    let now = 10_000;
    const limiter = new RateLimiter(() => now, { maxRequestsPerSecond: 2, code: 1110 });
    expect([limiter.admit(), limiter.admit(), limiter.admit()]).toEqual([undefined, undefined, 1110]);
    now += 500;
    expect(limiter.admit()).toBe(1110);
    now += 500;
    expect(limiter.admit()).toBeUndefined();
    limiter.set(undefined);
    expect(Array.from({ length: 10 }, () => limiter.admit()).every((c) => c === undefined)).toBe(true);
  });
});
