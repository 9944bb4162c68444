import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AliyunPermission } from '../../../../test/sim/aliyun/index.ts';
import type { AliyunClient } from './client.ts';
import { PERMISSION_DELETE_PATH, deleteFacePermissions, type AliyunUserType } from './permission-delete.ts';
import { IOT_TOKEN, startGateway, type GatewayFixture } from './test-harness.ts';

let gw: GatewayFixture;
let client: AliyunClient;

beforeEach(async () => {
  gw = await startGateway();
  client = gw.client();
});
afterEach(() => gw.close());

const UNKNOWN_IDENTITY = 'ffffffffffffffffffffffffffffffff';
const spaceOf = (i: number): string => gw.sim.world.spaces[i]?.spaceId ?? '';
const devicesOf = (spaceId: string): string[] =>
  gw.sim.world.devices.filter((d) => d.spaceId === spaceId).map((d) => d.iotId);
const usersOn = (iotId: string, type: AliyunUserType): string[] =>
  gw.sim.permissions().flatMap((p) => (p.iotId === iotId && p.userType === type ? [p.userId] : []));
const key = (p: AliyunPermission): string => `${p.iotId}|${p.userType}|${p.userId}`;
const sentLists = (): string[][] =>
  gw.sim.log
    .matching(PERMISSION_DELETE_PATH)
    .map((e) => (e.body as { params: { userIdList: string[] } }).params.userIdList);

describe('deleteFacePermissions against the gateway simulator', () => {
  it('removes faces from one device by IOT_ID and leaves its sibling alone', async () => {
    const [device = '', sibling = ''] = devicesOf(spaceOf(0));
    const targets = usersOn(device, 'IDENTITY').slice(0, 3);
    expect(targets.length).toBeGreaterThan(1);
    const before = gw.sim.permissions();
    const results = await deleteFacePermissions(client, {
      userType: 'IDENTITY',
      userIds: targets,
      scopeType: 'IOT_ID',
      scopeIds: [device],
    });
    expect(results).toEqual(
      targets.map((id) => ({
        id,
        userId: id,
        scopeId: device,
        outcome: 'removed',
        rawCode: '200',
        reason: null,
        retryable: false,
      })),
    );
    const gone = new Set(targets.map((userId) => `${device}|IDENTITY|${userId}`));
    expect(gw.sim.permissions().map(key)).toEqual(before.map(key).filter((k) => !gone.has(k)));
    for (const userId of targets) expect(usersOn(sibling, 'IDENTITY')).toContain(userId);
  });

  it('removes faces from every device of a space by SPACE_ID', async () => {
    const spaceId = spaceOf(1);
    const devices = devicesOf(spaceId);
    const users = [...new Set(devices.flatMap((d) => usersOn(d, 'PHONE')))];
    expect(users.length).toBeGreaterThan(0);
    const elsewhere = gw.sim.permissions().filter((p) => p.spaceId !== spaceId);
    const results = await deleteFacePermissions(client, {
      userType: 'PHONE',
      userIds: users,
      scopeType: 'SPACE_ID',
      scopeIds: [spaceId],
    });
    expect(results.map((r) => [r.userId, r.scopeId, r.outcome])).toEqual(users.map((u) => [u, spaceId, 'removed']));
    for (const device of devices) expect(usersOn(device, 'PHONE')).toEqual([]);
    expect(gw.sim.permissions().filter((p) => p.spaceId !== spaceId)).toEqual(elsewhere);
  });

  it('isolates an unknown user by splitting the batch, removes the others, and is idempotent', async () => {
    const [device = ''] = devicesOf(spaceOf(0));
    const known = usersOn(device, 'IDENTITY').slice(0, 4);
    expect(known).toHaveLength(4);
    const userIds = [known[0], known[1], UNKNOWN_IDENTITY, known[2], known[3]] as string[];
    const request = { userType: 'IDENTITY', userIds, scopeType: 'IOT_ID', scopeIds: [device] } as const;
    const results = await deleteFacePermissions(client, request);
    expect(results.map((r) => r.outcome)).toEqual(['removed', 'removed', 'failed', 'removed', 'removed']);
    expect(results[2]).toMatchObject({ id: UNKNOWN_IDENTITY, rawCode: '2405', retryable: false });
    expect(results[2]?.reason).toMatch(/no identity with this id.*Check the id and the user type/);
    expect(usersOn(device, 'IDENTITY').filter((u) => known.includes(u))).toEqual([]);
    // Binary split: the whole batch, then halves, until the unknown id is alone.
    expect(sentLists()).toContainEqual([UNKNOWN_IDENTITY]);
    expect(sentLists().length).toBeLessThanOrEqual(5);

    const again = await deleteFacePermissions(client, { ...request, userIds: known });
    expect(again.map((r) => [r.outcome, r.rawCode])).toEqual(known.map(() => ['already-absent', '3000']));
    expect(again[0]?.reason).toMatch(/Already absent/);
  });

  it('maps unknown users of the other user systems from codes.ts', async () => {
    const [device = ''] = devicesOf(spaceOf(0));
    const phone = await deleteFacePermissions(client, {
      userType: 'PHONE',
      userIds: ['13800000000'],
      scopeType: 'IOT_ID',
      scopeIds: [device],
    });
    expect(phone[0]).toMatchObject({ outcome: 'failed', rawCode: '460' });
    expect(phone[0]?.reason).toMatch(/no employee bound/);
    const open = await deleteFacePermissions(client, {
      userType: 'OPEN',
      userIds: ['oa_nobody'],
      scopeType: 'IOT_ID',
      scopeIds: [device],
    });
    expect(open[0]).toMatchObject({ outcome: 'failed', rawCode: '2407' });
  });

  it('sends batches of the configured size, one scope per request, and skips a scope the platform does not know', async () => {
    const [device = ''] = devicesOf(spaceOf(2));
    // Every generated person has an id in every user system; only some have a face on this device.
    const everyone = gw.sim.world.users.flatMap((u) => (u.userType === 'IDENTITY' ? [u.userId] : [])).slice(0, 12);
    expect(everyone.filter((u) => usersOn(device, 'IDENTITY').includes(u)).length).toBeGreaterThan(0);
    const results = await deleteFacePermissions(client, {
      userType: 'IDENTITY',
      userIds: everyone,
      scopeType: 'IOT_ID',
      scopeIds: ['NoSuchDevice00000000000100', device],
      batchSize: 5,
    });
    expect(sentLists().map((list) => list.length)).toEqual([5, 5, 5, 2]);
    expect(results).toHaveLength(24);
    expect(results.slice(0, 12).every((r) => r.outcome === 'failed' && r.rawCode === '3002')).toBe(true);
    expect(results[0]?.reason).toMatch(/does not know this device or space id/);
    expect(results.slice(12).every((r) => r.outcome === 'removed' || r.outcome === 'already-absent')).toBe(true);
    expect(usersOn(device, 'IDENTITY').filter((u) => everyone.includes(u))).toEqual([]);
  });

  it("fails a scope of another project as forbidden, without touching that project's faces", async () => {
    const foreign = gw.sim.world.devices.find((d) => d.spaceId === gw.sim.world.spaces[3]?.spaceId)?.iotId ?? '';
    const users = usersOn(foreign, 'IDENTITY');
    const results = await deleteFacePermissions(client, {
      userType: 'IDENTITY',
      userIds: users,
      scopeType: 'IOT_ID',
      scopeIds: [foreign],
    });
    expect(results.every((r) => r.outcome === 'failed' && r.rawCode === '403')).toBe(true);
    expect(usersOn(foreign, 'IDENTITY')).toEqual(users);
  });
});

describe('deleteFacePermissions when requests fail', () => {
  const someUsers = (): string[] => usersOn(devicesOf(spaceOf(0))[0] ?? '', 'IDENTITY').slice(0, 3);
  const request = (userIds: string[], scopeIds = [devicesOf(spaceOf(0))[0] ?? '']) =>
    ({ userType: 'IDENTITY', userIds, scopeType: 'IOT_ID', scopeIds }) as const;

  it('queues everything when the gateway is offline', async () => {
    const users = someUsers();
    await gw.sim.setOnline(false);
    const results = await deleteFacePermissions(client, request(users));
    expect(results).toHaveLength(3);
    for (const r of results) expect(r).toMatchObject({ outcome: 'queued', rawCode: 'ECONNREFUSED', retryable: true });
    expect(results[0]?.reason).toMatch(/queued and will be sent when the connection returns/);
  });

  it('fails everything with the key advice when the AppSecret is wrong, after one attempt', async () => {
    const results = await deleteFacePermissions(gw.client({ appSecret: 'wrong' }), request(someUsers()));
    for (const r of results) expect(r).toMatchObject({ outcome: 'failed', rawCode: 'Invalid Signature' });
    expect(results[0]?.reason).toMatch(/Check the AppKey and AppSecret/);
    expect(gw.count('/cloud/token')).toBe(1);
    expect(gw.count(PERMISSION_DELETE_PATH)).toBe(0);
  });

  it('fails with the sign-in advice when a user iotToken has expired', async () => {
    gw.sim.expireTokens();
    const iot = gw.client({ auth: { kind: 'iotToken', token: IOT_TOKEN } });
    const results = await deleteFacePermissions(iot, request(someUsers()));
    for (const r of results) expect(r).toMatchObject({ outcome: 'failed', rawCode: '2402', retryable: false });
    expect(results[0]?.reason).toMatch(/Sign in again/);
  });

  it('keeps what was done and queues the rest when the service fails mid-run', async () => {
    const users = usersOn(devicesOf(spaceOf(0))[0] ?? '', 'IDENTITY').slice(0, 4);
    let calls = 0;
    const flaky: AliyunClient = {
      ...client,
      call: (...args) => {
        calls += 1;
        if (calls === 2) gw.sim.injectError('serviceUnavailable', { pathIncludes: PERMISSION_DELETE_PATH });
        return client.call(...args);
      },
    };
    const results = await deleteFacePermissions(flaky, { ...request(users), batchSize: 1 });
    expect(results.map((r) => r.outcome)).toEqual(['removed', 'queued', 'queued', 'queued']);
    expect(results[1]).toMatchObject({ rawCode: '503', retryable: true });
    expect(calls).toBe(2);
  });

  it('cancels what is left when the signal aborts', async () => {
    const users = someUsers();
    const controller = new AbortController();
    const aborting: AliyunClient = {
      ...client,
      call: async (...args) => {
        const answer = await client.call(...args);
        controller.abort();
        return answer;
      },
    };
    const results = await deleteFacePermissions(aborting, {
      ...request(users),
      batchSize: 1,
      signal: controller.signal,
    });
    expect(results.map((r) => r.outcome)).toEqual(['removed', 'cancelled', 'cancelled']);
    expect(gw.count(PERMISSION_DELETE_PATH)).toBe(1);
  });

  it('fails blank ids locally and answers duplicates at every position', async () => {
    const [a = '', b = ''] = someUsers();
    const results = await deleteFacePermissions(client, request([a, ' ', b, a], [devicesOf(spaceOf(0))[0] ?? '', '']));
    expect(results.map((r) => [r.userId, r.outcome])).toEqual([
      [a, 'removed'],
      [' ', 'failed'],
      [b, 'removed'],
      [a, 'removed'],
      [a, 'failed'],
      [' ', 'failed'],
      [b, 'failed'],
      [a, 'failed'],
    ]);
    expect(results[1]).toMatchObject({ rawCode: null, reason: expect.stringMatching(/user id is empty/) });
    expect(results[4]?.reason).toMatch(/device or space id is empty/);
    expect(sentLists()).toEqual([[a, b]]);
  });
});
