import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aliyunUserIds, startAliyunGateway, type AliyunGatewaySim, type AliyunPermission } from './index.ts';
import { Caller } from './test-client.ts';

const APP_KEY = '203753016';
const SECRET = 'gateway-secret-1';
const PROJECT = 'a124projectMain1';
const PATH = '/face/paas/permission/delete';

let clock = 1_700_000_000_000;
let sim: AliyunGatewaySim;
let caller: Caller;
let token: string;

const key = (p: AliyunPermission): string => `${p.iotId}|${p.userType}|${p.userId}`;
const spaceOf = (i: number): string => sim.world.spaces[i]?.spaceId ?? '';
const devicesOf = (spaceId: string): string[] =>
  sim.world.devices.filter((d) => d.spaceId === spaceId).map((d) => d.iotId);

beforeEach(async () => {
  clock = 1_700_000_000_000;
  sim = await startAliyunGateway({
    appKey: APP_KEY,
    appSecret: SECRET,
    projectId: PROJECT,
    now: () => clock,
    seed: 42,
    iotTokens: ['iot-session-1'],
  });
  caller = new Caller(sim.origin, APP_KEY, SECRET, () => clock);
  token = await caller.cloudToken(PROJECT);
});
afterEach(() => sim.close());

describe('Aliyun /face/paas/permission/delete', () => {
  it('generates a deterministic site: three spaces of two devices, a neighbour project, faces on devices', async () => {
    const again = await startAliyunGateway({ appKey: 'k', appSecret: 's', projectId: PROJECT, seed: 42 });
    try {
      expect(again.permissions()).toEqual(sim.permissions());
    } finally {
      await again.close();
    }
    expect(sim.world.spaces.filter((s) => s.projectId === PROJECT)).toHaveLength(3);
    expect(sim.world.spaces[3]?.projectId).toBe(sim.world.neighbourProjectId);
    expect(sim.world.devices).toHaveLength(9);
    for (const device of sim.world.devices) expect(device.iotId).toMatch(/^[A-Za-z0-9]{20}000100$/);
    expect(sim.permissions().length).toBeGreaterThan(40);
  });

  it('removes faces from one device by IOT_ID, leaving the other devices alone', async () => {
    const [iotId, sibling] = devicesOf(spaceOf(0));
    const before = sim.permissions();
    const targets = before.filter((p) => p.iotId === iotId && p.userType === 'IDENTITY').slice(0, 2);
    expect(targets).toHaveLength(2);
    const reply = await caller.remove(token, {
      userType: 'IDENTITY',
      userIdList: targets.map((p) => p.userId),
      scopeType: 'IOT_ID',
      scopeIdList: [iotId],
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ id: expect.any(String), code: 200, message: null, localizedMsg: null });
    const after = sim.permissions();
    expect(before.length - after.length).toBe(2);
    const gone = new Set(targets.map(key));
    expect(after.map(key)).toEqual(before.filter((p) => !gone.has(key(p))).map(key));
    for (const t of targets) expect(after.some((p) => p.iotId === sibling && p.userId === t.userId)).toBe(true);
    expect(sim.log.matching(PATH).at(-1)?.acknowledged).toEqual(targets.map((p) => p.userId));
  });

  it('removes faces from every device bound to a space by SPACE_ID', async () => {
    const spaceId = spaceOf(1);
    const devices = devicesOf(spaceId);
    const before = sim.permissions();
    const users = [
      ...new Set(before.filter((p) => p.spaceId === spaceId && p.userType === 'PHONE').map((p) => p.userId)),
    ];
    expect(users.length).toBeGreaterThan(0);
    const elsewhere = before.filter((p) => p.spaceId !== spaceId && users.includes(p.userId));
    const reply = await caller.remove(token, {
      userType: 'PHONE',
      userIdList: users,
      scopeType: 'SPACE_ID',
      scopeIdList: [spaceId],
    });
    expect(reply.json).toMatchObject({ code: 200 });
    const after = sim.permissions();
    expect(after.filter((p) => devices.includes(p.iotId) && users.includes(p.userId))).toEqual([]);
    expect(after.filter((p) => p.spaceId !== spaceId && users.includes(p.userId))).toEqual(elsewhere);
    expect(before.length - after.length).toBe(users.length * devices.length);
  });

  it('answers 3000 permission not exist when nothing named is there (a retry of a done delete)', async () => {
    const person = sim.world.people[0];
    if (!person) throw new Error('no people');
    const params = {
      userType: 'IDENTITY',
      userIdList: [aliyunUserIds(person).IDENTITY],
      scopeType: 'SPACE_ID',
      scopeIdList: [spaceOf(0)],
    };
    expect((await caller.remove(token, params)).json).toMatchObject({ code: 200 });
    const before = sim.permissions();
    expect((await caller.remove(token, params)).json).toMatchObject({
      code: 3000,
      message: 'permission not exist',
      localizedMsg: '权限不存在',
      data: null,
    });
    expect(sim.permissions()).toEqual(before);
  });

  it('changes nothing when one user or one scope of the call is wrong', async () => {
    const before = sim.permissions();
    const some = before.find((p) => p.userType === 'IDENTITY');
    if (!some) throw new Error('no identity permission');
    const unknownUser = await caller.remove(token, {
      userType: 'IDENTITY',
      userIdList: [some.userId, 'ffffffffffffffffffffffffffffffff'],
      scopeType: 'IOT_ID',
      scopeIdList: [some.iotId],
    });
    expect(unknownUser.json).toMatchObject({ code: 2405, message: 'identity is not existed' });
    const unknownScope = await caller.remove(token, {
      userType: 'IDENTITY',
      userIdList: [some.userId],
      scopeType: 'IOT_ID',
      scopeIdList: [some.iotId, 'NoSuchDevice00000000000100'],
    });
    expect(unknownScope.json).toMatchObject({ code: 3002, message: 'resource not exist', localizedMsg: '资源不存在' });
    expect(sim.permissions()).toEqual(before);
  });

  it("refuses another project's scopes: 'request forbidden.' for a cloudToken, 'request forbidden' for an iotToken", async () => {
    const neighbour = spaceOf(3);
    const user = sim.permissions().find((p) => p.spaceId === neighbour);
    if (!user) throw new Error('nobody on the neighbour space');
    const params = {
      userType: user.userType,
      userIdList: [user.userId],
      scopeType: 'SPACE_ID',
      scopeIdList: [neighbour],
    };
    expect((await caller.remove(token, params)).json).toMatchObject({
      code: 403,
      message: 'request forbidden.',
      localizedMsg: '请求被禁止',
    });
    const asUser = await caller.call(PATH, '1.2.0', params, { iotToken: 'iot-session-1' });
    expect(asUser.json).toMatchObject({ code: 403, message: 'request forbidden', localizedMsg: '访问被禁止' });
    expect(sim.permissions().some((p) => key(p) === key(user))).toBe(true);
  });

  it('works with an iotToken on its own project', async () => {
    const some = sim.permissions().find((p) => p.projectId === PROJECT && p.userType === 'OPEN');
    if (!some) throw new Error('no OPEN permission');
    const params = { userType: 'OPEN', userIdList: [some.userId], scopeType: 'IOT_ID', scopeIdList: [some.iotId] };
    const reply = await caller.call(PATH, '1.2.0', params, { iotToken: 'iot-session-1' });
    expect(reply.json).toMatchObject({ code: 200 });
    expect(sim.permissions().some((p) => key(p) === key(some))).toBe(false);
  });

  it('validates every parameter', async () => {
    const iotId = devicesOf(spaceOf(0))[0] ?? '';
    const valid = { userType: 'IDENTITY', userIdList: ['x'], scopeType: 'IOT_ID', scopeIdList: [iotId] };
    const code = async (params: unknown): Promise<unknown> => {
      const json = (await caller.remove(token, params)).json;
      return [json?.code, json?.message, json?.localizedMsg];
    };
    const missing = [460, 'request parameter error.', '入参错误'];
    const invalid = [460, 'request parameter error.', '请求参数异常'];
    const unbindable = [
      20055,
      'Backend Service Invalid Request Format Error',
      'Backend Service Invalid Request Format Error',
    ];
    expect(await code(undefined)).toEqual(missing);
    expect(await code('params')).toEqual(unbindable);
    for (const name of ['userType', 'userIdList', 'scopeType', 'scopeIdList']) {
      expect(await code({ ...valid, [name]: undefined })).toEqual(missing);
      expect(await code({ ...valid, [name]: null })).toEqual(missing);
    }
    expect(await code({ ...valid, userType: '' })).toEqual(missing);
    expect(await code({ ...valid, userType: 'identity' })).toEqual(invalid);
    expect(await code({ ...valid, userType: { a: 1 } })).toEqual(unbindable);
    expect(await code({ ...valid, scopeType: 'DEVICE' })).toEqual(invalid);
    // The vendor example sends the lists as strings ("value1"): they cannot be bound to a list.
    expect(await code({ ...valid, userIdList: 'value1' })).toEqual(unbindable);
    expect(await code({ ...valid, scopeIdList: 'value3' })).toEqual(unbindable);
    expect(await code({ ...valid, userIdList: [{ id: 'x' }] })).toEqual(unbindable);
    const range = [460, 'identityIds need between 1-50', '入参错误'];
    expect(await code({ ...valid, userIdList: [] })).toEqual(range);
    expect(await code({ ...valid, userIdList: Array.from({ length: 51 }, (_, i) => `u${i}`) })).toEqual(range);
    expect(await code({ ...valid, userIdList: [' '] })).toEqual([460, 'identityId is blank', '冻结的账号不存在']);
    expect(await code({ ...valid, userType: 'PHONE', userIdList: [null] })).toEqual(invalid);
    expect(await code({ ...valid, userType: 'PHONE', userIdList: ['+86 139'] })).toEqual(invalid);
    expect(await code({ ...valid, userType: 'OPEN', userIdList: ['not an openId'] })).toEqual([
      2407,
      'openId invalid',
      'openId invalid',
    ]);
    expect(await code({ ...valid, scopeIdList: [] })).toEqual(invalid);
    expect(await code({ ...valid, scopeIdList: [''] })).toEqual(invalid);
    sim.knobs.set({ maxIdsPerRequest: 2 });
    expect(await code({ ...valid, scopeIdList: [iotId, iotId, iotId] })).toEqual(invalid);
  });

  it('names unknown users per user system', async () => {
    const iotId = devicesOf(spaceOf(0))[0] ?? '';
    const unknown = async (userType: string, userId: string): Promise<unknown> =>
      (await caller.remove(token, { userType, userIdList: [userId], scopeType: 'IOT_ID', scopeIdList: [iotId] })).json;
    expect(await unknown('IDENTITY', 'ffff')).toMatchObject({ code: 2405, localizedMsg: '统一身份id不存在' });
    expect(await unknown('OPEN', 'oa_1')).toMatchObject({ code: 2407, message: 'auth identity exception' });
    expect(await unknown('YUNDUN', 'yd1')).toMatchObject({ code: 2442, message: 'employee is not exist' });
    expect(await unknown('PHONE', '13800000000')).toMatchObject({
      code: 460,
      message: 'dingdingbind employee not exist',
    });
  });

  it('takes a site given as spaces and devices, and numbers as ids', async () => {
    await sim.close();
    sim = await startAliyunGateway({
      appKey: APP_KEY,
      appSecret: SECRET,
      projectId: PROJECT,
      now: () => clock,
      spaces: [{ spaceId: 'space-a' }],
      devices: [
        { iotId: 'dev-1', spaceId: 'space-a', permissions: [{ userType: 'IDENTITY', userId: '100001' }] },
        { iotId: 'dev-2', permissions: [{ userType: 'IDENTITY', userId: '100001' }] },
      ],
    });
    caller = new Caller(sim.origin, APP_KEY, SECRET, () => clock);
    token = await caller.cloudToken(PROJECT);
    const reply = await caller.remove(token, {
      userType: 'IDENTITY',
      userIdList: [100001],
      scopeType: 'SPACE_ID',
      scopeIdList: ['space-a'],
    });
    expect(reply.json).toMatchObject({ code: 200 });
    expect(sim.permissions()).toEqual([
      { iotId: 'dev-2', spaceId: null, projectId: PROJECT, userType: 'IDENTITY', userId: '100001' },
    ]);
  });
});

describe("Aliyun /face/paas/permission/delete, the 'batch-3000' variant (3000 for a whole mixed batch)", () => {
  const identity = (userId: string) => ({ userType: 'IDENTITY' as const, userId });
  const ids = (list: AliyunPermission[]): string[] => list.map(key);

  /** space-a holds dev-1 (u1, u2) and dev-2 (u3); dev-3 (u1) is bound to no space; u4, u5 have no face. */
  async function site(variants?: 'batch-3000'[]): Promise<void> {
    await sim.close();
    sim = await startAliyunGateway({
      appKey: APP_KEY,
      appSecret: SECRET,
      projectId: PROJECT,
      now: () => clock,
      spaces: [{ spaceId: 'space-a' }],
      devices: [
        { iotId: 'dev-1', spaceId: 'space-a', permissions: ['u1', 'u2'].map(identity) },
        { iotId: 'dev-2', spaceId: 'space-a', permissions: ['u3'].map(identity) },
        { iotId: 'dev-3', permissions: ['u1'].map(identity) },
      ],
      users: ['u1', 'u2', 'u3', 'u4', 'u5'].map(identity),
      ...(variants ? { variants } : {}),
    });
    caller = new Caller(sim.origin, APP_KEY, SECRET, () => clock);
    token = await caller.cloudToken(PROJECT);
  }
  const remove = async (userIdList: string[], scopeIdList: string[], scopeType = 'IOT_ID'): Promise<unknown> =>
    (await caller.remove(token, { userType: 'IDENTITY', userIdList, scopeType, scopeIdList })).json;

  it('by default deletes what is there from a mixed batch and answers 200', async () => {
    await site();
    expect(await remove(['u4', 'u1', 'u5'], ['dev-1'])).toMatchObject({ code: 200 });
    expect(sim.permissions().map(key)).toEqual(['dev-1|IDENTITY|u2', 'dev-2|IDENTITY|u3', 'dev-3|IDENTITY|u1']);
    expect(sim.log.matching(PATH).at(-1)?.acknowledged).toEqual(['u1']);
  });

  it('answers 3000 for the whole request and deletes nothing when one named user has no face on the scope', async () => {
    await site(['batch-3000']);
    const before = sim.permissions();
    expect(await remove(['u1', 'u4', 'u2'], ['dev-1'])).toMatchObject({
      code: 3000,
      message: 'permission not exist',
      localizedMsg: '权限不存在',
    });
    // u1 has a face elsewhere (dev-3), which does not count: the scope is dev-1.
    expect(await remove(['u3', 'u2'], ['dev-1'])).toMatchObject({ code: 3000 });
    expect(ids(sim.permissions())).toEqual(ids(before));
    expect(sim.log.matching(PATH).every((e) => e.acknowledged === undefined)).toBe(true);

    expect(await remove(['u4'], ['dev-1'])).toMatchObject({ code: 3000 });
    expect(await remove(['u2', 'u1'], ['dev-1'])).toMatchObject({ code: 200 });
    expect(ids(sim.permissions())).toEqual(['dev-2|IDENTITY|u3', 'dev-3|IDENTITY|u1']);
    expect(await remove(['u1'], ['dev-1'])).toMatchObject({ code: 3000 });
  });

  it('counts a face on any device of a space as on the scope', async () => {
    await site(['batch-3000']);
    expect(await remove(['u1', 'u5'], ['space-a'], 'SPACE_ID')).toMatchObject({ code: 3000 });
    expect(sim.permissions()).toHaveLength(4);
    expect(await remove(['u1', 'u3'], ['space-a'], 'SPACE_ID')).toMatchObject({ code: 200 });
    expect(ids(sim.permissions())).toEqual(['dev-1|IDENTITY|u2', 'dev-3|IDENTITY|u1']);
  });

  it('still answers unknown users and unknown scopes first, and can be switched while running', async () => {
    await site(['batch-3000']);
    expect(await remove(['u1', 'ghost'], ['dev-1'])).toMatchObject({ code: 2405 });
    expect(await remove(['u4'], ['dev-9'])).toMatchObject({ code: 3002 });
    sim.setVariants([]);
    expect(await remove(['u1', 'u4'], ['dev-1'])).toMatchObject({ code: 200 });
    sim.setVariants(['batch-3000']);
    expect(await remove(['u2', 'u4'], ['dev-1'])).toMatchObject({ code: 3000 });
    expect(ids(sim.permissions())).toEqual(['dev-1|IDENTITY|u2', 'dev-2|IDENTITY|u3', 'dev-3|IDENTITY|u1']);
    expect(() => sim.setVariants(['batch-404' as 'batch-3000'])).toThrow(/unknown Alibaba platform variant/);
  });
});
