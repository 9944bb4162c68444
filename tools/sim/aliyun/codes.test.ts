import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALIYUN_ERRORS, startAliyunGateway, type AliyunGatewaySim } from './index.ts';
import { Caller, send, type Reply } from './test-client.ts';

// The vendor's error table for /face/paas/permission/delete, copied row by row (HttpCode, code, message,
// description), duplicates removed. Every row must be producible by some request.
const VENDOR_TABLE: Array<[number, number, string, string]> = [
  [500, 500, 'Internal Error', 'Internal Error'],
  [503, 503, 'Service Unavailable', 'Service Unavailable'],
  [403, 403, 'Request Limited', 'Request Limited'],
  [401, 401, 'Empty Signature', 'Empty Signature'],
  [400, 400, 'Request Format Error', 'Request Format Error'],
  [200, 20003, 'Find Backend Error', 'Find Backend Error'],
  [200, 20004, 'Backend Service Error', 'Backend Service Error'],
  [200, 20055, 'Backend Service Invalid Request Format Error', 'Backend Service Invalid Request Format Error'],
  [200, 20056, 'Hsf Invoke Timeout', 'Hsf Invoke Timeout'],
  [200, 401, 'Request Authorized Error', 'Request Authorized Error'],
  [200, 403, 'Request Forbidden', 'Request Forbidden'],
  [200, 500, 'Server Error', 'Server Error'],
  [200, 2459, 'oa error message', '会话Id不存在'],
  [200, 460, 'iotToken is blank', 'iotToken为空'],
  [200, 2402, 'iottoken invalid', 'iottoken已经失效'],
  [200, 403, 'request forbidden.', '请求被禁止'],
  [200, 2453, 'app not exist', 'appkey不存在'],
  [200, 2405, 'identity is not existed', '统一身份id不存在'],
  [200, 2407, 'auth identity exception', '不存在相应的openId'],
  [200, 403, 'request forbidden', '访问被禁止'],
  [200, 460, 'dingdingbind employee not exist', '请求参数错误'],
  [200, 2442, 'employee is not exist', '未找到绑定的员工信息'],
  [200, 403, 'request forbidden', '请求被禁止'],
  [200, 2407, 'openId invalid', 'openId invalid'],
  [200, 460, 'pageSize should between 1-50', '每页的数量在1-50之间'],
  [200, 460, 'pageSize should between 1-100', '每页数量在1-100之间'],
  [200, 20008, 'token invalid', 'token已失效'],
  [200, 460, 'identityId is blank', '冻结的账号不存在'],
  [200, 460, 'identityIds need between 1-50', '入参错误'],
  [200, 460, 'request parameter error.', '入参错误'],
  [200, 500, 'server error.', '服务端异常'],
  [200, 460, 'request parameter error.', '请求参数异常'],
  [200, 3001, 'role not exist', '角色不存在'],
  [200, 3000, 'permission not exist', '权限不存在'],
  [200, 3002, 'resource not exist', '资源不存在'],
];

const APP_KEY = '203753016';
const SECRET = 'gateway-secret-1';
const PROJECT = 'a124projectMain1';
const PATH = '/face/paas/permission/delete';
const clock = (): number => 1_700_000_000_000;

let sim: AliyunGatewaySim;
let caller: Caller;
let token: string;

const remove = (params: unknown): Promise<Reply> => caller.remove(token, params);
const onDevice = (userType: string, userIdList: unknown[], scopeIdList?: string[]): Record<string, unknown> => ({
  userType,
  userIdList,
  scopeType: 'IOT_ID',
  scopeIdList: scopeIdList ?? [sim.world.devices[0]?.iotId ?? ''],
});
const inject = (key: keyof typeof ALIYUN_ERRORS) => (): Promise<Reply> => {
  sim.injectError(key, { pathIncludes: PATH });
  return remove(onDevice('IDENTITY', ['x']));
};

/** How each row is produced: by the request that causes it, or by injection where nothing in a simulator can. */
const SCENARIOS: Record<string, () => Promise<Reply>> = {
  'Internal Error': () => {
    sim.knobs.set({ faults: [{ kind: 'http500', count: 1 }] });
    return remove(onDevice('IDENTITY', ['x']));
  },
  'Service Unavailable': () => {
    sim.knobs.set({ faults: [{ kind: 'http503', count: 1 }] });
    return remove(onDevice('IDENTITY', ['x']));
  },
  'Request Limited': async () => {
    sim.setRateLimit(0);
    const reply = await remove(onDevice('IDENTITY', ['x']));
    sim.setRateLimit(null);
    return reply;
  },
  'Empty Signature': () => {
    const item = caller.draft(PATH, { id: 'x', version: '1.0', request: { apiVer: '1.2.0' }, params: {} });
    delete item.headers['x-ca-signature'];
    return send(sim.origin, item);
  },
  'Request Format Error': () => send(sim.origin, caller.draft(PATH, '{"id": "broken"')),
  'Find Backend Error': () => caller.call(PATH, '1.0.0', onDevice('IDENTITY', ['x']), { cloudToken: token }),
  'Backend Service Error': inject('backendServiceError'),
  'Backend Service Invalid Request Format Error': () =>
    remove({ userType: 'IDENTITY', userIdList: 'value1', scopeType: 'IOT_ID', scopeIdList: 'value3' }),
  'Hsf Invoke Timeout': () => {
    sim.knobs.set({ faults: [{ kind: 'busy', count: 1 }] });
    return remove(onDevice('IDENTITY', ['x']));
  },
  'Request Authorized Error': () => caller.call('/cloud/token', '1.0.1', { grantType: 'project', res: 'a124other' }),
  'Request Forbidden': inject('requestForbiddenGateway'),
  'Server Error': inject('serverErrorGateway'),
  'oa error message': inject('oaSessionNotFound'),
  'iotToken is blank': () => caller.call(PATH, '1.2.0', onDevice('IDENTITY', ['x'])),
  'iottoken invalid': () => caller.call(PATH, '1.2.0', onDevice('IDENTITY', ['x']), { cloudToken: 'expired' }),
  'request forbidden.|请求被禁止': () => remove(onDevice('IDENTITY', ['x'], [sim.world.devices[6]?.iotId ?? ''])),
  'app not exist': () =>
    new Caller(sim.origin, 'gateway-only', 'other-secret', clock).call('/cloud/token', '1.0.1', {
      grantType: 'project',
      res: PROJECT,
    }),
  'identity is not existed': () => remove(onDevice('IDENTITY', ['ffff'])),
  'auth identity exception': () => remove(onDevice('OPEN', ['oa_1'])),
  'request forbidden|访问被禁止': () =>
    caller.call(PATH, '1.2.0', onDevice('IDENTITY', ['x'], [sim.world.devices[6]?.iotId ?? '']), {
      iotToken: 'iot-session-1',
    }),
  'dingdingbind employee not exist': () => remove(onDevice('PHONE', ['13800000000'])),
  'employee is not exist': () => remove(onDevice('YUNDUN', ['yd1'])),
  'request forbidden|请求被禁止': inject('forbiddenPlain'),
  'openId invalid': () => remove(onDevice('OPEN', ['not an openId'])),
  'pageSize should between 1-50': inject('pageSize50'),
  'pageSize should between 1-100': inject('pageSize100'),
  'token invalid': inject('tokenInvalid'),
  'identityId is blank': () => remove(onDevice('IDENTITY', [''])),
  'identityIds need between 1-50': () => remove(onDevice('IDENTITY', [])),
  'request parameter error.|入参错误': () => remove({ userType: 'IDENTITY' }),
  'server error.': inject('serverError'),
  'request parameter error.|请求参数异常': () => remove({ ...onDevice('IDENTITY', ['x']), scopeType: 'DEVICE' }),
  'role not exist': inject('roleNotExist'),
  'permission not exist': () => {
    const [spaceId] = sim.world.spaces.map((s) => s.spaceId);
    return remove({ userType: 'YUNDUN', userIdList: ['yd100000'], scopeType: 'SPACE_ID', scopeIdList: [spaceId] });
  },
  'resource not exist': () => remove(onDevice('IDENTITY', ['x'], ['NoSuchDevice00000000000100'])),
};

const scenarioFor = (message: string, localized: string): (() => Promise<Reply>) | undefined =>
  SCENARIOS[`${message}|${localized}`] ?? SCENARIOS[message];

beforeAll(async () => {
  sim = await startAliyunGateway({
    appKey: APP_KEY,
    appSecret: SECRET,
    projectId: PROJECT,
    now: clock,
    iotTokens: ['iot-session-1'],
    otherApps: [{ appKey: 'gateway-only', appSecret: 'other-secret' }],
  });
  caller = new Caller(sim.origin, APP_KEY, SECRET, clock);
  token = await caller.cloudToken(PROJECT);
});
afterAll(() => sim.close());

describe('Aliyun error table', () => {
  it('holds exactly the vendor table in ALIYUN_ERRORS', () => {
    const rows = Object.values(ALIYUN_ERRORS).map((r) => [r.http, r.code, r.message, r.localizedMsg]);
    expect(rows).toEqual(VENDOR_TABLE);
  });

  it.each(VENDOR_TABLE)('produces HTTP %i code %i %s (%s)', async (http, code, message, localized) => {
    const scenario = scenarioFor(message, localized);
    expect(scenario, 'a scenario for this row').toBeDefined();
    const reply = await (scenario as () => Promise<Reply>)();
    expect(reply.status).toBe(http);
    expect(reply.json).toMatchObject({ code, message, localizedMsg: localized, data: null });
    expect(reply.headers['x-ca-error-message']).toBe(http === 200 ? undefined : message);
  });
});
