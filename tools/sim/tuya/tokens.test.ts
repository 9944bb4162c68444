import { afterEach, describe, expect, it } from 'vitest';
import { API, startFixture, type Fixture } from './fixture.ts';

const CHANNELS = `${API}/access-control-channels`;

describe('Tuya cloud tokens', () => {
  let fx: Fixture | undefined;
  afterEach(async () => {
    await fx?.sim.close();
    fx = undefined;
  });

  it('grants a pair with the documented fields inside the success envelope', async () => {
    fx = await startFixture({}, false);
    const { status, body } = await fx.client.call({ method: 'GET', path: '/v1.0/token?grant_type=1' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, t: fx.clock.now() });
    expect(body.tid).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.keys(body.result as object).sort()).toEqual(['access_token', 'expire_time', 'refresh_token', 'uid']);
    expect(body.result).toMatchObject({ expire_time: 7200, access_token: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('expires access tokens after expire_time seconds (1010), then a refresh works', async () => {
    fx = await startFixture({ tokenTtlSeconds: 60 });
    fx.clock.advance(59_999);
    expect((await fx.client.get(CHANNELS)).success).toBe(true);
    fx.clock.advance(1);
    expect(await fx.client.get(CHANNELS)).toMatchObject({ success: false, code: 1010, msg: 'token is expired' });
    const refreshed = await fx.client.refresh();
    expect(refreshed).toMatchObject({ success: true, result: { expire_time: 60 } });
    expect((await fx.client.get(CHANNELS)).success).toBe(true);
  });

  it('lets a refresh token work once and retires the old pair', async () => {
    fx = await startFixture();
    const first = fx.client.token;
    if (!first) throw new Error('no token');
    const second = await fx.client.refresh(first.refresh_token);
    expect(second.success).toBe(true);
    expect(second.result?.access_token).not.toBe(first.access_token);
    expect(second.result?.refresh_token).not.toBe(first.refresh_token);

    // The retired access token is unknown from now on.
    const old = await fx.client.call({ method: 'GET', path: CHANNELS, accessToken: first.access_token });
    expect(old.body).toMatchObject({ success: false, code: 1011, msg: 'token invalid' });
    // The used refresh token: 1012; a made-up one: 1011.
    expect(await fx.client.refresh(first.refresh_token)).toMatchObject({
      success: false,
      code: 1012,
      msg: 'token status is invalid',
    });
    expect(await fx.client.refresh('0'.repeat(32))).toMatchObject({ success: false, code: 1011 });
    // The new pair works, and fx.client.token is still the second pair after the failed refreshes.
    expect((await fx.client.get(CHANNELS)).success).toBe(true);
  });

  it('expireTokens() forces 1010 on the next business calls; refresh tokens keep working', async () => {
    fx = await startFixture();
    expect((await fx.client.get(CHANNELS)).success).toBe(true);
    fx.sim.expireTokens();
    expect(await fx.client.get(CHANNELS)).toMatchObject({ code: 1010 });
    expect(await fx.client.get(CHANNELS)).toMatchObject({ code: 1010 });
    expect((await fx.client.refresh()).success).toBe(true);
    expect((await fx.client.get(CHANNELS)).success).toBe(true);
  });

  it('keeps earlier grants valid when a new pair is granted', async () => {
    fx = await startFixture();
    const first = fx.client.token?.access_token;
    expect((await fx.client.grant()).success).toBe(true);
    expect(fx.client.token?.access_token).not.toBe(first);
    const old = await fx.client.call({ method: 'GET', path: CHANNELS, accessToken: first ?? '' });
    expect(old.body.success).toBe(true);
  });

  it('refuses connections while offline and answers on the same port when back, state kept', async () => {
    fx = await startFixture();
    const port = fx.sim.port;
    await fx.sim.setOnline(false);
    await expect(fx.client.get(CHANNELS)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await fx.sim.setOnline(true);
    expect(fx.sim.port).toBe(port);
    expect((await fx.client.get(CHANNELS)).success).toBe(true);
  });

  it('logs every request, refused ones included', async () => {
    fx = await startFixture();
    await fx.client.get(CHANNELS, { projectId: fx.sim.projectId });
    await fx.client.call({ method: 'GET', path: CHANNELS, accessToken: 'nope' });
    const entries = fx.sim.log.all();
    expect(entries.map((e) => e.path)).toEqual(['/v1.0/token', CHANNELS, CHANNELS]);
    expect(entries[0]?.query).toEqual({ grant_type: '1' });
    expect(entries[1]?.query).toEqual({ projectId: fx.sim.projectId });
    expect(entries.every((e) => e.status === 200 && e.method === 'GET')).toBe(true);
  });
});
