import { TuyaError } from './errors.ts';
import { maskMobile, type AccessAuth, type SimChannel } from './model.ts';
import { fuzzyMatch, optInt, optString, paginate, readPaging, requireInt, requireString } from './params.ts';
import { requireStringArray } from './params.ts';
import { requireProject, type Route, type RouteContext } from './router.ts';
import { TIME_RANGE } from './routes-auth.ts';
import type { AuthTask, TaskBook } from './tasks.ts';
import {
  AUTH_ISSUE_CERTIFICATE,
  AUTH_ISSUE_CERTIFICATE_CODES,
  RECORD_ISSUE_STATUS,
  progressCode,
  progressCodes,
  statusCode,
  statusCodes,
  type AuthIssueCertificate,
} from './task-values.ts';

const BASE = '/v1.0/iot-02/building';

function channelFields(channel: SimChannel): Record<string, unknown> {
  return {
    accessControlChannelName: channel.accessControlChannelName,
    accessControlChannelNo: channel.accessControlChannelNo,
    accessChannelPositionPath: channel.positionPath,
    businessDeviceName: channel.accessControlName,
  };
}

/**
 * The finish time once the task has ended (omitted before: Tuya leaves null fields out; never sent when the
 * `finishTimes` knob of the task book is off, so clients must read the end from the numbers and counts).
 */
function finishField(tasks: TaskBook, task: AuthTask, now: number): Record<string, number> {
  const at = tasks.finishAt(task);
  return at <= now && tasks.finishTimes ? { taskFinishTime: at } : {};
}

/** A permission is pending when a credential of the policy has not been sent yet. */
function pending(auth: AccessAuth, certificate: AuthIssueCertificate): boolean {
  const policy = AUTH_ISSUE_CERTIFICATE[certificate];
  return auth.issued.card === 0 || (policy.face && auth.person.faceCount > 0 && auth.issued.face === 0);
}

/**
 * POST access-auth-issue/actions/full and /increment. One task per channel (duplicates in channelIds count
 * once). Full: every permission of the channel; expired ones become deletions. Increment: the unexpired
 * permissions with a credential of the policy still to be sent. The vendor documents the result as
 * "String{}", Tuya's notation for a String result: the simulator answers the new authTaskIds joined by ","
 * (one id for one channel). Clients should treat it as opaque and follow tasks with the task list.
 */
function issue(authIssueType: 1 | 2) {
  return (context: RouteContext): unknown => {
    requireProject(context);
    const certificate = requireInt(context.params, 'authIssueCertificate', AUTH_ISSUE_CERTIFICATE_CODES);
    const channelIds = [...new Set(requireStringArray(context.params, 'channelIds'))];
    const channels = channelIds.map((id) => {
      const channel = context.site.channels.find((c) => c.accessControlChannelId === id);
      if (!channel) throw new TuyaError(1000, `no channel ${id}`);
      return channel;
    });
    const ids = channels.map((channel) => {
      const onChannel = context.site.auths.filter((a) => a.channel === channel);
      const expired = onChannel.filter((a) => a.authEndTime < context.now);
      const auths =
        authIssueType === 1
          ? onChannel
          : onChannel.filter((a) => a.authEndTime >= context.now && pending(a, certificate as AuthIssueCertificate));
      const task = context.tasks.create({
        channel,
        authIssueType,
        authIssueCertificate: certificate as AuthIssueCertificate,
        auths,
        deletions: new Set(authIssueType === 1 ? expired.map((a) => a.accessAuthId) : []),
        now: context.now,
      });
      return task.authTaskId;
    });
    return ids.join(',');
  };
}

/** POST access-auth-task: the task history, newest first, with the filters of the vendor document. */
function taskList(context: RouteContext): unknown {
  requireProject(context);
  const { params: p, tasks, now } = context;
  const issueType = optInt(p, 'issueType', [1, 2]);
  const startFrom = optInt(p, 'taskStartStartTime');
  const startTo = optInt(p, 'taskStartEndTime');
  const channelName = optString(p, 'accessControlChannelName');
  const positionPath = optString(p, 'accessChannelPositionPath');
  const deviceName = optString(p, 'businessDeviceName');
  const authNumType = optInt(p, 'authNumType', [-1, 0, 1]);
  const authIssueType = optInt(p, 'authIssueType', [1, 2]);
  const certificate = optInt(p, 'authIssueCertificate', AUTH_ISSUE_CERTIFICATE_CODES);
  const numbering = tasks.numbering;
  const progress = optInt(p, 'authTaskProgress', progressCodes(numbering));
  const status = optInt(p, 'authTaskStatus', statusCodes(numbering));
  const finishFrom = optInt(p, 'taskFinishStartTime');
  const finishTo = optInt(p, 'taskFinishEndTime');
  const paging = readPaging(p);
  const matches = (task: AuthTask): boolean => {
    const progressName = tasks.progress(task, now);
    const ended = progressName === 'completed' || progressName === 'terminated';
    const finish = ended ? tasks.finishAt(task) : undefined;
    const n = task.records.length;
    return (
      (issueType === undefined || (issueType === 2) === ended) &&
      (startFrom === undefined || task.taskStartTime >= startFrom) &&
      (startTo === undefined || task.taskStartTime <= startTo) &&
      fuzzyMatch(task.channel.accessControlChannelName, channelName) &&
      fuzzyMatch(task.channel.positionPath, positionPath) &&
      fuzzyMatch(task.channel.accessControlName, deviceName) &&
      (authNumType === undefined || authNumType === -1 || (authNumType === 1) === n > 0) &&
      (authIssueType === undefined || task.authIssueType === authIssueType) &&
      (certificate === undefined || task.authIssueCertificate === certificate) &&
      (progress === undefined || progressCode(progressName, numbering) === progress) &&
      (status === undefined || statusCode(tasks.status(task, now), numbering) === status) &&
      (finishFrom === undefined || (finish !== undefined && finish >= finishFrom)) &&
      (finishTo === undefined || (finish !== undefined && finish <= finishTo))
    );
  };
  const list = tasks
    .all()
    .filter(matches)
    .map((task) => ({
      authTaskId: task.authTaskId,
      taskStartTime: task.taskStartTime,
      ...channelFields(task.channel),
      authNum: task.records.length,
      authIssueType: task.authIssueType,
      successNum: tasks.successNum(task),
      authTaskProgress: progressCode(tasks.progress(task, now), numbering),
      authTaskStatus: statusCode(tasks.status(task, now), numbering),
      ...finishField(tasks, task, now),
    }));
  return paginate(list, paging);
}

function findTask(context: RouteContext, id: string): AuthTask {
  const task = context.tasks.get(id);
  if (!task) throw new TuyaError(1000, `no task ${id}`);
  return task;
}

/** GET access-auth-task/{authTaskId}: exactly the documented fields (no progress: use the list). */
function taskDetail(context: RouteContext): unknown {
  requireProject(context);
  const task = findTask(context, context.pathParams.authTaskId ?? '');
  return {
    taskStartTime: task.taskStartTime,
    ...finishField(context.tasks, task, context.now),
    authIssueCertificate: task.authIssueCertificate,
    authIssueCertificateStr: AUTH_ISSUE_CERTIFICATE[task.authIssueCertificate].label,
    ...channelFields(task.channel),
  };
}

function cappedPage<T>(items: readonly T[], paging: { page: number; pageSize: number }, cap: number) {
  const start = (paging.page - 1) * paging.pageSize;
  const size = cap > 0 ? Math.min(cap, paging.pageSize) : paging.pageSize;
  const list = items.slice(start, start + size);
  return { total: items.length, list, hasMore: start + list.length < items.length };
}

/** POST access-auth-task/records: the people of one task, with filters and paging (`pageCap` knob honoured). */
function taskRecords(context: RouteContext): unknown {
  const projectId = requireProject(context);
  const p = context.params;
  const task = findTask(context, requireString(p, 'authTaskId'));
  const name = optString(p, 'name');
  const mobile = optString(p, 'mobile');
  const structureName = optString(p, 'structureName');
  const issueStatus = optInt(p, 'issueStatus', Object.values(RECORD_ISSUE_STATUS));
  const paging = readPaging(p);
  // The `pageCap` knob: pages silently cut to that many rows (offsets and the total as asked and stated).
  const cap = context.knobs?.pageCap ?? 0;
  const list = task.records
    .filter(
      (r) =>
        fuzzyMatch(r.auth.person.name, name) &&
        fuzzyMatch(r.auth.person.mobile, mobile) &&
        fuzzyMatch(r.auth.person.structure.name, structureName) &&
        (issueStatus === undefined || RECORD_ISSUE_STATUS[r.issueStatus] === issueStatus),
    )
    .map((r) => ({
      projectId,
      authTaskRecordId: r.authTaskRecordId,
      personId: r.auth.person.personId,
      name: r.auth.person.name,
      mobileCountry: r.auth.person.mobileCountry,
      mobile: maskMobile(r.auth.person.mobile),
      structureName: r.auth.person.structure.name,
      ...TIME_RANGE,
      ...(r.authIssueTime === undefined ? {} : { authIssueTime: r.authIssueTime }),
      issueStatus: RECORD_ISSUE_STATUS[r.issueStatus],
    }));
  return {
    totalNum: task.records.length,
    successNum: context.tasks.successNum(task),
    recordListVOList: cappedPage(list, paging, cap),
  };
}

/** GET access-auth-task/actions/issue-info: the per-credential breakdown of one record. */
function issueInfo(context: RouteContext): unknown {
  const projectId = requireProject(context);
  const id = requireString(context.params, 'authTaskRecordId');
  const found = context.tasks.findRecord(id);
  if (!found) throw new TuyaError(1000, `no task record ${id}`);
  return { projectId, authTaskRecordId: id, ...context.tasks.breakdown(found.task, found.record) };
}

/** The issuing and task APIs (literal paths before the `{authTaskId}` pattern). */
export const TASK_ROUTES: readonly Route[] = [
  { method: 'POST', pattern: `${BASE}/access-auth-issue/actions/full`, handler: issue(1) },
  { method: 'POST', pattern: `${BASE}/access-auth-issue/actions/increment`, handler: issue(2) },
  { method: 'POST', pattern: `${BASE}/access-auth-task`, handler: taskList },
  { method: 'POST', pattern: `${BASE}/access-auth-task/records`, handler: taskRecords },
  { method: 'GET', pattern: `${BASE}/access-auth-task/actions/issue-info`, handler: issueInfo },
  { method: 'GET', pattern: `${BASE}/access-auth-task/{authTaskId}`, handler: taskDetail },
];
