import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AliyunPermission } from '../../../../tools/sim/aliyun/index.ts';
import type { AliyunClient } from './client.ts';
import {
  PERMISSION_DELETE_PATH,
  deleteFacePermissions,
  type AliyunUserType,
  type FacePermissionResult,
} from './permission-delete.ts';
import { IOT_TOKEN, startGateway, type GatewayFixture } from '../../../../test/support/cloud/aliyun-harness.ts';

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
        evidence: 'answer',
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
    expect(results[2]).toMatchObject({
      id: UNKNOWN_IDENTITY,
      rawCode: '2405',
      evidence: 'item-error',
      retryable: false,
    });
    for (const i of [0, 1, 3, 4]) expect(results[i]?.evidence).toBe('answer');
    expect(results[2]?.reason).toMatch(/no identity with this id.*Check the id and the user type/);
    expect(usersOn(device, 'IDENTITY').filter((u) => known.includes(u))).toEqual([]);
    // Binary split: the whole batch, then halves, until the unknown id is alone.
    expect(sentLists()).toContainEqual([UNKNOWN_IDENTITY]);
    expect(sentLists().length).toBeLessThanOrEqual(5);

    const sentBefore = sentLists().length;
    const again = await deleteFacePermissions(client, { ...request, userIds: known });
    expect(again.map((r) => [r.outcome, r.evidence, r.rawCode])).toEqual(
      known.map(() => ['already-absent', 'not-found', '3000']),
    );
    expect(again[0]?.reason).toMatch(/Already absent/);
    // A 3000 to the whole batch is not an answer about each user: each one is asked alone (4 → 2+2 → 1+1+1+1).
    const retried = sentLists().slice(sentBefore);
    expect(retried).toHaveLength(7);
    for (const user of known) expect(retried).toContainEqual([user]);
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
    // The unknown device: one request. The device: batches of 5, 5, 2; nobody of the first batch has a face
    // there, so its whole-request 3000 is split down to single users (2·5 − 1 requests).
    expect(sentLists().map((list) => list.length)).toEqual([5, 5, 3, 2, 1, 1, 1, 2, 1, 1, 5, 2]);
    expect(results.slice(12, 17).every((r) => r.outcome === 'already-absent' && r.evidence === 'not-found')).toBe(true);
    expect(results).toHaveLength(24);
    expect(results.slice(0, 12).every((r) => r.outcome === 'failed' && r.rawCode === '3002')).toBe(true);
    expect(results.slice(0, 12).every((r) => r.evidence === null)).toBe(true);
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
    expect(results.every((r) => r.outcome === 'failed' && r.rawCode === '403' && r.evidence === null)).toBe(true);
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
    for (const r of results) {
      expect(r).toMatchObject({ outcome: 'queued', evidence: null, rawCode: 'ECONNREFUSED', retryable: true });
    }
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
    expect(results[1]).toMatchObject({ rawCode: '503', evidence: null, retryable: true });
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
    expect(results.map((r) => [r.outcome, r.evidence])).toEqual([
      ['removed', 'answer'],
      ['cancelled', null],
      ['cancelled', null],
    ]);
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
    expect(results[1]).toMatchObject({
      rawCode: null,
      evidence: 'plan',
      reason: expect.stringMatching(/user id is empty/),
    });
    expect(results[4]).toMatchObject({
      evidence: 'plan',
      reason: expect.stringMatching(/device or space id is empty/),
    });
    expect(sentLists()).toEqual([[a, b]]);
  });
});

describe("deleteFacePermissions against a platform answering 3000 for a whole mixed batch ('batch-3000')", () => {
  const identity = (userId: string) => ({ userType: 'IDENTITY' as const, userId });
  const WITH = Array.from({ length: 16 }, (_, i) => `f${i}`);
  const WITHOUT = Array.from({ length: 8 }, (_, i) => `n${i}`);
  /** f0, n0, f1, n1, … f7, n7: users with a face on dev-1 interleaved with users without one there. */
  const INTERLEAVED = WITHOUT.flatMap((n, i) => [WITH[i] ?? '', n]);
  const onDevice = (iotId: string, users: readonly string[]): string[] => users.map((u) => `${iotId}|IDENTITY|${u}`);

  /** dev-1 holds the faces of f0..f15, dev-2 those of n0..n7; every user is known to the platform. */
  async function variantSite(): Promise<void> {
    await gw.close();
    gw = await startGateway({
      devices: [
        { iotId: 'dev-1', permissions: WITH.map(identity) },
        { iotId: 'dev-2', permissions: WITHOUT.map(identity) },
      ],
      users: [...WITH, ...WITHOUT].map(identity),
      variants: ['batch-3000'],
    });
    client = gw.client();
  }

  /** Ground truth: no user reported removed or already absent still has a face on that device. */
  function audit(results: readonly FacePermissionResult[]): void {
    const now = new Set(gw.sim.permissions().map(key));
    for (const r of results) {
      if (r.outcome !== 'removed' && r.outcome !== 'already-absent') continue;
      expect(now.has(`${r.scopeId}|IDENTITY|${r.userId}`), `${r.userId} on ${r.scopeId}: ${r.outcome}`).toBe(false);
    }
  }

  it('removes every user with a face and reports only the others already absent, each on its own answer', async () => {
    await variantSite();
    const results = await deleteFacePermissions(client, {
      userType: 'IDENTITY',
      userIds: INTERLEAVED,
      scopeType: 'IOT_ID',
      scopeIds: ['dev-1'],
      batchSize: 16,
    });
    audit(results);
    expect(results.map((r) => [r.userId, r.outcome, r.evidence, r.rawCode])).toEqual(
      INTERLEAVED.map((u) =>
        u.startsWith('f') ? [u, 'removed', 'answer', '200'] : [u, 'already-absent', 'not-found', '3000'],
      ),
    );
    expect(gw.sim.permissions().map(key)).toEqual(
      [...onDevice('dev-1', WITH.slice(8)), ...onDevice('dev-2', WITHOUT)].sort(),
    );
    // Every "already absent" rests on a 3000 to a request that named that user alone.
    const alone = sentLists().filter((list) => list.length === 1);
    for (const user of WITHOUT) expect(alone).toContainEqual([user]);
  });

  it('settles each (user, device) pair on its own across devices, whatever the batch size', async () => {
    await variantSite();
    const results = await deleteFacePermissions(client, {
      userType: 'IDENTITY',
      userIds: INTERLEAVED,
      scopeType: 'IOT_ID',
      scopeIds: ['dev-1', 'dev-2'],
      batchSize: 5,
    });
    audit(results);
    const expected = (scopeId: string, holders: string[]) =>
      INTERLEAVED.map((u) => [scopeId, u, holders.includes(u) ? 'removed' : 'already-absent']);
    expect(results.map((r) => [r.scopeId, r.userId, r.outcome])).toEqual([
      ...expected('dev-1', WITH),
      ...expected('dev-2', WITHOUT),
    ]);
    expect(gw.sim.permissions().map(key)).toEqual(onDevice('dev-1', WITH.slice(8)).sort());
  });

  it('costs about 2·log2(batch) extra requests per user without a face', async () => {
    await variantSite();
    const userIds = [...WITH.slice(0, 11), 'n5', ...WITH.slice(11, 15)];
    expect(userIds).toHaveLength(16);
    const results = await deleteFacePermissions(client, {
      userType: 'IDENTITY',
      userIds,
      scopeType: 'IOT_ID',
      scopeIds: ['dev-1'],
      batchSize: 16,
    });
    audit(results);
    expect(results.filter((r) => r.outcome === 'removed')).toHaveLength(15);
    expect(results[11]).toMatchObject({ userId: 'n5', outcome: 'already-absent', evidence: 'not-found' });
    // One bad id in 16: at most 1 + 2·log2(16) requests, not one per user (16) nor a full split (31).
    expect(sentLists().length).toBeLessThanOrEqual(1 + 2 * 4);
  });
});

describe('deleteFacePermissions never takes a whole-request 3000 as an answer about each user', () => {
  it('splits a 3000 on a batch whose users do have faces, and removes them', async () => {
    const [device = ''] = devicesOf(spaceOf(0));
    const users = usersOn(device, 'IDENTITY').slice(0, 4);
    expect(users).toHaveLength(4);
    gw.sim.injectError('permissionNotExist', { pathIncludes: PERMISSION_DELETE_PATH });
    const results = await deleteFacePermissions(client, {
      userType: 'IDENTITY',
      userIds: users,
      scopeType: 'IOT_ID',
      scopeIds: [device],
    });
    expect(results.map((r) => [r.outcome, r.evidence])).toEqual(users.map(() => ['removed', 'answer']));
    expect(usersOn(device, 'IDENTITY').filter((u) => users.includes(u))).toEqual([]);
    expect(sentLists()).toEqual([users, users.slice(0, 2), users.slice(2)]);
  });
});
