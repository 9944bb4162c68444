import { afterEach, describe, expect, it } from 'vitest';
import { TUYA_ERRORS } from './errors.ts';
import { API, startFixture, TEST_CLIENT, type Fixture } from './fixture.ts';
import { TuyaTestClient } from './test-client.ts';

const CHANNELS = `${API}/access-control-channels`;
const AUTH = `${API}/access-auth`;

/** Expects a failure envelope in HTTP 200 with the exact global message. */
function failure(code: keyof typeof TUYA_ERRORS): Record<string, unknown> {
  return { success: false, code, msg: TUYA_ERRORS[code] };
}

describe('Tuya cloud error codes', () => {
  let fx: Fixture;
  afterEach(() => fx.sim.close());

  it('answers signature and clock problems with 1004, 1005 and 1013', async () => {
    fx = await startFixture();
    const { client, clock, sim } = fx;
    const wrongSecret = new TuyaTestClient({
      origin: sim.origin,
      clientId: TEST_CLIENT.clientId,
      secret: 'x',
      now: clock.now,
    });
    expect((await wrongSecret.call({ method: 'GET', path: '/v1.0/token?grant_type=1' })).body).toMatchObject(
      failure(1004),
    );
    const stranger = new TuyaTestClient({ origin: sim.origin, clientId: 'stranger', secret: 'x', now: clock.now });
    expect(await stranger.grant()).toMatchObject(failure(1005));

    const body = { projectId: sim.projectId };
    const tamperedBody = await client.call({ method: 'POST', path: AUTH, body, sentBody: '{"projectId":"1"}' });
    expect(tamperedBody.status).toBe(200);
    expect(tamperedBody.body).toMatchObject(failure(1004));
    const tamperedHeader = await client.call({
      method: 'POST',
      path: AUTH,
      body,
      signedHeaders: { area_id: 'a1' },
      headers: { area_id: 'a2' },
    });
    expect(tamperedHeader.body).toMatchObject(failure(1004));
    const withHeader = await client.call({ method: 'POST', path: AUTH, body, signedHeaders: { area_id: 'a1' } });
    expect(withHeader.body.success).toBe(true);

    const unsortedPath = `${CHANNELS}?pageSize=5&page=1`;
    const unsorted = await client.call({ method: 'GET', path: unsortedPath, signUrl: unsortedPath });
    expect(unsorted.body).toMatchObject(failure(1004));
    expect((await client.call({ method: 'GET', path: unsortedPath })).body.success).toBe(true);

    const stale = await client.call({ method: 'POST', path: AUTH, body, t: clock.now() - 15 * 60 * 1000 - 1 });
    expect(stale.body).toMatchObject(failure(1013));
    const skewed = await client.call({ method: 'POST', path: AUTH, body, t: clock.now() + 14 * 60 * 1000 });
    expect(skewed.body.success).toBe(true);
  });

  it('answers token problems with 1002, 1011, 1003 and 1100', async () => {
    fx = await startFixture();
    const { client } = fx;
    expect((await client.call({ method: 'GET', path: CHANNELS, accessToken: null })).body).toMatchObject(failure(1002));
    expect((await client.call({ method: 'GET', path: CHANNELS, accessToken: 'f'.repeat(32) })).body).toMatchObject(
      failure(1011),
    );
    expect((await client.call({ method: 'GET', path: '/v1.0/token?grant_type=2' })).body).toMatchObject(failure(1003));
    expect((await client.call({ method: 'GET', path: '/v1.0/token' })).body).toMatchObject(failure(1100));
    expect((await client.call({ method: 'POST', path: '/v1.0/token?grant_type=1' })).body).toMatchObject(failure(1108));
  });

  it('validates parameters: 1100 missing, 1109 wrong type, 1101 out of range, 1106 other project, 1000 unknown id', async () => {
    fx = await startFixture();
    const { client, sim } = fx;
    const projectId = sim.projectId;
    expect(await client.post(AUTH, {})).toMatchObject(failure(1100));
    expect(await client.post(AUTH, { projectId: '1500000000000000000' })).toMatchObject(failure(1106));
    expect(await client.post(AUTH, { projectId, pageSize: 101 })).toMatchObject(failure(1101));
    expect(await client.post(AUTH, { projectId, page: 0 })).toMatchObject(failure(1101));
    expect(await client.post(AUTH, { projectId, authDateType: 3 })).toMatchObject(failure(1101));
    expect(await client.post(AUTH, { projectId, sex: 'male' })).toMatchObject(failure(1109));
    expect(await client.post(AUTH, { projectId, channelIds: 'abc' })).toMatchObject(failure(1109));
    expect((await client.post(AUTH, { projectId, sex: '1' })).success).toBe(true);

    const full = `${API}/access-auth-issue/actions/full`;
    const channelIds = [sim.channels()[0]?.accessControlChannelId];
    expect(await client.post(full, { projectId, channelIds })).toMatchObject(failure(1100));
    expect(await client.post(full, { projectId, channelIds, authIssueCertificate: 5 })).toMatchObject(failure(1101));
    expect(await client.post(full, { projectId, authIssueCertificate: 1, channelIds: [] })).toMatchObject(
      failure(1100),
    );
    expect(await client.post(full, { projectId, authIssueCertificate: 1, channelIds: ['1'] })).toMatchObject(
      failure(1000),
    );
    expect(await client.get(`${API}/access-auth-task/1234`, { projectId })).toMatchObject(failure(1000));
    expect(await client.get(`${API}/access-auth-task/actions/issue-info`, { projectId })).toMatchObject(failure(1100));
    expect(await client.get(CHANNELS, { projectId: '42' })).toMatchObject(failure(1106));
  });

  it('answers 1006 for a non-JSON content type, 1109 for a broken body, 1108 for unknown paths and methods', async () => {
    fx = await startFixture();
    const { client, sim } = fx;
    const text = await client.call({
      method: 'POST',
      path: AUTH,
      body: JSON.stringify({ projectId: sim.projectId }),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.body).toMatchObject(failure(1006));
    expect((await client.call({ method: 'POST', path: AUTH, body: '{"projectId":' })).body).toMatchObject(
      failure(1109),
    );
    expect((await client.call({ method: 'POST', path: AUTH, body: '[1]' })).body).toMatchObject(failure(1109));
    expect(await client.get(`${API}/nothing-here`)).toMatchObject(failure(1108));
    expect(await client.get(AUTH, { projectId: sim.projectId })).toMatchObject(failure(1108));
    expect((await client.call({ method: 'DELETE', path: CHANNELS })).body).toMatchObject(failure(1108));
  });

  it('reads GET parameters from the query only (a GET body is ignored → 1100)', async () => {
    fx = await startFixture();
    const detail = `${API}/access-auth/detail`;
    const inBody = await fx.client.call({
      method: 'GET',
      path: detail,
      body: { projectId: fx.sim.projectId, accessAuthId: '1' },
    });
    expect(inBody.body).toMatchObject(failure(1100));
  });

  it('produces 500, 1111 and an HTTP 503 from the fault knobs', async () => {
    fx = await startFixture();
    const { client, sim } = fx;
    sim.knobs.set({ faults: [{ kind: 'http500', count: 1 }] });
    expect((await client.call({ method: 'GET', path: CHANNELS })).body).toMatchObject(failure(500));
    sim.knobs.set({ faults: [{ kind: 'busy', count: 1 }] });
    expect(await client.get(CHANNELS)).toMatchObject(failure(1111));
    sim.knobs.set({ faults: [{ kind: 'http503', count: 1 }] });
    const unavailable = await client.call({ method: 'GET', path: CHANNELS });
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toMatchObject(failure(1111));
    sim.knobs.set({ faults: [{ kind: 'expired-credentials', count: 1 }] });
    expect(await client.get(CHANNELS)).toMatchObject(failure(1010));
    expect((await client.get(CHANNELS)).success).toBe(true);
    expect(
      sim.log
        .all()
        .filter((e) => e.fault)
        .map((e) => e.fault),
    ).toEqual(['http500', 'busy', 'http503', 'expired-credentials']);
  });

  it('throttles at the configured rate with the configured code, per sliding second', async () => {
    fx = await startFixture({ throttle: { maxRequestsPerSecond: 3 } });
    const { client, clock, sim } = fx;
    // The token grant of the fixture was the first of this second.
    expect((await client.get(CHANNELS)).success).toBe(true);
    expect((await client.get(CHANNELS)).success).toBe(true);
    expect(await client.get(CHANNELS)).toMatchObject(failure(1199));
    clock.advance(999);
    expect(await client.get(CHANNELS)).toMatchObject(failure(1199));
    clock.advance(1);
    expect((await client.get(CHANNELS)).success).toBe(true);

    for (const code of [1110, 1111] as const) {
      sim.setThrottle({ maxRequestsPerSecond: 1, code });
      expect((await client.get(CHANNELS)).success).toBe(true);
      expect(await client.get(CHANNELS)).toMatchObject(failure(code));
    }
    sim.setThrottle(undefined);
    for (let i = 0; i < 5; i++) expect((await client.get(CHANNELS)).success).toBe(true);
  });
});
