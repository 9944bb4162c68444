import { z } from 'zod';
import type { TuyaClient } from './client.ts';
import { TuyaError } from './errors.ts';
import { ALL_PAGES_SIZE, BUILDING_API, collectPages, idListSchema, idSchema, intSchema, parsePage } from './schemas.ts';
import { textSchema, type CallOptions, type Page } from './schemas.ts';
import { CERTIFICATE_POLICIES, type CertificatePolicy } from './task-status.ts';

/**
 * Typed calls of the Tuya building access control APIs (vendor document "Manage Person Permissions", plus the
 * channel list), with zod-validated answers in camelCase whatever spelling the cloud used. The task calls
 * (list, detail, records, issue-info) are in api-tasks.ts and re-exported here.
 */

/** Filters of the channel list (GET access-control-channels; all optional). */
export interface ChannelQuery {
  /** Absent: the client's project. */
  projectId?: string;
  accessControlName?: string;
  accessControlChannelName?: string;
  ipAddress?: string;
  deviceMac?: string;
  cid?: string;
  deviceSn?: string;
  roomId?: string;
  /** 0 offline, 1 online. */
  deviceStatus?: 0 | 1;
  containSub?: boolean;
  /** From 1. */
  page?: number;
  pageSize?: number;
}

const ChannelSchema = z.object({
  accessControlChannelId: idSchema,
  accessControlChannelName: textSchema,
  accessControlChannelNo: textSchema,
  accessControlId: textSchema,
  /** The access control device's name. */
  accessControlName: textSchema,
  projectId: textSchema,
  roomId: textSchema,
  positionPath: textSchema,
  deviceId: textSchema,
  deviceName: textSchema,
  /** 0 offline, 1 online. */
  deviceStatus: intSchema,
  deviceSn: textSchema,
  ipAddress: textSchema,
  deviceMac: textSchema,
  cid: textSchema,
});

/** A channel (entrance or exit) of the project and its access control device. */
export type TuyaChannel = z.infer<typeof ChannelSchema>;

/** One page of channels: `GET /v1.0/iot-02/building/access-control-channels` (parameters in the query). */
export async function listChannels(
  client: TuyaClient,
  query: ChannelQuery = {},
  options: CallOptions = {},
): Promise<Page<TuyaChannel>> {
  const result = await client.request({
    method: 'GET',
    path: `${BUILDING_API}/access-control-channels`,
    query: { ...query },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return parsePage(result, ChannelSchema, 'channel list');
}

/** Every channel matching the filters (all pages). */
export function listAllChannels(
  client: TuyaClient,
  query: Omit<ChannelQuery, 'page' | 'pageSize'> = {},
  options: CallOptions = {},
): Promise<TuyaChannel[]> {
  return collectPages((page, pageSize) => listChannels(client, { ...query, page, pageSize }, options), ALL_PAGES_SIZE);
}

/** Filters of the permission query (POST access-auth), as the vendor document lists them. */
export interface AccessAuthQuery {
  projectId: string;
  name?: string;
  sex?: number;
  mobile?: string;
  structureId?: string;
  personCode?: string;
  /** 0 permanent, -1 expired, 7/15/30 less than that many days left. */
  authDateType?: 0 | -1 | 7 | 15 | 30;
  accessControlChannelName?: string;
  accessChannelRoomId?: string;
  businessDeviceName?: string;
  authStartTime?: number;
  authEndTime?: number;
  /** 1 already sent, 0 to be sent. */
  faceIssueStatus?: 0 | 1;
  cardIssueStatus?: 0 | 1;
  fingerprintIssueStatus?: 0 | 1;
  channelIds?: string[];
  page?: number;
  pageSize?: number;
}

const AccessAuthSchema = z.object({
  accessAuthId: idSchema,
  personId: textSchema,
  name: textSchema,
  sex: textSchema,
  mobileCountry: textSchema,
  mobile: textSchema,
  personCode: textSchema,
  structureIds: idListSchema,
  accessAuthTimeRangeId: textSchema,
  accessAuthTimeRangeStr: textSchema,
  businessDeviceName: textSchema,
  accessControlChannelId: textSchema,
  accessControlChannelName: textSchema,
  accessControlChannelNo: textSchema,
  accessChannelRoomId: textSchema,
  accessChannelPositionPath: textSchema,
  authStartTime: intSchema,
  authEndTime: intSchema,
  totalCardNum: intSchema,
  authCardNum: intSchema,
  totalFaceNum: intSchema,
  authFaceNum: intSchema,
  totalFingerprintNum: intSchema,
  authFingerprintNum: intSchema,
  /** 0 to be sent, 1 already sent. */
  faceIssueStatus: intSchema,
  cardIssueStatus: intSchema,
  fingerprintIssueStatus: intSchema,
});

/** One permission: a person may pass a channel. */
export type TuyaAccessAuth = z.infer<typeof AccessAuthSchema>;

/** One page of permissions: `POST /v1.0/iot-02/building/access-auth`. */
export async function queryAccessAuth(
  client: TuyaClient,
  query: AccessAuthQuery,
  options: CallOptions = {},
): Promise<Page<TuyaAccessAuth>> {
  const result = await client.request({
    method: 'POST',
    path: `${BUILDING_API}/access-auth`,
    body: query,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return parsePage(result, AccessAuthSchema, 'permission query');
}

/** Every permission matching the filters (all pages, each permission once). */
export async function queryAllAccessAuth(
  client: TuyaClient,
  query: Omit<AccessAuthQuery, 'page' | 'pageSize'>,
  options: CallOptions = {},
): Promise<TuyaAccessAuth[]> {
  const all = await collectPages(
    (page, pageSize) => queryAccessAuth(client, { ...query, page, pageSize }, options),
    ALL_PAGES_SIZE,
  );
  // A permission granted while paging can shift later pages by one: keep the first sighting of each id.
  const seen = new Set<string>();
  return all.filter((auth) => !seen.has(auth.accessAuthId) && seen.add(auth.accessAuthId));
}

/** `full` sends every permission of the channels again; `increment` only what is still to be sent. */
export type IssueMode = 'full' | 'increment';

/** What to issue. */
export interface IssueRequest {
  projectId: string;
  mode: IssueMode;
  channelIds: readonly string[];
  /** The credentials pushed: card, card+face, card+password, card+password+face. */
  certificate: CertificatePolicy;
}

/** The tasks an issue started. */
export interface IssueResult {
  /** The new task ids (one per channel on the simulator; the vendor documents the result only as "String{}"). */
  taskIds: string[];
}

/** Reads the issue calls' result: ids joined by ",", an array of ids, or an object holding them. */
export function parseIssuedTaskIds(result: unknown): string[] {
  const fromText = (text: string): string[] =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  if (typeof result === 'string') return fromText(result);
  if (typeof result === 'number') return [String(result)];
  if (Array.isArray(result)) return result.flatMap((item) => parseIssuedTaskIds(item));
  if (result !== null && typeof result === 'object') {
    const record = result as Record<string, unknown>;
    for (const key of ['authTaskIds', 'taskIds', 'authTaskId', 'taskId']) {
      if (record[key] !== undefined) return parseIssuedTaskIds(record[key]);
    }
  }
  return [];
}

/**
 * Starts issuing permissions to channels: `POST .../access-auth-issue/actions/full` or `/increment`. Not
 * repeated when the answer is lost after the request may have arrived (it would start the tasks twice).
 */
export async function issuePermissions(
  client: TuyaClient,
  request: IssueRequest,
  options: CallOptions = {},
): Promise<IssueResult> {
  const channelIds = [...new Set(request.channelIds)];
  if (channelIds.length === 0) {
    throw new TuyaError({ kind: 'invalid', message: 'Choose at least one entrance or exit to send permissions to.' });
  }
  const result = await client.request({
    method: 'POST',
    path: `${BUILDING_API}/access-auth-issue/actions/${request.mode}`,
    body: {
      projectId: request.projectId,
      authIssueCertificate: CERTIFICATE_POLICIES[request.certificate],
      channelIds,
    },
    idempotent: false,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { taskIds: parseIssuedTaskIds(result) };
}

/** The task calls (api-tasks.ts). */
export {
  getIssueInfo,
  getTask,
  listAllTaskRecords,
  listTaskRecords,
  listTasks,
  type CredentialCounts,
  type IssueInfo,
  type TaskDetail,
  type TaskListQuery,
  type TaskRecord,
  type TaskRecordQuery,
  type TaskRecordsPage,
  type TaskSummary,
} from './api-tasks.ts';
/** Paths, paging and call options shared by every call. */
export { ALL_PAGES_SIZE, BUILDING_API, type CallOptions, type Page } from './schemas.ts';
