import type { CredentialBreakdown, RecordStateName } from '../../../../shared/domain/permissions.ts';
import { getIssueInfo, listAllTaskRecords } from '../tuya/api-tasks.ts';
import type { TuyaConnection } from '../cloud-config.ts';
import type { PushTasks, TaskRow } from './push-tasks.ts';

/**
 * Most per-credential breakdowns (issue-info calls) read when a page of records is opened: the records of the
 * page without one, first first. The rest are read as the technician opens the page again or pages on.
 */
export const BREAKDOWNS_PER_OPEN = 20;

/** Whether the journal holds the records of `state` (undefined: every record) of a finished task. */
export function recordsCached(task: TaskRow, state: RecordStateName | undefined): boolean {
  if (task.recordsScope === 'all') return true;
  if (state === undefined) return false;
  if (state === 'failed') return task.recordsScope === 'failed';
  return task.fetchedStates.includes(state);
}

/**
 * The rest on demand: the records of a state the follow did not read (or every record), read from the cloud
 * once (all pages, to the stated total) and journaled, so opening them again is served from the journal.
 */
export async function fetchRecordsOnDemand(
  connection: TuyaConnection,
  tasks: PushTasks,
  task: TaskRow,
  state: RecordStateName | undefined,
): Promise<void> {
  if (!task.recordsStored || recordsCached(task, state)) return;
  const records = await listAllTaskRecords(connection.client, {
    projectId: connection.projectId,
    authTaskId: task.taskId,
    ...(state === undefined ? {} : { state }),
  });
  tasks.storeFetched(
    task.taskId,
    state,
    records.map((r) => ({
      authTaskRecordId: r.authTaskRecordId,
      personId: r.personId,
      name: r.name,
      state: r.state,
      issueInfo: null,
    })),
  );
}

/** Reads (issue-info) and journals the breakdown of opened records that have none yet (at most {@link BREAKDOWNS_PER_OPEN}). */
export async function fetchBreakdowns(
  connection: TuyaConnection,
  tasks: PushTasks,
  taskId: string,
  records: ReadonlyArray<{ recordId: string; state: RecordStateName; breakdown: CredentialBreakdown | null }>,
): Promise<number> {
  const missing = records
    .filter((r) => r.breakdown === null && (r.state === 'failed' || r.state === 'succeeded'))
    .slice(0, BREAKDOWNS_PER_OPEN);
  const read: { recordId: string; breakdown: CredentialBreakdown }[] = [];
  for (const record of missing) {
    const info = await getIssueInfo(connection.client, connection.projectId, record.recordId);
    read.push({
      recordId: record.recordId,
      breakdown: {
        person: info.person,
        card: info.card,
        cardPassword: info.cardPassword,
        face: info.face,
        fingerprint: info.fingerprint,
      },
    });
  }
  if (read.length > 0) tasks.storeBreakdowns(taskId, read);
  return read.length;
}
