import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAliyunGateway, type AliyunGatewaySim } from './index.ts';
import { Caller } from './test-client.ts';

const APP_KEY = '203753016';
const SECRET = 'gateway-secret-1';
const PROJECT = 'a124projectMain1';
const TTL = 7_200_000;

let clock = 1_700_000_000_000;
let sim: AliyunGatewaySim;
let caller: Caller;

/** A delete whose params are missing: with a valid token it reaches validation (460), else 2402/460 blank. */
async function probe(auth: Record<string, string>): Promise<unknown> {
  const reply = await caller.call('/face/paas/permission/delete', '1.2.0', undefined, auth);
  return reply.json?.code === 460 && reply.json.message === 'request parameter error.' ? 'accepted' : reply.json;
}

beforeEach(async () => {
  clock = 1_700_000_000_000;
  sim = await startAliyunGateway({
    appKey: APP_KEY,
    appSecret: SECRET,
    projectId: PROJECT,
    now: () => clock,
    iotTokens: ['iot-session-1'],
    otherApps: [
      { appKey: 'gateway-only', appSecret: 'other-secret' },
      { appKey: 'neighbour-app', appSecret: 'neighbour-secret', projectId: PROJECT },
    ],
  });
  caller = new Caller(sim.origin, APP_KEY, SECRET, () => clock);
});
afterEach(() => sim.close());

describe('Aliyun /cloud/token', () => {
  it('issues a project cloudToken valid for 7,200,000 ms', async () => {
    const reply = await caller.call('/cloud/token', '1.0.1', { grantType: 'project', res: PROJECT });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      id: expect.any(String),
      code: 200,
      message: 'success',
      localizedMsg: null,
      data: { cloudToken: expect.stringMatching(/^[0-9a-f]{32}$/), expireIn: TTL },
    });
  });

  it('invalidates the previous token when called again', async () => {
    const first = await caller.cloudToken(PROJECT);
    expect(await probe({ cloudToken: first })).toBe('accepted');
    const second = await caller.cloudToken(PROJECT);
    expect(second).not.toBe(first);
    expect(await probe({ cloudToken: first })).toMatchObject({
      code: 2402,
      message: 'iottoken invalid',
      localizedMsg: 'iottoken已经失效',
      data: null,
    });
    expect(await probe({ cloudToken: second })).toBe('accepted');
  });

  it('expires a token after its lifetime on the injected clock', async () => {
    const token = await caller.cloudToken(PROJECT);
    clock += TTL - 1;
    expect(await probe({ cloudToken: token })).toBe('accepted');
    clock += 1;
    expect(await probe({ cloudToken: token })).toMatchObject({ code: 2402 });
  });

  it('honours a configured lifetime', async () => {
    await sim.close();
    sim = await startAliyunGateway({
      appKey: APP_KEY,
      appSecret: SECRET,
      projectId: PROJECT,
      now: () => clock,
      cloudTokenTtlMs: 1000,
    });
    caller = new Caller(sim.origin, APP_KEY, SECRET, () => clock);
    const reply = await caller.call('/cloud/token', '1.0.1', { grantType: 'project', res: PROJECT });
    expect(reply.json?.data).toMatchObject({ expireIn: 1000 });
    clock += 1000;
    const token = (reply.json?.data as { cloudToken: string }).cloudToken;
    expect(await probe({ cloudToken: token })).toMatchObject({ code: 2402 });
  });

  it('expires every cloudToken and iotToken on expireTokens()', async () => {
    const token = await caller.cloudToken(PROJECT);
    expect(await probe({ iotToken: 'iot-session-1' })).toBe('accepted');
    sim.expireTokens();
    expect(await probe({ cloudToken: token })).toMatchObject({ code: 2402 });
    expect(await probe({ iotToken: 'iot-session-1' })).toMatchObject({ code: 2402 });
    sim.addIotToken('iot-session-2');
    expect(await probe({ iotToken: 'iot-session-2' })).toBe('accepted');
    expect(await probe({ cloudToken: await caller.cloudToken(PROJECT) })).toBe('accepted');
  });

  it('answers 460 iotToken is blank without a token and 2402 for an unknown one', async () => {
    expect(await probe({})).toMatchObject({ code: 460, message: 'iotToken is blank', localizedMsg: 'iotToken为空' });
    expect(await probe({ iotToken: '  ' })).toMatchObject({ code: 460, message: 'iotToken is blank' });
    expect(await probe({ iotToken: 'made-up' })).toMatchObject({ code: 2402 });
    expect(await probe({ cloudToken: 'made-up' })).toMatchObject({ code: 2402 });
  });

  it("does not accept another app's cloudToken, even for the same project", async () => {
    const neighbour = new Caller(sim.origin, 'neighbour-app', 'neighbour-secret', () => clock);
    const theirs = await neighbour.cloudToken(PROJECT);
    expect(await probe({ cloudToken: theirs })).toMatchObject({ code: 2402 });
    // Their token is theirs alone: issuing ours did not revoke it.
    await caller.cloudToken(PROJECT);
    const reply = await neighbour.call('/face/paas/permission/delete', '1.2.0', undefined, { cloudToken: theirs });
    expect(reply.json).toMatchObject({ code: 460, message: 'request parameter error.' });
  });

  it('validates grantType and res, and refuses apps and projects it does not know', async () => {
    const token = (params: unknown) => caller.call('/cloud/token', '1.0.1', params);
    expect((await token({ grantType: 'user', res: PROJECT })).json).toMatchObject({
      code: 460,
      localizedMsg: '请求参数异常',
    });
    expect((await token({ grantType: 'project' })).json).toMatchObject({ code: 460, localizedMsg: '入参错误' });
    expect((await token({ grantType: 'project', res: ['x'] })).json).toMatchObject({ code: 20055 });
    expect((await token({ grantType: 'project', res: 'a124someoneElse' })).json).toMatchObject({
      code: 401,
      message: 'Request Authorized Error',
    });
    const stranger = new Caller(sim.origin, 'gateway-only', 'other-secret', () => clock);
    const reply = await stranger.call('/cloud/token', '1.0.1', { grantType: 'project', res: PROJECT });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ code: 2453, message: 'app not exist', localizedMsg: 'appkey不存在' });
  });

  it('answers Find Backend Error for an unpublished API version', async () => {
    const reply = await caller.call('/cloud/token', '1.0.0', { grantType: 'project', res: PROJECT });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ code: 20003, message: 'Find Backend Error' });
  });
});
