import { describe, expect, it } from 'vitest';
import { TASK_VALUE_MAPPING } from '../../../../tools/sim/tuya/task-values.ts';
import {
  CERTIFICATE_POLICIES,
  TUYA_TASK_VALUES,
  certificatePolicyOf,
  finalStateFromCounts,
  isFinalTaskState,
  issueStatusFilterOf,
  recordStateOf,
  taskStateOf,
} from './task-status.ts';

// The vendor document's two disagreeing descriptions, quoted verbatim (POST /v1.0/iot-02/building/access-auth-task).
const PROGRESS_REQUEST_TABLE =
  '0: The task is initialized. 1: The task is completed. 2: The task is terminated. 3: The task is being executed.';
const PROGRESS_RESPONSE_TABLE =
  '0: The task is initialized. 1: The task is to be started. 2: The task is being executed. 3: The task is terminated. 4: The task is completed.';
const STATUS_REQUEST_TABLE =
  '1: All tasks succeeded. 2: Some tasks succeeded. 3: All tasks failed. 4: All tasks were terminated.';
const STATUS_RESPONSE_TABLE =
  '0: to be started. 1: partially successful. 2: all successful. 3: all failed. 4: terminated.';

/** "0: a. 1: b." → {0: 'a', 1: 'b'} */
function table(text: string): Record<number, string> {
  return Object.fromEntries(
    [...text.matchAll(/(\d): ([^.]+)\./g)].map((m) => [Number(m[1]), m[2]?.toLowerCase() ?? '']),
  );
}

describe('the one interpretation of task progress and status', () => {
  it('the quoted tables really disagree (so a choice is needed)', () => {
    expect(table(PROGRESS_REQUEST_TABLE)[1]).toBe('the task is completed');
    expect(table(PROGRESS_RESPONSE_TABLE)[1]).toBe('the task is to be started');
    expect(table(STATUS_REQUEST_TABLE)[1]).toBe('all tasks succeeded');
    expect(table(STATUS_RESPONSE_TABLE)[1]).toBe('partially successful');
  });

  it('reads progress by the response description', () => {
    const response = table(PROGRESS_RESPONSE_TABLE);
    expect(response[TUYA_TASK_VALUES.authTaskProgress.values.initialized]).toMatch(/initialized/);
    expect(response[TUYA_TASK_VALUES.authTaskProgress.values.toBeStarted]).toMatch(/to be started/);
    expect(response[TUYA_TASK_VALUES.authTaskProgress.values.executing]).toMatch(/being executed/);
    expect(response[TUYA_TASK_VALUES.authTaskProgress.values.terminated]).toMatch(/terminated/);
    expect(response[TUYA_TASK_VALUES.authTaskProgress.values.completed]).toMatch(/completed/);
    const request = table(PROGRESS_REQUEST_TABLE);
    const unused = TUYA_TASK_VALUES.authTaskProgress.notUsedRequestTable;
    expect([request[unused.completed], request[unused.terminated], request[unused.executing]]).toEqual([
      'the task is completed',
      'the task is terminated',
      'the task is being executed',
    ]);
  });

  it('reads status by the response description', () => {
    const response = table(STATUS_RESPONSE_TABLE);
    const values = TUYA_TASK_VALUES.authTaskStatus.values;
    expect(response[values.toBeStarted]).toBe('to be started');
    expect(response[values.partiallySuccessful]).toBe('partially successful');
    expect(response[values.allSuccessful]).toBe('all successful');
    expect(response[values.allFailed]).toBe('all failed');
    expect(response[values.terminated]).toBe('terminated');
    const request = table(STATUS_REQUEST_TABLE);
    expect(request[TUYA_TASK_VALUES.authTaskStatus.notUsedRequestTable.allSuccessful]).toBe('all tasks succeeded');
  });

  it('is the same interpretation as the simulator (TASK_VALUE_MAPPING)', () => {
    expect(TUYA_TASK_VALUES.authTaskProgress).toEqual(TASK_VALUE_MAPPING.authTaskProgress);
    expect(TUYA_TASK_VALUES.authTaskStatus).toEqual(TASK_VALUE_MAPPING.authTaskStatus);
  });

  it('maps every response pair to the app state', () => {
    expect(taskStateOf(0, 0)).toBe('pending');
    expect(taskStateOf(1, 0)).toBe('pending');
    expect(taskStateOf(2, 0)).toBe('running');
    expect(taskStateOf(4, 2)).toBe('succeeded');
    expect(taskStateOf(4, 1)).toBe('partly-failed');
    expect(taskStateOf(4, 3)).toBe('failed');
    expect(taskStateOf(3, 4)).toBe('stopped');
    expect(taskStateOf(3, 0)).toBe('stopped');
    // By the request table 1 would mean "completed": here it is "to be started", never an end.
    expect(isFinalTaskState(taskStateOf(1, 1) ?? 'running')).toBe(false);
    expect(taskStateOf(4, 0)).toBeNull();
    expect(taskStateOf(9, 9)).toBeNull();
    expect(taskStateOf(null, null)).toBeNull();
  });

  it('derives a final state from counts when the numbers are unknown', () => {
    expect(finalStateFromCounts({ total: 3, succeeded: 3, failed: 0 })).toBe('succeeded');
    expect(finalStateFromCounts({ total: 0, succeeded: 0, failed: 0 })).toBe('succeeded');
    expect(finalStateFromCounts({ total: 3, succeeded: 0, failed: 3 })).toBe('failed');
    expect(finalStateFromCounts({ total: 3, succeeded: 1, failed: 2 })).toBe('partly-failed');
    expect(finalStateFromCounts({ total: 3, succeeded: 1, failed: 0 })).toBe('stopped');
  });
});

describe('records and certificates', () => {
  it('maps issueStatus both ways', () => {
    expect([0, 1, 2, 3, 4, 7].map(recordStateOf)).toEqual([
      'pending',
      'unknown',
      'stopped',
      'failed',
      'succeeded',
      'unknown',
    ]);
    expect(issueStatusFilterOf('failed')).toBe(3);
    expect(issueStatusFilterOf('succeeded')).toBe(4);
  });

  it('uses the issue tables for authIssueCertificate (1 card ... 4 card + password + face)', () => {
    expect(CERTIFICATE_POLICIES).toEqual({ card: 1, 'card+face': 2, 'card+password': 3, 'card+password+face': 4 });
    expect(certificatePolicyOf(4)).toBe('card+password+face');
    expect(certificatePolicyOf(5)).toBeNull();
  });
});
