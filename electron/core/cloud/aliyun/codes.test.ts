import { describe, expect, it } from 'vitest';
import { CODE_TABLE, failureKindOfMeaning, meaningOf, normalise, type CodeMeaning } from './codes.ts';

/** What each row must mean for a permission-delete item. */
type Tag = 'removed' | 'absent' | 'retry' | 'throttle' | 'auth' | 'token' | 'user' | 'scope' | 'invalid';

// The vendor's error table (aliyun-iot-face-permission-delete.zh.txt), every distinct row in table order:
// HTTP status, code, message (错误信息), description (描述), and the decision this app takes for it.
// The document lists 78 rows; the other 43 repeat these word for word.
const VENDOR_TABLE: ReadonlyArray<readonly [number, number, string, string, Tag]> = [
  [500, 500, 'Internal Error', 'Internal Error', 'retry'],
  [503, 503, 'Service Unavailable', 'Service Unavailable', 'retry'],
  [403, 403, 'Request Limited', 'Request Limited', 'throttle'],
  [401, 401, 'Empty Signature', 'Empty Signature', 'auth'],
  [400, 400, 'Request Format Error', 'Request Format Error', 'invalid'],
  [200, 20003, 'Find Backend Error', 'Find Backend Error', 'invalid'],
  [200, 20004, 'Backend Service Error', 'Backend Service Error', 'retry'],
  [
    200,
    20055,
    'Backend Service Invalid Request Format Error',
    'Backend Service Invalid Request Format Error',
    'invalid',
  ],
  [200, 20056, 'Hsf Invoke Timeout', 'Hsf Invoke Timeout', 'retry'],
  [200, 401, 'Request Authorized Error', 'Request Authorized Error', 'auth'],
  [200, 403, 'Request Forbidden', 'Request Forbidden', 'scope'],
  [200, 500, 'Server Error', 'Server Error', 'retry'],
  [200, 2459, 'oa error message', '会话Id不存在', 'auth'],
  [200, 460, 'iotToken is blank', 'iotToken为空', 'token'],
  [200, 2402, 'iottoken invalid', 'iottoken已经失效', 'token'],
  [200, 403, 'request forbidden.', '请求被禁止', 'scope'],
  [200, 2453, 'app not exist', 'appkey不存在', 'auth'],
  [200, 2405, 'identity is not existed', '统一身份id不存在', 'user'],
  [200, 2407, 'auth identity exception', '不存在相应的openId', 'user'],
  [200, 403, 'request forbidden', '访问被禁止', 'scope'],
  [200, 460, 'dingdingbind employee not exist', '请求参数错误', 'user'],
  [200, 2442, 'employee is not exist', '未找到绑定的员工信息', 'user'],
  [200, 403, 'request forbidden', '请求被禁止', 'scope'],
  [200, 2407, 'openId invalid', 'openId invalid', 'user'],
  [200, 460, 'pageSize should between 1-50', '每页的数量在1-50之间', 'invalid'],
  [200, 460, 'pageSize should between 1-100', '每页数量在1-100之间', 'invalid'],
  [200, 20008, 'token invalid', 'token已失效', 'token'],
  [200, 460, 'identityId is blank', '冻结的账号不存在', 'user'],
  [200, 460, 'identityIds need between 1-50', '入参错误', 'user'],
  [200, 460, 'request parameter error.', '入参错误', 'user'],
  [200, 500, 'server error.', '服务端异常', 'retry'],
  [200, 460, 'request parameter error.', '请求参数异常', 'user'],
  [200, 3001, 'role not exist', '角色不存在', 'invalid'],
  [200, 3000, 'permission not exist', '权限不存在', 'absent'],
  [200, 3002, 'resource not exist', '资源不存在', 'scope'],
];

const EXPECTED: Record<Tag, Partial<CodeMeaning>> = {
  removed: { outcome: 'removed', retryable: false, auth: false, level: 'done' },
  absent: { outcome: 'already-absent', retryable: false, auth: false, level: 'done' },
  retry: { outcome: 'failed', retryable: true, auth: false, throttled: false, level: 'request' },
  throttle: { outcome: 'failed', retryable: true, auth: false, throttled: true, level: 'request' },
  auth: { outcome: 'failed', retryable: false, auth: true, renewToken: false, level: 'request' },
  token: { outcome: 'failed', retryable: false, auth: true, renewToken: true, level: 'request' },
  user: { outcome: 'failed', retryable: false, auth: false, level: 'user' },
  scope: { outcome: 'failed', retryable: false, auth: false, level: 'scope' },
  invalid: { outcome: 'failed', retryable: false, auth: false, level: 'request' },
};

describe('Aliyun vendor codes', () => {
  it.each(VENDOR_TABLE)('maps HTTP %i code %i "%s" (%s) as %s', (http, code, message, _description, tag) => {
    const meaning = meaningOf(http, code, message);
    expect(meaning.code).toBe(code);
    expect(meaning.http).toBe(http);
    // Matched by its own text, not by a code's default row.
    expect(meaning.vendorMessage).toBe(normalise(message));
    expect(meaning).toMatchObject(EXPECTED[tag]);
    expect(meaning.message).toMatch(/^[A-Z].*\.$/);
    expect(meaning.message).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('covers every code of the table, and success', () => {
    const mapped = new Set(CODE_TABLE.map((row) => `${row.http}:${row.code}`));
    for (const [http, code] of VENDOR_TABLE) expect(mapped.has(`${http}:${code}`)).toBe(true);
    expect(meaningOf(200, 200, null)).toMatchObject(EXPECTED.removed);
    expect(meaningOf(200, 200, 'success').outcome).toBe('removed');
  });

  it('tells the token codes apart from the parameter errors that share code 460', () => {
    expect(meaningOf(200, 460, 'iotToken is blank').renewToken).toBe(true);
    expect(meaningOf(200, 460, 'request parameter error.').renewToken).toBe(false);
    expect(meaningOf(200, 2402, 'iottoken invalid').message).toMatch(/token/);
  });

  it('explains unknown users as failed, telling the technician to check the id and the user type', () => {
    for (const [code, message] of [
      [2405, 'identity is not existed'],
      [2407, 'auth identity exception'],
      [2442, 'employee is not exist'],
      [460, 'dingdingbind employee not exist'],
    ] as const) {
      const meaning = meaningOf(200, code, message);
      expect(meaning.outcome).toBe('failed');
      expect(meaning.message).toMatch(/Check the id and the user type/);
    }
  });

  it('falls back to the code default for an unlisted message, and to a failure for an unknown code', () => {
    expect(meaningOf(200, 460, 'something new')).toMatchObject({ level: 'user', vendorMessage: null });
    expect(meaningOf(200, 2407, 'other text')).toMatchObject({ level: 'user' });
    expect(meaningOf(200, 2405, 'other text')).toMatchObject({ level: 'user', code: 2405 });
    expect(meaningOf(200, 99999, 'mystery')).toMatchObject({ outcome: 'failed', retryable: false, level: 'request' });
    expect(meaningOf(200, 99999, 'mystery').message).toContain('code 99999 (mystery)');
    expect(meaningOf(502, null, null)).toMatchObject({ retryable: true });
    expect(meaningOf(403, 403, 'Throttled by APP Flow Control')).toMatchObject({ throttled: true });
  });

  it('gives the removal engine a failure kind', () => {
    expect(failureKindOfMeaning(meaningOf(200, 2402, 'iottoken invalid'))).toBe('auth');
    expect(failureKindOfMeaning(meaningOf(503, 503, 'Service Unavailable'))).toBe('retryable');
    expect(failureKindOfMeaning(meaningOf(200, 3002, 'resource not exist'))).toBe('invalid');
  });
});
