// Every row of the vendor's error table for /face/paas/permission/delete (the living platform shares one
// table across its APIs, so several rows belong to sibling APIs), plus the API gateway's own rejections.
//
// The vendor table has columns HttpCode, code, message (错误信息) and description (描述); the simulator puts
// the description in `localizedMsg`. Rows listed twice in the table appear once here.
// Row 20055 reads "Backend Service Invalid Request Format Error" with no separate description: the whole
// text is taken as the message and repeated as localizedMsg (the split, if any, is unknowable).

/** One row of the vendor's error table. */
export interface AliyunErrorRow {
  /** HTTP status of the answer. */
  http: number;
  /** `code` in the JSON answer. */
  code: number;
  message: string;
  localizedMsg: string;
}

/** The vendor's error table, by a name the simulator and its tests use. */
export const ALIYUN_ERRORS = {
  // HTTP-level rows (also explained in the X-Ca-Error-Message header).
  internalError: { http: 500, code: 500, message: 'Internal Error', localizedMsg: 'Internal Error' },
  serviceUnavailable: { http: 503, code: 503, message: 'Service Unavailable', localizedMsg: 'Service Unavailable' },
  requestLimited: { http: 403, code: 403, message: 'Request Limited', localizedMsg: 'Request Limited' },
  emptySignature: { http: 401, code: 401, message: 'Empty Signature', localizedMsg: 'Empty Signature' },
  requestFormatError: { http: 400, code: 400, message: 'Request Format Error', localizedMsg: 'Request Format Error' },
  // HTTP 200 with an error code inside.
  findBackendError: { http: 200, code: 20003, message: 'Find Backend Error', localizedMsg: 'Find Backend Error' },
  backendServiceError: {
    http: 200,
    code: 20004,
    message: 'Backend Service Error',
    localizedMsg: 'Backend Service Error',
  },
  backendInvalidRequestFormat: {
    http: 200,
    code: 20055,
    message: 'Backend Service Invalid Request Format Error',
    localizedMsg: 'Backend Service Invalid Request Format Error',
  },
  hsfInvokeTimeout: { http: 200, code: 20056, message: 'Hsf Invoke Timeout', localizedMsg: 'Hsf Invoke Timeout' },
  requestAuthorizedError: {
    http: 200,
    code: 401,
    message: 'Request Authorized Error',
    localizedMsg: 'Request Authorized Error',
  },
  requestForbiddenGateway: { http: 200, code: 403, message: 'Request Forbidden', localizedMsg: 'Request Forbidden' },
  serverErrorGateway: { http: 200, code: 500, message: 'Server Error', localizedMsg: 'Server Error' },
  oaSessionNotFound: { http: 200, code: 2459, message: 'oa error message', localizedMsg: '会话Id不存在' },
  iotTokenBlank: { http: 200, code: 460, message: 'iotToken is blank', localizedMsg: 'iotToken为空' },
  iotTokenInvalid: { http: 200, code: 2402, message: 'iottoken invalid', localizedMsg: 'iottoken已经失效' },
  forbiddenProject: { http: 200, code: 403, message: 'request forbidden.', localizedMsg: '请求被禁止' },
  appNotExist: { http: 200, code: 2453, message: 'app not exist', localizedMsg: 'appkey不存在' },
  identityNotExist: { http: 200, code: 2405, message: 'identity is not existed', localizedMsg: '统一身份id不存在' },
  openIdNotFound: { http: 200, code: 2407, message: 'auth identity exception', localizedMsg: '不存在相应的openId' },
  forbiddenUser: { http: 200, code: 403, message: 'request forbidden', localizedMsg: '访问被禁止' },
  dingdingEmployeeNotExist: {
    http: 200,
    code: 460,
    message: 'dingdingbind employee not exist',
    localizedMsg: '请求参数错误',
  },
  employeeNotExist: { http: 200, code: 2442, message: 'employee is not exist', localizedMsg: '未找到绑定的员工信息' },
  forbiddenPlain: { http: 200, code: 403, message: 'request forbidden', localizedMsg: '请求被禁止' },
  openIdInvalid: { http: 200, code: 2407, message: 'openId invalid', localizedMsg: 'openId invalid' },
  pageSize50: { http: 200, code: 460, message: 'pageSize should between 1-50', localizedMsg: '每页的数量在1-50之间' },
  pageSize100: { http: 200, code: 460, message: 'pageSize should between 1-100', localizedMsg: '每页数量在1-100之间' },
  tokenInvalid: { http: 200, code: 20008, message: 'token invalid', localizedMsg: 'token已失效' },
  identityIdBlank: { http: 200, code: 460, message: 'identityId is blank', localizedMsg: '冻结的账号不存在' },
  identityIdsRange: { http: 200, code: 460, message: 'identityIds need between 1-50', localizedMsg: '入参错误' },
  paramMissing: { http: 200, code: 460, message: 'request parameter error.', localizedMsg: '入参错误' },
  serverError: { http: 200, code: 500, message: 'server error.', localizedMsg: '服务端异常' },
  paramInvalid: { http: 200, code: 460, message: 'request parameter error.', localizedMsg: '请求参数异常' },
  roleNotExist: { http: 200, code: 3001, message: 'role not exist', localizedMsg: '角色不存在' },
  permissionNotExist: { http: 200, code: 3000, message: 'permission not exist', localizedMsg: '权限不存在' },
  resourceNotExist: { http: 200, code: 3002, message: 'resource not exist', localizedMsg: '资源不存在' },
} as const satisfies Record<string, AliyunErrorRow>;

/** The name of one row of {@link ALIYUN_ERRORS}. */
export type AliyunErrorKey = keyof typeof ALIYUN_ERRORS;

/** Whether `key` names a row of {@link ALIYUN_ERRORS}. */
export function isAliyunErrorKey(key: string): key is AliyunErrorKey {
  return Object.hasOwn(ALIYUN_ERRORS, key);
}

/**
 * The API gateway's own rejections that the vendor table does not list, from Alibaba Cloud's API gateway
 * client error table: they carry the explanation in `X-Ca-Error-Message` and an empty body. Two are this
 * simulator's assumptions, not in that table: `Invalid Nonce` (a missing X-Ca-Nonce; the living platform's
 * SDKs always send one) and `Invalid Signature Method`.
 * Note: the gateway answers an unknown app key with 400 `Invalid AppKey` (not 403), and a well-formed but
 * stale timestamp with `Timestamp Expired` (`Invalid Timestamp` is for a missing or malformed one).
 */
export const GATEWAY_REJECTIONS = {
  invalidUrl: { http: 400, message: 'Invalid Url' },
  invalidAppKey: { http: 400, message: 'Invalid AppKey' },
  invalidTimestamp: { http: 400, message: 'Invalid Timestamp' },
  timestampExpired: { http: 400, message: 'Timestamp Expired' },
  invalidNonce: { http: 400, message: 'Invalid Nonce' },
  nonceUsed: { http: 400, message: 'Nonce Used' },
  invalidSignatureMethod: { http: 400, message: 'Invalid Signature Method' },
  invalidSignature: { http: 400, message: 'Invalid Signature' },
  invalidContentMd5: { http: 400, message: 'Invalid Content-MD5' },
} as const satisfies Record<string, { http: number; message: string }>;

/** The name of one gateway rejection. */
export type GatewayRejectionKey = keyof typeof GATEWAY_REJECTIONS;
