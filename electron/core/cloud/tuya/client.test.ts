import { createServer, request as httpRequest, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors.ts';
import { TuyaError } from './errors.ts';
import { startCloud, type CloudFixture } from '../../../../test/support/cloud/tuya-fixtures.ts';

const CHANNELS = '/v1.0/iot-02/building/access-control-channels';
const MINUTE = 60_000;

let fx: CloudFixture;
const extra: Server[] = [];
afterEach(async () => {
  await fx.sim.close();
  await Promise.all(extra.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const channels = (client: ReturnType<CloudFixture['client']>) =>
  client.request({ method: 'GET', path: CHANNELS, query: { projectId: fx.sim.projectId } });
const paths = (): string[] => fx.sim.log.all().map((e) => e.path);
const failure = (promise: Promise<unknown>): Promise<TuyaError> =>
  promise.then(
    () => Promise.reject(new Error('expected a failure')),
    (error: unknown) => error as TuyaError,
  );

describe('tokens', () => {
  it('grants once and reuses the token; answers come back with camelCase keys', async () => {
    fx = await startCloud();
    const client = fx.client();
    const first = (await channels(client)) as { list: Array<Record<string, unknown>>; hasMore: boolean };
    await channels(client);
    expect(first.list[0]).toHaveProperty('accessControlChannelId');
    expect(first.list[0]).not.toHaveProperty('access_control_channel_id');
    expect(paths()).toEqual(['/v1.0/token', CHANNELS, CHANNELS]);
    expect(fx.sim.log.all()[0]?.query).toEqual({ grant_type: '1' });
    expect(client.tokenStats()).toEqual({ grants: 1, refreshes: 0 });
  });

  it('shares one grant between concurrent first calls', async () => {
    fx = await startCloud();
    const client = fx.client();
    await Promise.all([channels(client), channels(client), channels(client), channels(client)]);
    expect(paths().filter((p) => p === '/v1.0/token')).toHaveLength(1);
  });

  it('refreshes with the refresh token when less than 5 minutes are left, not before', async () => {
    fx = await startCloud({ tokenTtlSeconds: 3600 });
    const client = fx.client();
    const first = await client.token();
    expect(first.expiresAt).toBe(fx.clock.now() + 3600_000);
    fx.clock.advance(54 * MINUTE); // 6 minutes left
    await channels(client);
    expect(client.tokenStats()).toEqual({ grants: 1, refreshes: 0 });
    fx.clock.advance(2 * MINUTE); // 4 minutes left
    await channels(client);
    expect(client.tokenStats()).toEqual({ grants: 1, refreshes: 1 });
    expect(paths()).toContain(`/v1.0/token/${first.refreshToken}`);
    const second = await client.token();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.expiresAt).toBe(fx.clock.now() + 3600_000);
  });

  it('after expireTokens: one refresh, then the call succeeds (also for concurrent calls)', async () => {
    fx = await startCloud();
    const client = fx.client();
    await channels(client);
    fx.sim.log.clear();
    fx.sim.expireTokens();
    const answers = await Promise.all([channels(client), channels(client), channels(client)]);
    expect(answers.every((a) => Array.isArray((a as { list: unknown }).list))).toBe(true);
    expect(client.tokenStats()).toEqual({ grants: 1, refreshes: 1 });
    expect(paths().filter((p) => p.startsWith('/v1.0/token/'))).toHaveLength(1);
    expect(paths().filter((p) => p === CHANNELS)).toHaveLength(6);
  });

  it('gets a fresh token when the refresh token is refused too (both expired after 31 days)', async () => {
    fx = await startCloud();
    const client = fx.client();
    await channels(client);
    fx.clock.advance(31 * 24 * 60 * MINUTE);
    await channels(client);
    expect(client.tokenStats()).toEqual({ grants: 2, refreshes: 1 });
    expect(paths().filter((p) => p === '/v1.0/token')).toHaveLength(2);
  });
});

describe('backoff', () => {
  it('waits throttling out through its pacer (learning the quota), without back-off or failed attempts', async () => {
    fx = await startCloud({ throttle: { maxRequestsPerSecond: 1 } });
    const client = fx.client({ backoff: { maxAttempts: 1 } });
    await expect(channels(client)).resolves.toHaveProperty('list');
    await expect(channels(client)).resolves.toHaveProperty('list');
    // The grant used the second's only slot; the first call was refused once (1199), which taught the pacer the
    // quota: every later attempt waits a full second, so nothing else is refused. No back-off, and the one
    // allowed attempt was not used up by the throttled answer.
    expect(fx.sleeps).toEqual([]);
    expect(fx.sim.log.all().map((e) => e.path)).toEqual(['/v1.0/token', CHANNELS, CHANNELS, CHANNELS]);
    expect(client.pacingStats()).toEqual({ requests: 4, throttled: 1 });
    expect(fx.paceWaits.filter((ms) => ms >= 1000)).toHaveLength(2);
  });

  it('a cloud that keeps throttling: waited out for throttleWaitMs, then a throttled error with the vendor code', async () => {
    fx = await startCloud();
    const client = fx.client({ backoff: { maxAttempts: 3 }, throttleWaitMs: 8000 });
    await client.token();
    fx.sim.knobs.set({ faults: [{ kind: 'busy', count: 1000, pathIncludes: 'access-control-channels' }] });
    const error = await failure(channels(client));
    expect(error).toBeInstanceOf(TuyaError);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'throttled', code: 'NETWORK', tuyaCode: 1111 });
    expect(error.message).toMatch(/busy.*try again/i);
    // Far more than maxAttempts (3): throttled answers are not failed attempts. The pacer slowed to 1 a second.
    const tries = paths().filter((p) => p === CHANNELS).length;
    expect(tries).toBeGreaterThan(3);
    expect(tries).toBeLessThanOrEqual(10);
    expect(fx.sleeps).toEqual([]);
  });

  it('retries HTTP 503 and code 500 for idempotent calls', async () => {
    fx = await startCloud();
    const client = fx.client();
    await client.token();
    fx.sim.knobs.set({
      faults: [
        { kind: 'http503', count: 1 },
        { kind: 'http500', count: 1 },
      ],
    });
    await expect(channels(client)).resolves.toHaveProperty('list');
    // 503 carries 1111 (busy): throttling, waited out through the pacer; the code 500 backs off once.
    expect(fx.sleeps).toHaveLength(1);
    expect(client.pacingStats().throttled).toBe(1);
  });

  it('does not repeat a non-idempotent call that may have arrived (code 500), but does when throttled', async () => {
    fx = await startCloud();
    const client = fx.client();
    await client.token();
    const issue = () =>
      client.request({ method: 'POST', path: CHANNELS.replace('access-control-channels', 'x'), idempotent: false });
    fx.sim.knobs.set({ faults: [{ kind: 'http500', count: 1 }] });
    const error = await failure(issue());
    expect(error).toMatchObject({ kind: 'server', tuyaCode: 500, mayHaveArrived: true });
    expect(fx.sleeps).toEqual([]);
    fx.sim.knobs.set({ faults: [{ kind: 'busy', count: 1 }] });
    // Throttled (1111) first, then the unknown path answers 1108: one retry happened before the real answer.
    await expect(issue()).rejects.toMatchObject({ kind: 'invalid', tuyaCode: 1108 });
    // The repeat waited for the pacer, not a back-off.
    expect(fx.sleeps).toEqual([]);
    expect(paths().filter((p) => p.endsWith('/x'))).toHaveLength(3);
  });
});

describe('errors for the technician', () => {
  it('offline: a clear network error at once (no retries: the job queues and the sync retries), then working again', async () => {
    fx = await startCloud();
    const client = fx.client({ backoff: { maxAttempts: 3 } });
    await channels(client);
    await fx.sim.setOnline(false);
    const error = await failure(channels(client));
    expect(error).toMatchObject({ kind: 'network', code: 'NETWORK', tuyaCode: null });
    expect(error.message).toMatch(/no internet connection/);
    expect(error.message).toMatch(/queued/);
    // A refused connection means the cloud is unreachable now: no back-off. (The first attempt may reuse a kept-alive
    // connection that the cloud's going away resets, which is retried once; the retry is refused, and that ends it.)
    expect(fx.sleeps.length).toBeLessThanOrEqual(1);
    await fx.sim.setOnline(true);
    await expect(channels(client)).resolves.toHaveProperty('list');
  });

  it('wrong secret: sign invalid (1004), not retried, telling to check the client id/secret and the clock', async () => {
    fx = await startCloud();
    const client = fx.client({ clientSecret: 'not-the-secret' });
    const error = await failure(channels(client));
    expect(error).toMatchObject({ kind: 'auth', code: 'UNAUTHORIZED', tuyaCode: 1004, tuyaMsg: 'sign invalid' });
    expect(error.message).toMatch(/Access ID \(client id\) and Access Secret/);
    expect(error.message).toMatch(/laptop clock/);
    expect(paths()).toEqual(['/v1.0/token']);
    expect(error.details).toMatchObject({ source: 'tuya', kind: 'auth', tuyaCode: 1004, tuyaMsg: 'sign invalid' });
  });

  it('laptop clock 20 minutes fast: 1013 says the clock is off and by how much', async () => {
    fx = await startCloud();
    const client = fx.client({ now: () => fx.clock.now() + 20 * MINUTE });
    const error = await failure(channels(client));
    expect(error).toMatchObject({ kind: 'clock', tuyaCode: 1013, tuyaMsg: 'request time is invalid' });
    expect(error.message).toMatch(/laptop clock is off \(about 20 minutes ahead\)/);
  });

  it('a project this account may not use: 1106 permission deny', async () => {
    fx = await startCloud();
    const client = fx.client();
    const error = await failure(client.request({ method: 'GET', path: CHANNELS, query: { projectId: '1' } }));
    expect(error).toMatchObject({ kind: 'forbidden', tuyaCode: 1106, tuyaMsg: 'permission deny' });
    expect(error.message).toMatch(/does not allow this account/);
  });

  it('cancelled before sending: CANCELLED and nothing sent', async () => {
    fx = await startCloud();
    const client = fx.client();
    const controller = new AbortController();
    controller.abort();
    const error = await failure(client.request({ method: 'GET', path: CHANNELS, signal: controller.signal }));
    expect(error).toMatchObject({ kind: 'cancelled', code: 'CANCELLED' });
    expect(paths()).toEqual([]);
  });

  it('rejects a base URL that is not http(s)', async () => {
    fx = await startCloud();
    expect(() => fx.client({ baseUrl: 'ftp://example.com' })).toThrow(TuyaError);
  });
});

describe('proxy option', () => {
  it('goes through an explicitly configured proxy', async () => {
    fx = await startCloud();
    let proxied = 0;
    const proxy = createServer((req, res) => {
      proxied += 1;
      const target = new URL(req.url ?? '/');
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    extra.push(proxy);
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as { port: number }).port;
    const client = fx.client({ proxy: { protocol: 'http', host: '127.0.0.1', port } });
    await expect(channels(client)).resolves.toHaveProperty('list');
    expect(proxied).toBe(2);
  });
});
