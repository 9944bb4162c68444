// Every code of the vendor's error table for /face/paas/permission/delete (the living platform shares one
// table across its APIs, so some rows belong to sibling APIs), mapped in ONE place to what it means for a
// permission-delete item and what the technician should do.
//
// How a code is found: rows match on HTTP status (200, or the gateway's own 500/503/403/401/400), `code`,
// and the vendor message compared case-insensitively without a trailing "." ("request forbidden." and
// "request forbidden" are the same row). A message the table does not list falls back to the code's default
// row; a code the table does not list is a request-level failure that is not retried.
//
// Decisions the vendor document leaves open (explained, because they decide what the technician sees):
// - Unknown users (2405, 2407, 2442, 460 "dingdingbind employee not exist") are FAILED, not already-absent:
//   the platform does not know that id under that user type, which is as likely a typo or the wrong user type
//   as a person who was never enrolled, and reporting "already absent" could leave a face that still opens
//   the door. Only 3000 "permission not exist" is evidence that the face is not there, and only for a request
//   that named that user alone: for a request naming several users its meaning is not documented (a platform
//   may answer it for the whole request when one user had no face there, and delete nothing).
// - The delete is all-or-nothing per request, so "user" codes (one id in the list can cause them) and 3000
//   make the caller split the batch until each user has an answer of its own (permission-delete.ts); "scope"
//   codes concern the device or space id. Only 200 is an answer about every user of the request.
// - 2402 and 20008 (token expired) renew a project cloudToken once and retry once; 460 "iotToken is blank"
//   too. With a user iotToken nothing can be renewed: the technician must sign in again.
// - Request Forbidden (403 inside an HTTP 200) is one row whatever its case: the vendor texts differ only by
//   case and a final dot, and both readings (scope of another project, app not authorised) need the same fix.

import type { FailureKind } from '../../drivers/driver.ts';

/**
 * What a code is about: the whole call, the scope id, one of the listed users, or the call's effect (200, and
 * 3000, which is about each user only when the call named one user).
 */
export type CodeLevel = 'request' | 'scope' | 'user' | 'done';

/** What one vendor answer means. */
export interface CodeMeaning {
  /** HTTP status of the row (200 for codes inside a normal answer). */
  http: number;
  code: number;
  /** The vendor message this row matches (normalised), or null for the code's default. */
  vendorMessage: string | null;
  /** Outcome of each permission-delete item the answer concerns (when it is final). */
  outcome: 'removed' | 'already-absent' | 'failed';
  /** Sending the same request again later may succeed (the delete is idempotent). */
  retryable: boolean;
  /** The credentials, the app or the session are the problem: the technician must fix the setup. */
  auth: boolean;
  /** A project cloudToken should be renewed (once) and the call retried (once). */
  renewToken: boolean;
  /** The gateway's flow control: back off and try again. */
  throttled: boolean;
  level: CodeLevel;
  /** What happened and what to do, in English, for the technician. */
  message: string;
}

type Shape = Omit<CodeMeaning, 'http' | 'code' | 'vendorMessage' | 'message'>;

const DONE_REMOVED: Shape = {
  outcome: 'removed',
  retryable: false,
  auth: false,
  renewToken: false,
  throttled: false,
  level: 'done',
};
const TRANSIENT: Shape = { ...DONE_REMOVED, outcome: 'failed', retryable: true, level: 'request' };
const THROTTLED: Shape = { ...TRANSIENT, throttled: true };
const INVALID: Shape = { ...DONE_REMOVED, outcome: 'failed', level: 'request' };
const AUTH: Shape = { ...INVALID, auth: true };
const TOKEN: Shape = { ...AUTH, renewToken: true };
const USER: Shape = { ...INVALID, level: 'user' };
const SCOPE: Shape = { ...INVALID, level: 'scope' };

const LATER = 'The removal will be sent again later; sending it twice is harmless.';
const CHECK_KEYS = 'Check the AppKey, AppSecret and project ID in the cloud settings.';
const APP_BUG = 'This is a fault in Face Commissioner, not in your data; report it with the job log.';
const UNKNOWN_USER = 'Nothing was removed for this person. Check the id and the user type in the list.';

function row(http: number, code: number, vendorMessage: string | null, shape: Shape, message: string): CodeMeaning {
  return { http, code, vendorMessage: vendorMessage === null ? null : normalise(vendorMessage), ...shape, message };
}

/** HTTP 403 "Request Limited": the gateway's flow control. */
export const THROTTLED_MEANING: CodeMeaning = row(
  403,
  403,
  'Request Limited',
  THROTTLED,
  `Alibaba Cloud is limiting how fast this app may call it. ${LATER}`,
);

/** Every row of the vendor table (duplicates merged), plus success and one default per overloaded code. */
export const CODE_TABLE: readonly CodeMeaning[] = [
  row(200, 200, null, DONE_REMOVED, 'Removed: the face is no longer on the device (or on any device of the space).'),
  // Rows answered by the API gateway with their own HTTP status.
  row(500, 500, 'Internal Error', TRANSIENT, `The Alibaba Cloud gateway had an internal error. ${LATER}`),
  row(503, 503, 'Service Unavailable', TRANSIENT, `The Alibaba Cloud service is unavailable for now. ${LATER}`),
  THROTTLED_MEANING,
  row(401, 401, 'Empty Signature', AUTH, `The gateway received an unsigned request. ${CHECK_KEYS}`),
  row(400, 400, 'Request Format Error', INVALID, `The gateway could not read the request. ${APP_BUG}`),
  // Codes inside an HTTP 200 answer.
  row(
    200,
    20003,
    'Find Backend Error',
    INVALID,
    'The gateway has no face service at this address. Check the gateway host (China: api.link.aliyun.com; international: api-iot.ap-southeast-1.aliyuncs.com) and that the app has the face API.',
  ),
  row(200, 20004, 'Backend Service Error', TRANSIENT, `The Alibaba Cloud face service failed. ${LATER}`),
  row(
    200,
    20055,
    'Backend Service Invalid Request Format Error',
    INVALID,
    `The face service could not read the request. ${APP_BUG}`,
  ),
  row(
    200,
    20056,
    'Hsf Invoke Timeout',
    TRANSIENT,
    `The Alibaba Cloud face service timed out; the removal may or may not have happened. ${LATER}`,
  ),
  row(
    200,
    401,
    'Request Authorized Error',
    AUTH,
    `The platform did not authorise this app for the project. ${CHECK_KEYS}`,
  ),
  row(200, 401, null, AUTH, `The platform refused the app's authorisation. ${CHECK_KEYS}`),
  row(
    200,
    403,
    'request forbidden',
    SCOPE,
    'The platform refused access to this device or space: it may belong to another project, or this app or account may not manage it. Check the device or space id and the project ID.',
  ),
  row(200, 500, 'server error', TRANSIENT, `The Alibaba Cloud platform had an internal error. ${LATER}`),
  row(200, 500, null, TRANSIENT, `The Alibaba Cloud platform had an internal error. ${LATER}`),
  row(
    200,
    2459,
    'oa error message',
    AUTH,
    'The platform found no OA session for this account. Sign in again to get a new user token, or use the project credentials.',
  ),
  row(200, 460, 'iotToken is blank', TOKEN, `The request carried no token. ${CHECK_KEYS}`),
  row(
    200,
    2402,
    'iottoken invalid',
    TOKEN,
    'The cloud token has expired and could not be renewed. Sign in again (user token) or check the project credentials, then retry.',
  ),
  row(
    200,
    20008,
    'token invalid',
    TOKEN,
    'The cloud token has expired and could not be renewed. Sign in again (user token) or check the project credentials, then retry.',
  ),
  row(200, 2453, 'app not exist', AUTH, `The living platform does not know this AppKey. ${CHECK_KEYS}`),
  row(
    200,
    2405,
    'identity is not existed',
    USER,
    `The platform has no identity with this id (user type IDENTITY). ${UNKNOWN_USER}`,
  ),
  row(
    200,
    2407,
    'auth identity exception',
    USER,
    `The platform has no OA account (openId) with this id (user type OPEN). ${UNKNOWN_USER}`,
  ),
  row(200, 2407, 'openId invalid', USER, `This is not a valid OA openId (user type OPEN). ${UNKNOWN_USER}`),
  row(200, 2407, null, USER, `The platform does not recognise this OA account. ${UNKNOWN_USER}`),
  row(200, 2442, 'employee is not exist', USER, `The platform has no employee bound to this id. ${UNKNOWN_USER}`),
  row(
    200,
    460,
    'dingdingbind employee not exist',
    USER,
    `The platform has no employee bound to this id or phone number. ${UNKNOWN_USER}`,
  ),
  row(200, 460, 'identityId is blank', USER, 'The user id is empty. Fix the list: every person needs an id.'),
  row(
    200,
    460,
    'identityIds need between 1-50',
    USER,
    'Too many or no user ids in one request (1 to 50 allowed). Lower the Alibaba batch size in the settings.',
  ),
  row(
    200,
    460,
    'request parameter error',
    USER,
    'The platform refused the request as invalid (a user id of the wrong form, or a bad device or space id). Check the ids and the user type in the list.',
  ),
  row(200, 460, 'pageSize should between 1-50', INVALID, `The platform refused a page size. ${APP_BUG}`),
  row(200, 460, 'pageSize should between 1-100', INVALID, `The platform refused a page size. ${APP_BUG}`),
  row(
    200,
    460,
    null,
    USER,
    'The platform refused the request as invalid. Check the ids and the user type in the list.',
  ),
  row(
    200,
    3001,
    'role not exist',
    INVALID,
    'The platform says a role of this project does not exist. Check the project setup in the Alibaba Cloud console.',
  ),
  row(
    200,
    3000,
    'permission not exist',
    { ...DONE_REMOVED, outcome: 'already-absent' },
    'Already absent: the face was not on the device (or on any device of the space).',
  ),
  row(
    200,
    3002,
    'resource not exist',
    SCOPE,
    'The platform does not know this device or space id. Check the IOT_ID or SPACE_ID.',
  ),
];

/** Lower-cased, trimmed, without a final ".": how vendor messages are compared. */
export function normalise(message: string): string {
  return message.trim().replace(/\.+$/, '').toLowerCase();
}

/** Whether the gateway's words (X-Ca-Error-Message or message) say the call was throttled. */
export function isThrottleText(text: string | null | undefined): boolean {
  return /request limited|throttl/i.test(text ?? '');
}

/** What an answer means: its HTTP status, `code` and vendor message (see the matching rules above). */
export function meaningOf(httpStatus: number, code: number | null, vendorMessage: string | null): CodeMeaning {
  if ((httpStatus === 403 || code === 403) && isThrottleText(vendorMessage)) return THROTTLED_MEANING;
  const http = httpStatus;
  const found = lookup(http, code ?? httpStatus, vendorMessage);
  if (found) return found;
  const text = vendorMessage ? ` (${vendorMessage})` : '';
  if (http >= 500) return { ...row(http, code ?? http, null, TRANSIENT, `Alibaba Cloud failed${text}. ${LATER}`) };
  if (http === 429) return { ...row(http, code ?? http, null, THROTTLED, `Alibaba Cloud is busy${text}. ${LATER}`) };
  const label = code === null ? `HTTP ${httpStatus}` : `code ${code}`;
  return row(http, code ?? http, null, INVALID, `Alibaba Cloud refused the request with ${label}${text}.`);
}

function lookup(http: number, code: number, vendorMessage: string | null): CodeMeaning | undefined {
  const rows = CODE_TABLE.filter((r) => r.http === http && r.code === code);
  const wanted = vendorMessage === null ? null : normalise(vendorMessage);
  const exact = rows.find((r) => r.vendorMessage !== null && r.vendorMessage === wanted);
  return exact ?? rows.find((r) => r.vendorMessage === null) ?? rows[0];
}

/** The failure kind the removal engine understands (driver.ts): auth, retryable, else invalid. */
export function failureKindOfMeaning(meaning: CodeMeaning): FailureKind {
  if (meaning.auth) return 'auth';
  return meaning.retryable ? 'retryable' : 'invalid';
}
