/** Reading a finished task's failed records, page by page, to the total the cloud states. */
import { listTaskRecords, type TaskRecord } from './api-tasks.ts';
import type { TuyaClient } from './client.ts';
import type { Page } from './schemas.ts';
import type { FollowedRecord } from './task-followed.ts';

/** What {@link readFailedRecords} needs. */
export interface FailedRecordsQuery {
  projectId: string;
  taskId: string;
  /** The failed records the task counts (the first page's `total`). */
  failed: number;
  /** Failed records already stored by an earlier follow: the reading goes on after them. */
  stored: number;
  /** Page 1 when the poll that saw the end already read it (it is not asked again). */
  firstPage: Page<TaskRecord> | null;
  pageSize: number;
  signal?: AbortSignal;
  /** Each page's records, handed over (to be journaled) before the next page is asked. */
  onRecords(records: FollowedRecord[]): void;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function toFollowed(record: TaskRecord): FollowedRecord {
  return {
    authTaskRecordId: record.authTaskRecordId,
    personId: record.personId,
    name: record.name,
    state: record.state,
    issueInfo: null,
  };
}

/**
 * Reads the failed records of an ended task (the records call filtered by issue status), from offset `stored`
 * on, until they reach the stated `total`. A page shorter than asked is not the end while the total says more:
 * the next pages are asked in the largest size that keeps offsets aligned (a silent page cap skips nothing).
 * An empty page ends the reading early (`complete: false`). Only what this call read is answered.
 */
export async function readFailedRecords(
  client: TuyaClient,
  query: FailedRecordsQuery,
): Promise<{ records: FollowedRecord[]; complete: boolean }> {
  const call = query.signal ? { signal: query.signal } : {};
  const records: FollowedRecord[] = [];
  let offset = query.stored;
  let total = query.failed;
  let size = query.pageSize;
  const take = (page: Page<TaskRecord>, asked: number): number => {
    const fresh = page.items.filter((r) => r.state === 'failed').map(toFollowed);
    records.push(...fresh);
    query.onRecords(fresh);
    if (page.total !== null) total = page.total;
    if (page.items.length > 0 && page.items.length < asked) size = gcd(offset + page.items.length, page.items.length);
    return page.items.length;
  };
  if (query.firstPage !== null && offset === 0) offset += take(query.firstPage, query.pageSize);
  for (let guard = 0; offset < total && guard < 100_000; guard++) {
    while (offset % size !== 0) size = gcd(offset, size);
    const asked = size;
    const answer = await listTaskRecords(
      client,
      {
        projectId: query.projectId,
        authTaskId: query.taskId,
        state: 'failed',
        page: offset / size + 1,
        pageSize: size,
      },
      call,
    );
    const got = take(answer.page, asked);
    if (got === 0) return { records, complete: false };
    offset += got;
  }
  return { records, complete: offset >= total };
}
