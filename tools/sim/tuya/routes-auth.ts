import { TuyaError } from './errors.ts';
import { maskMobile, PERMANENT_END_TIME, type AccessAuth, type SimChannel } from './model.ts';
import { fuzzyMatch, optInt, optString, optStringArray, paginate, readPaging, requireString } from './params.ts';
import type { Paging } from './params.ts';
import { optionalProject, requireProject, type Route, type RouteContext } from './router.ts';

const BASE = '/v1.0/iot-02/building';
const DAY = 24 * 3600 * 1000;

/** Accessible period: the only one the service has today ("Currently, the value defaults to all the day"). */
export const TIME_RANGE = { accessAuthTimeRangeId: '1', accessAuthTimeRangeStr: 'All the day' } as const;

/**
 * `authDateType` filter of the permission query: 0 permanent, -1 expired, 7/15/30 "less than N days" left.
 * "Less than N days" is read as: not expired and ending within N days of now (so 15 includes 7).
 */
export function matchesAuthDateType(auth: AccessAuth, type: number | undefined, now: number): boolean {
  if (type === undefined) return true;
  if (type === 0) return auth.authEndTime >= PERMANENT_END_TIME;
  if (type === -1) return auth.authEndTime < now;
  return auth.authEndTime >= now && auth.authEndTime < now + type * DAY;
}

function listItem(auth: AccessAuth): Record<string, unknown> {
  const { person, channel } = auth;
  return {
    accessAuthId: auth.accessAuthId,
    personId: person.personId,
    name: person.name,
    sex: String(person.sex),
    mobileCountry: person.mobileCountry,
    mobile: maskMobile(person.mobile),
    personCode: person.personCode,
    structureIds: [person.structure.id],
    ...TIME_RANGE,
    businessDeviceName: channel.accessControlName,
    accessControlChannelId: channel.accessControlChannelId,
    authStartTime: auth.authStartTime,
    authEndTime: auth.authEndTime,
    accessControlChannelName: channel.accessControlChannelName,
    accessControlChannelNo: channel.accessControlChannelNo,
    accessChannelRoomId: channel.roomId,
    accessChannelPositionPath: channel.positionPath,
    totalCardNum: person.cardCount,
    authCardNum: person.cardCount,
    totalFaceNum: person.faceCount,
    authFaceNum: person.faceCount,
    totalFingerprintNum: person.fingerprintCount,
    authFingerprintNum: person.fingerprintCount,
    faceIssueStatus: auth.issued.face,
    cardIssueStatus: auth.issued.card,
    fingerprintIssueStatus: auth.issued.fingerprint,
  };
}

function detail(auth: AccessAuth): Record<string, unknown> {
  const { person, channel } = auth;
  return {
    personId: person.personId,
    name: person.name,
    // A .invalid host never resolves: the simulator serves no images.
    imageUrl: `https://images.example.invalid/face/${person.personId}.jpg`,
    sex: person.sex,
    sexStr: person.sex === 1 ? 'Male' : 'Female',
    mobileCountry: person.mobileCountry,
    mobile: maskMobile(person.mobile),
    personCode: person.personCode,
    structureNames: [person.structure.name],
    accessControlChannelName: channel.accessControlChannelName,
    accessControlChannelNo: channel.accessControlChannelNo,
    accessChannelRoomId: channel.roomId,
    accessChannelPositionPath: channel.positionPath,
    businessDeviceName: channel.accessControlName,
    authStartTime: auth.authStartTime,
    authEndTime: auth.authEndTime,
    authCreateTime: auth.authCreateTime,
    authSource: '1',
    authSourceStr: 'Manual authorization',
    totalCardNum: person.cardCount,
    authCardNum: person.cardCount,
    totalFaceNum: person.faceCount,
    authFaceNum: person.faceCount,
    totalFingerprintNum: person.fingerprintCount,
    authFingerprintNum: person.fingerprintCount,
    faceIssueStatus: auth.issued.face,
    cardIssueStatus: auth.issued.card,
    fingerprintIssueStatus: auth.issued.fingerprint,
  };
}

/**
 * GET access-control-channels. Parameters from Tuya's public "access control channel" page: projectId is
 * optional there (absent → this client's project); name filters are fuzzy, ids exact; containSub is
 * accepted and ignored (the simulated rooms have no sub-areas).
 */
function channels(context: RouteContext): unknown {
  optionalProject(context);
  const p = context.params;
  const accessControlName = optString(p, 'accessControlName');
  const channelName = optString(p, 'accessControlChannelName');
  const ipAddress = optString(p, 'ipAddress');
  const deviceMac = optString(p, 'deviceMac')?.toLowerCase();
  const cid = optString(p, 'cid');
  const deviceSn = optString(p, 'deviceSn');
  const roomId = optString(p, 'roomId');
  const deviceStatus = optInt(p, 'deviceStatus', [0, 1]);
  const paging = readPaging(p);
  const matches = (c: SimChannel): boolean =>
    fuzzyMatch(c.accessControlName, accessControlName) &&
    fuzzyMatch(c.accessControlChannelName, channelName) &&
    (ipAddress === undefined || c.ipAddress === ipAddress) &&
    (deviceMac === undefined || c.deviceMac === deviceMac) &&
    (cid === undefined || c.cid === cid) &&
    (deviceSn === undefined || c.deviceSn === deviceSn) &&
    (roomId === undefined || c.roomId === roomId) &&
    (deviceStatus === undefined || c.deviceStatus === deviceStatus);
  return paginate(
    context.site.channels.filter(matches).map((c) => ({ ...c })),
    paging,
  );
}

/** POST access-auth: the permission query, with the vendor document's filters and paging. */
function accessAuthList(context: RouteContext): unknown {
  requireProject(context);
  const p = context.params;
  const name = optString(p, 'name');
  const sex = optInt(p, 'sex');
  const mobile = optString(p, 'mobile');
  const structureId = optString(p, 'structureId');
  const personCode = optString(p, 'personCode');
  const authDateType = optInt(p, 'authDateType', [0, -1, 7, 15, 30]);
  const channelName = optString(p, 'accessControlChannelName');
  const roomId = optString(p, 'accessChannelRoomId');
  const deviceName = optString(p, 'businessDeviceName');
  const authStartTime = optInt(p, 'authStartTime');
  const authEndTime = optInt(p, 'authEndTime');
  const faceIssueStatus = optInt(p, 'faceIssueStatus', [0, 1]);
  const cardIssueStatus = optInt(p, 'cardIssueStatus', [0, 1]);
  const fingerprintIssueStatus = optInt(p, 'fingerprintIssueStatus', [0, 1]);
  const channelIds = optStringArray(p, 'channelIds');
  const paging = readPaging(p);
  const matches = (a: AccessAuth): boolean =>
    fuzzyMatch(a.person.name, name) &&
    (sex === undefined || a.person.sex === sex) &&
    fuzzyMatch(a.person.mobile, mobile) &&
    (structureId === undefined || a.person.structure.id === structureId) &&
    (personCode === undefined || a.person.personCode === personCode) &&
    matchesAuthDateType(a, authDateType, context.now) &&
    fuzzyMatch(a.channel.accessControlChannelName, channelName) &&
    (roomId === undefined || a.channel.roomId === roomId) &&
    fuzzyMatch(a.channel.accessControlName, deviceName) &&
    // Time filters: permissions that start at or after authStartTime and end at or before authEndTime.
    (authStartTime === undefined || a.authStartTime >= authStartTime) &&
    (authEndTime === undefined || a.authEndTime <= authEndTime) &&
    (faceIssueStatus === undefined || a.issued.face === faceIssueStatus) &&
    (cardIssueStatus === undefined || a.issued.card === cardIssueStatus) &&
    (fingerprintIssueStatus === undefined || a.issued.fingerprint === fingerprintIssueStatus) &&
    (channelIds === undefined || channelIds.includes(a.channel.accessControlChannelId));
  const page = paginate(context.site.auths.filter(matches).map(listItem), cappedPaging(paging, context.knobs?.pageCap));
  if (!context.knobs?.variants.includes('no-has-more')) return page;
  const { hasMore: _hasMore, ...captured } = page;
  return captured;
}

/**
 * The `pageCap` knob: Tuya documents no page-size limit for the permission query, so a cloud that holds pages
 * to fewer rows than asked, without saying so, is allowed by the document. The page is then cut with the capped
 * size (offset = (page - 1) × cap) and `total` still counts every match: only the stated total tells a client
 * that a short page is not the end.
 */
export function cappedPaging(paging: Paging, cap: number | undefined): Paging {
  return cap !== undefined && cap > 0 && paging.pageSize > cap ? { ...paging, pageSize: cap } : paging;
}

/** GET access-auth/detail (parameters in the query: a GET has no body). */
function accessAuthDetail(context: RouteContext): unknown {
  requireProject(context);
  const id = requireString(context.params, 'accessAuthId');
  const auth = context.site.auths.find((a) => a.accessAuthId === id);
  if (!auth) throw new TuyaError(1000, `no authorization ${id}`);
  return detail(auth);
}

/** The channel and permission APIs. */
export const AUTH_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: `${BASE}/access-control-channels`, handler: channels },
  { method: 'POST', pattern: `${BASE}/access-auth`, handler: accessAuthList },
  { method: 'GET', pattern: `${BASE}/access-auth/detail`, handler: accessAuthDetail },
];
