import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../jobs/backoff.ts';
import { gatewayOrigin, type AliyunClient } from './client.ts';
import { createAdaptivePacer } from '../jobs/pacer.ts';
import { AliyunError } from './errors.ts';
import { PERMISSION_DELETE_API_VER, PERMISSION_DELETE_PATH } from './permission-delete.ts';
import { IOT_TOKEN, startGateway, type GatewayFixture } from '../../../../test/support/cloud/aliyun-harness.ts';

let gw: GatewayFixture;

beforeEach(async () => {
  gw = await startGateway();
});
afterEach(() => gw.close());

/** A delete that changes nothing: an unknown user passes the token check and answers 2405. */
function probe(client: AliyunClient) {
  return client.call(PERMISSION_DELETE_PATH, PERMISSION_DELETE_API_VER, probeParams());
}

function probeParams() {
  const [device] = gw.sim.world.devices;
  return { userType: 'IDENTITY', userIdList: ['nobody'], scopeType: 'IOT_ID', scopeIdList: [device?.iotId ?? ''] };
}

async function failure(promise: Promise<unknown>): Promise<AliyunError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AliyunError);
  return error as AliyunError;
}

describe('Aliyun client: gateway signature', () => {
  it('is accepted by the gateway and gets a project cloudToken', async () => {
    const token = await gw.client().cloudToken();
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const [logged] = gw.sim.log.matching('/cloud/token');
    expect(logged?.status).toBe(200);
    expect(logged?.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      version: '1.0',
      request: { apiVer: '1.0.1' },
      params: { grantType: 'project', res: 'a124projectMain1' },
    });
  });

  it('reports a wrong AppSecret as a signature problem with the AppKey and AppSecret', async () => {
    const error = await failure(gw.client({ appSecret: 'wrong' }).cloudToken());
    expect(error).toMatchObject({ kind: 'auth', reason: 'gateway', rawCode: 'Invalid Signature', status: 400 });
    expect(error.message).toMatch(/Check the AppKey and AppSecret/);
  });

  it('reports an unknown AppKey, and a laptop clock off by more than 15 minutes', async () => {
    const key = await failure(gw.client({ appKey: 'nobody' }).cloudToken());
    expect(key).toMatchObject({ kind: 'auth', rawCode: 'Invalid AppKey' });
    expect(key.message).toMatch(/AppKey/);
    const skewed = gw.client({ now: () => gw.now() + 16 * 60 * 1000 });
    const clock = await failure(skewed.cloudToken());
    expect(clock).toMatchObject({ kind: 'invalid', rawCode: 'Timestamp Expired' });
    expect(clock.message).toMatch(/clock is off by more than 15 minutes/);
  });

  it('re-signs with a fresh nonce when the gateway has seen one before', async () => {
    // uuid() gives the envelope id, then the nonce: the delete's first attempt reuses the token call's nonce.
    const uuids = ['id-1', 'nonce-1', 'id-2', 'nonce-1', 'id-3', 'nonce-2'];
    const client = gw.client({ uuid: () => uuids.shift() ?? 'spare' });
    const answer = await probe(client);
    expect(answer.code).toBe(2405);
    expect(gw.count(PERMISSION_DELETE_PATH)).toBe(2);
    expect(gw.sim.log.matching(PERMISSION_DELETE_PATH)[0]?.status).toBe(400);
  });

  it('refuses plain http except on loopback, and accepts a bare host name as https', () => {
    expect(gatewayOrigin('api.link.aliyun.com')).toBe('https://api.link.aliyun.com');
    expect(gatewayOrigin(' https://api-iot.ap-southeast-1.aliyuncs.com/ ')).toBe(
      'https://api-iot.ap-southeast-1.aliyuncs.com',
    );
    expect(gatewayOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(() => gatewayOrigin('http://api.link.aliyun.com')).toThrow(/https/);
    expect(() => gatewayOrigin('https://api.link.aliyun.com/face')).toThrow(/host only/);
    expect(() => gw.client({ appSecret: ' ' })).toThrow(/AppSecret is empty/);
  });
});

describe('Aliyun client: cloudToken', () => {
  it('issues one token for many calls and renews it before it expires (test clock)', async () => {
    const client = gw.client();
    await Promise.all([probe(client), probe(client), probe(client)]);
    expect(gw.count('/cloud/token')).toBe(1);
    gw.advance(7_200_000 - 5 * 60 * 1000 - 1000);
    expect((await probe(client)).code).toBe(2405);
    expect(gw.count('/cloud/token')).toBe(1);
    gw.advance(2000); // now within 5 minutes of expiry
    expect((await probe(client)).code).toBe(2405);
    expect(gw.count('/cloud/token')).toBe(2);
    // No call was refused for its token and retried: one request per probe.
    expect(gw.count(PERMISSION_DELETE_PATH)).toBe(5);
  });

  it('renews once on 2402 and retries once, single-flight for concurrent calls', async () => {
    const client = gw.client();
    const first = await client.cloudToken();
    gw.sim.expireTokens();
    const answers = await Promise.all([probe(client), probe(client), probe(client)]);
    expect(answers.map((a) => a.code)).toEqual([2405, 2405, 2405]);
    expect(gw.count('/cloud/token')).toBe(2);
    expect(await client.cloudToken()).not.toBe(first);
    expect(gw.count(PERMISSION_DELETE_PATH)).toBe(6);
  });

  it('does not renew twice when the platform keeps refusing the new token', async () => {
    const client = gw.client();
    gw.sim.injectError('iotTokenInvalid', { count: 5, pathIncludes: PERMISSION_DELETE_PATH });
    const answer = await probe(client);
    expect(answer).toMatchObject({ code: 2402, meaning: { auth: true, renewToken: true } });
    expect(gw.count('/cloud/token')).toBe(2);
    expect(gw.count(PERMISSION_DELETE_PATH)).toBe(2);
  });

  it('uses a user iotToken as it is and never asks for a cloudToken', async () => {
    const client = gw.client({ auth: { kind: 'iotToken', token: IOT_TOKEN } });
    expect((await probe(client)).code).toBe(2405);
    expect(gw.sim.log.matching(PERMISSION_DELETE_PATH)[0]?.body).toMatchObject({
      request: { apiVer: '1.2.0', iotToken: IOT_TOKEN },
    });
    gw.sim.expireTokens();
    expect((await probe(client)).code).toBe(2402);
    expect(gw.count('/cloud/token')).toBe(0);
    await expect(client.cloudToken()).rejects.toThrow(/user token/);
  });
});

describe('Aliyun client: throttling, faults and the network', () => {
  it('backs off with full jitter on 403 Request Limited, then succeeds', async () => {
    const client = gw.client();
    await client.cloudToken();
    gw.sim.setRateLimit(1); // the token call just used this second's only slot
    const answer = await probe(client);
    expect(answer.code).toBe(2405);
    expect(gw.sleeps).toEqual([990, 1980]);
    expect(gw.sim.log.matching(PERMISSION_DELETE_PATH).map((e) => e.status)).toEqual([403, 403, 200]);
  });

  it('gives up after the allowed attempts with a throttling error that says it will be sent later', async () => {
    const client = gw.client({ retry: { maxAttempts: 3 } });
    await client.cloudToken();
    gw.sim.setRateLimit(0);
    const error = await failure(probe(client));
    expect(error).toMatchObject({ kind: 'retryable', reason: 'throttled', rawCode: '403', status: 403 });
    expect(error.message).toMatch(/sent again later/);
    expect(gw.sleeps).toHaveLength(2);
    expect(backoffDelay(10, { baseMs: 1000, maxMs: 20_000, random: () => 0.5 })).toBe(10_000);
  });

  it('with a pacer, waits for its slot instead of backing off, and tells it of every throttled attempt', async () => {
    const client = gw.client();
    await client.cloudToken();
    gw.sim.setRateLimit(1); // the token call just used this second's only slot
    const throttled: number[] = [];
    const pacer = createAdaptivePacer({
      ceiling: () => 50,
      now: gw.now,
      sleep: async (ms) => gw.advance(ms),
      guardMs: 0,
    });
    const answer = await client.call(PERMISSION_DELETE_PATH, PERMISSION_DELETE_API_VER, probeParams(), undefined, {
      acquire: (signal) => pacer.acquire(signal),
      throttled: (ticket) => {
        throttled.push(ticket);
        pacer.throttled(ticket);
      },
    });
    expect(answer.code).toBe(2405);
    expect(gw.sleeps).toEqual([]); // no full-jitter back-off: the pacer's wait is the back-off
    expect(throttled).toEqual([1]);
    expect(pacer.rate()).toBe(1);
    expect(gw.sim.log.matching(PERMISSION_DELETE_PATH).map((e) => e.status)).toEqual([403, 200]);
  });

  it('answers a transient platform error without throwing, marked retryable', async () => {
    const client = gw.client();
    gw.sim.injectError('serviceUnavailable', { pathIncludes: PERMISSION_DELETE_PATH });
    const answer = await probe(client);
    expect(answer).toMatchObject({ status: 503, code: 503, meaning: { retryable: true } });
  });

  it('reports an offline gateway as a network error that queues the work', async () => {
    const client = gw.client();
    await gw.sim.setOnline(false);
    const error = await failure(probe(client));
    expect(error).toMatchObject({ kind: 'offline', reason: 'network', rawCode: 'ECONNREFUSED', status: null });
    expect(error.message).toMatch(/queued/);
  });

  it('reports an answer that is not the platform (a captive portal) as such', async () => {
    const portal: Server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>'),
    );
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    try {
      const port = (portal.address() as AddressInfo).port;
      const error = await failure(gw.client({ host: `http://127.0.0.1:${port}` }).cloudToken());
      expect(error).toMatchObject({ kind: 'retryable', reason: 'protocol', rawCode: 'HTTP_200' });
      expect(error.message).toMatch(/captive portal/);
    } finally {
      await new Promise((resolve) => portal.close(resolve));
    }
  });
});
