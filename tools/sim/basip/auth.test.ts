import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { BASIP_DEFAULT_TOKEN_TTL_MS } from './index.ts';
import { md5, startPanel, type PanelHarness } from './test-kit.ts';

const LIST = '/api/v1/access/identifier/items?limit=10&page_number=1';
const LINK = '/api/v1/access/identifier/items/link';
const people = generatePeople('auth', 20);

describe('BAS-IP panel: login and tokens', () => {
  let panel: PanelHarness | undefined;
  afterEach(async () => {
    await panel?.close();
    panel = undefined;
  });

  it('logs in with the MD5 of the password in lower- or upper-case hex', async () => {
    panel = await startPanel({ people });
    for (const hex of [md5('123456'), md5('123456', true)]) {
      const reply = await panel.call('GET', `/api/v1/login?username=admin&password=${hex}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
      const body = reply.json as { token: string; account_type: string };
      expect(body.account_type).toBe('admin');
      expect(body.token).toMatch(/^[0-9a-f]{40}$/);
      expect((await panel.call('GET', LIST, { token: body.token })).status).toBe(200);
    }
  });

  it('refuses bad logins with 400 "Wrong login or password" in both error styles', async () => {
    panel = await startPanel({ people, username: 'installer', password: 's3cret' });
    const bad = [
      `/api/v1/login?username=installer&password=s3cret`, // plain text, not MD5
      `/api/v1/login?username=admin&password=${md5('s3cret')}`,
      `/api/v1/login?username=installer&password=${md5('123456')}`,
      `/api/v1/login?username=installer`,
      `/api/v1/login`,
    ];
    for (const path of bad) {
      const reply = await panel.call('GET', path);
      expect(reply.status, path).toBe(400);
      expect(reply.json).toEqual({ error: 'Wrong login or password' });
    }
    expect(await panel.login('s3cret')).toMatch(/^[0-9a-f]+$/);
    await panel.close();

    panel = await startPanel({ people, errorStyle: 'coded' });
    const reply = await panel.call('GET', `/api/v1/login?username=admin&password=${md5('nope')}`);
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: { code: 'invalid_authentication', message: 'Wrong login or password' } });
  });

  it('answers 401 "Log In" without a valid bearer token, in both styles', async () => {
    for (const errorStyle of ['legacy', 'coded'] as const) {
      panel = await startPanel({ people, errorStyle });
      const token = await panel.login();
      const expected =
        errorStyle === 'legacy'
          ? { error: 'Log In' }
          : { error: { code: 'invalid_authentication', message: 'Log In' } };
      const attempts = [
        await panel.call('GET', LIST),
        await panel.call('GET', LIST, { token: 'not-a-token' }),
        await panel.call('DELETE', LINK, { body: { link_ids: [people[0]?.linkId] } }),
      ];
      for (const reply of attempts) {
        expect(reply.status).toBe(401);
        expect(reply.json).toEqual(expected);
      }
      expect(panel.device.stats().identifiers).toBeGreaterThanOrEqual(20);
      expect((await panel.call('GET', LIST, { token })).status).toBe(200);
      await panel.close();
      panel = undefined;
    }
  });

  it('expires tokens after tokenTtlMs on the injected clock (2 h by default)', async () => {
    expect(BASIP_DEFAULT_TOKEN_TTL_MS).toBe(7_200_000);
    let now = 1_000_000;
    panel = await startPanel({ people, now: () => now });
    const token = await panel.login();
    now += BASIP_DEFAULT_TOKEN_TTL_MS - 1;
    expect((await panel.call('GET', LIST, { token })).status).toBe(200);
    now += 1;
    const expired = await panel.call('GET', LIST, { token });
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual({ error: 'Log In' });
    const fresh = await panel.login();
    expect(fresh).not.toBe(token);
    expect((await panel.call('GET', LIST, { token: fresh })).status).toBe(200);
    await panel.close();

    now = 0;
    panel = await startPanel({ people, now: () => now, tokenTtlMs: 5000 });
    const short = await panel.login();
    now = 4999;
    expect((await panel.call('GET', LIST, { token: short })).status).toBe(200);
    now = 5000;
    expect((await panel.call('GET', LIST, { token: short })).status).toBe(401);
  });

  it('lets a non-admin account read but answers 403 on every identifier write, in both styles', async () => {
    for (const errorStyle of ['legacy', 'coded'] as const) {
      panel = await startPanel({ people, accountType: 'user', errorStyle });
      const login = await panel.call('GET', `/api/v1/login?username=admin&password=${md5('123456')}`);
      expect(login.json).toMatchObject({ account_type: 'user' });
      const token = (login.json as { token: string }).token;
      expect((await panel.call('GET', LIST, { token })).status).toBe(200);
      const expected =
        errorStyle === 'legacy'
          ? { error: 'Administrator rights required' }
          : { error: { code: 'permission_denied', message: 'Administrator rights required' } };
      const writes = [
        await panel.call('DELETE', LINK, { token, body: { link_ids: [people[0]?.linkId] } }),
        await panel.call('DELETE', '/api/v1/access/identifier/items', { token, body: { uid_items: [1] } }),
        await panel.call('POST', LINK, {
          token,
          body: { list_items: [{ link_id: people[1]?.linkId, identifier_type: 'card', identifier_number: '1' }] },
        }),
      ];
      for (const reply of writes) {
        expect(reply.status).toBe(403);
        expect(reply.json).toEqual(expected);
      }
      expect(panel.device.stats().identifiers).toBe(panel.device.identifiers().length);
      expect(panel.device.identifiers().some((i) => i.link_id === people[0]?.linkId)).toBe(true);
      await panel.close();
      panel = undefined;
    }
  });

  it('answers 405 for a login by POST and 404 for unknown paths', async () => {
    panel = await startPanel({ people });
    const post = await panel.call('POST', `/api/v1/login?username=admin&password=${md5('123456')}`);
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    expect((await panel.call('GET', '/api/v1/nothing/here')).status).toBe(404);
    expect((await panel.call('GET', '/')).status).toBe(404);
  });
});
