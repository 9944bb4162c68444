import { createHash, createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAliyunGateway, type AliyunGatewaySim } from './index.ts';
import { Caller, hmac256, send, type Draft, type Reply } from './test-client.ts';

const APP_KEY = '203753016';
const SECRET = 'gateway-secret-1';
const PROJECT = 'a124projectMain1';
const FIFTEEN_MIN = 15 * 60 * 1000;
const TOKEN_BODY = {
  id: 'req-1',
  version: '1.0',
  request: { apiVer: '1.0.1' },
  params: { grantType: 'project', res: PROJECT },
};

let clock = 1_700_000_000_000;
let sim: AliyunGatewaySim;
let caller: Caller;

const tamper = (item: Draft, change: Partial<Draft>): Draft => ({ ...item, headers: { ...item.headers }, ...change });
const errorMessage = (reply: Reply): string | undefined => reply.headers['x-ca-error-message'] as string | undefined;

async function expectRejected(reply: Reply, status: number, message: string): Promise<void> {
  expect(reply.status).toBe(status);
  expect(errorMessage(reply)).toBe(message);
  expect(reply.text).toBe('');
  expect(reply.headers['x-ca-request-id']).toMatch(/^[0-9A-F-]{36}$/);
}

beforeEach(async () => {
  clock = 1_700_000_000_000;
  sim = await startAliyunGateway({ appKey: APP_KEY, appSecret: SECRET, projectId: PROJECT, now: () => clock });
  caller = new Caller(sim.origin, APP_KEY, SECRET, () => clock);
});
afterEach(() => sim.close());

describe('Aliyun API gateway: signature checks', () => {
  it('accepts a correctly signed call and echoes the request id', async () => {
    const reply = await send(sim.origin, caller.draft('/cloud/token', TOKEN_BODY));
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ id: 'req-1', code: 200, message: 'success', localizedMsg: null });
    expect(reply.headers['x-ca-request-id']).toMatch(/^[0-9A-F-]{36}$/);
    expect(errorMessage(reply)).toBeUndefined();
  });

  it('refuses a body changed after signing: by Content-MD5, or by signature when the MD5 is redone', async () => {
    const item = caller.draft('/cloud/token', TOKEN_BODY);
    const body = Buffer.from(item.body);
    body[body.length - 3] = 0x58; // one byte of the project id
    await expectRejected(await send(sim.origin, tamper(item, { body })), 400, 'Invalid Content-MD5');

    const again = caller.draft('/cloud/token', TOKEN_BODY);
    const md5 = createHash('md5').update(body).digest('base64');
    const reply = await send(sim.origin, tamper(again, { body, headers: { ...again.headers, 'content-md5': md5 } }));
    expect(reply.status).toBe(400);
    const message = errorMessage(reply) ?? '';
    expect(message.startsWith('Invalid Signature, Server StringToSign:POST#application/json; charset=utf-8#')).toBe(
      true,
    );
    expect(message).toContain(md5);
    expect(message.endsWith('#/cloud/token')).toBe(true);
  });

  it('refuses a changed signed header, but ignores an unsigned one', async () => {
    const item = caller.draft('/cloud/token', TOKEN_BODY);
    const changed = tamper(item, { headers: { ...item.headers, 'x-ca-timestamp': String(clock + 1) } });
    expect(errorMessage(await send(sim.origin, changed))).toMatch(/^Invalid Signature, Server StringToSign:/);

    const other = caller.draft('/cloud/token', TOKEN_BODY);
    const extra = tamper(other, { headers: { ...other.headers, 'x-unsigned': 'anything' } });
    expect((await send(sim.origin, extra)).status).toBe(200);
  });

  it('signs the query sorted by key: any order on the wire passes, an unsorted or changed signature fails', async () => {
    const query: Array<[string, string]> = [
      ['zeta', '2'],
      ['alpha', '1'],
    ];
    const sorted = caller.draft('/cloud/token', TOKEN_BODY, { query });
    expect(sorted.stringToSign.endsWith('/cloud/token?alpha=1&zeta=2')).toBe(true);
    expect(sorted.rawQuery).toBe('zeta=2&alpha=1');
    expect((await send(sim.origin, sorted)).status).toBe(200);

    const unsorted = caller.draft('/cloud/token', TOKEN_BODY, { query });
    const wrongText = unsorted.stringToSign.replace('?alpha=1&zeta=2', '?zeta=2&alpha=1');
    const wrong = tamper(unsorted, { headers: { ...unsorted.headers, 'x-ca-signature': hmac256(SECRET, wrongText) } });
    const reply = await send(sim.origin, wrong);
    expect(reply.status).toBe(400);
    expect(errorMessage(reply)).toMatch(/#\/cloud\/token\?alpha=1&zeta=2$/);

    const changed = caller.draft('/cloud/token', TOKEN_BODY, { query });
    const rawQuery = 'zeta=3&alpha=1';
    expect(errorMessage(await send(sim.origin, tamper(changed, { rawQuery })))).toMatch(/^Invalid Signature/);
  });

  it('accepts timestamps within 15 minutes either way, and refuses stale, future and malformed ones', async () => {
    const at = (timestamp: number): Draft => caller.draft('/cloud/token', TOKEN_BODY, { timestamp });
    expect((await send(sim.origin, at(clock - FIFTEEN_MIN))).status).toBe(200);
    expect((await send(sim.origin, at(clock + FIFTEEN_MIN))).status).toBe(200);
    await expectRejected(await send(sim.origin, at(clock - FIFTEEN_MIN - 1)), 400, 'Timestamp Expired');
    await expectRejected(await send(sim.origin, at(clock + FIFTEEN_MIN + 1)), 400, 'Timestamp Expired');
    // Seconds instead of milliseconds are 1970 to the gateway.
    await expectRejected(await send(sim.origin, at(Math.floor(clock / 1000))), 400, 'Timestamp Expired');
    const bad = caller.draft('/cloud/token', TOKEN_BODY, {
      extraHeaders: { 'X-Ca-Timestamp': '2023-11-14T22:13:20Z' },
    });
    await expectRejected(await send(sim.origin, bad), 400, 'Invalid Timestamp');
  });

  it('refuses a replayed nonce for 15 minutes, then forgets it', async () => {
    const nonce = caller.nonce();
    const first = caller.draft('/cloud/token', TOKEN_BODY, { nonce });
    expect((await send(sim.origin, first)).status).toBe(200);
    await expectRejected(await send(sim.origin, first), 400, 'Nonce Used');
    clock += FIFTEEN_MIN - 1;
    await expectRejected(
      await send(sim.origin, caller.draft('/cloud/token', TOKEN_BODY, { nonce })),
      400,
      'Nonce Used',
    );
    clock += 1;
    expect((await send(sim.origin, caller.draft('/cloud/token', TOKEN_BODY, { nonce }))).status).toBe(200);
  });

  it('refuses an unknown app key (400 Invalid AppKey) and a wrong secret (Invalid Signature)', async () => {
    const stranger = new Caller(sim.origin, 'no-such-key', SECRET, () => clock);
    await expectRejected(await send(sim.origin, stranger.draft('/cloud/token', TOKEN_BODY)), 400, 'Invalid AppKey');
    const wrongSecret = new Caller(sim.origin, APP_KEY, 'not-the-secret', () => clock);
    const reply = await send(sim.origin, wrongSecret.draft('/cloud/token', TOKEN_BODY));
    expect(reply.status).toBe(400);
    expect(errorMessage(reply)).toMatch(/^Invalid Signature, Server StringToSign:/);
  });

  it('answers a request without signature with 401 Empty Signature', async () => {
    const item = caller.draft('/cloud/token', TOKEN_BODY);
    const headers = { ...item.headers };
    delete headers['x-ca-signature'];
    const reply = await send(sim.origin, tamper(item, { headers }));
    expect(reply.status).toBe(401);
    expect(errorMessage(reply)).toBe('Empty Signature');
    expect(reply.json).toEqual({
      id: 'req-1',
      code: 401,
      message: 'Empty Signature',
      localizedMsg: 'Empty Signature',
      data: null,
    });
  });

  it('answers Invalid Url for an unknown path, another method or an unpublished stage', async () => {
    await expectRejected(await send(sim.origin, caller.draft('/cloud/tokens', TOKEN_BODY)), 400, 'Invalid Url');
    const get = caller.draft('/cloud/token', '', { method: 'GET' });
    await expectRejected(await send(sim.origin, get), 400, 'Invalid Url');
    const test = caller.draft('/cloud/token', TOKEN_BODY, { extraHeaders: { 'X-Ca-Stage': 'TEST' } });
    await expectRejected(await send(sim.origin, test), 400, 'Invalid Url');
  });

  it('requires Content-MD5 on a body, a nonce, a known method, and the key, timestamp and nonce signed', async () => {
    const item = caller.draft('/cloud/token', TOKEN_BODY);
    const noMd5 = { ...item.headers };
    delete noMd5['content-md5'];
    // The client's signature covered the MD5 line, so re-sign without it to isolate the check.
    noMd5['x-ca-signature'] = hmac256(SECRET, item.stringToSign.replace(/\n[^\n]+==\n/, '\n\n'));
    await expectRejected(await send(sim.origin, tamper(item, { headers: noMd5 })), 400, 'Invalid Content-MD5');

    const withoutNonce = caller.draft('/cloud/token', TOKEN_BODY, { nonce: '' });
    await expectRejected(await send(sim.origin, withoutNonce), 400, 'Invalid Nonce');

    const md5 = caller.draft('/cloud/token', TOKEN_BODY, { extraHeaders: { 'X-Ca-Signature-Method': 'HmacMD5' } });
    await expectRejected(await send(sim.origin, md5), 400, 'Invalid Signature Method');

    const partial = caller.draft('/cloud/token', TOKEN_BODY);
    const list = 'x-ca-key,x-ca-signature-method,x-ca-stage,x-ca-timestamp';
    const text = partial.stringToSign.replace(/x-ca-nonce:[^\n]*\n/, '');
    const headers = { ...partial.headers, 'x-ca-signature-headers': list, 'x-ca-signature': hmac256(SECRET, text) };
    expect(errorMessage(await send(sim.origin, tamper(partial, { headers })))).toMatch(/^Invalid Signature/);
  });

  it('accepts HmacSHA1 signatures', async () => {
    const item = caller.draft('/cloud/token', TOKEN_BODY, { extraHeaders: { 'X-Ca-Signature-Method': 'HmacSHA1' } });
    const signature = createHmac('sha1', SECRET).update(item.stringToSign).digest('base64');
    const reply = await send(sim.origin, tamper(item, { headers: { ...item.headers, 'x-ca-signature': signature } }));
    expect(reply.status).toBe(200);
  });
});

describe('Aliyun API gateway: flow control, availability and log', () => {
  it('throttles above the rate with 403 Request Limited, per sliding second, switchable while running', async () => {
    sim.setRateLimit(3);
    for (let i = 0; i < 3; i++)
      expect((await send(sim.origin, caller.draft('/cloud/token', TOKEN_BODY))).status).toBe(200);
    const refused = caller.draft('/cloud/token', TOKEN_BODY);
    const reply = await send(sim.origin, refused);
    expect(reply.status).toBe(403);
    expect(errorMessage(reply)).toBe('Request Limited');
    expect(reply.json).toMatchObject({ id: 'req-1', code: 403, message: 'Request Limited' });
    // The gateway had already accepted the nonce: a retry must sign anew.
    clock += 1000;
    await expectRejected(await send(sim.origin, refused), 400, 'Nonce Used');
    expect((await send(sim.origin, caller.draft('/cloud/token', TOKEN_BODY))).status).toBe(200);
    sim.setRateLimit(null);
    for (let i = 0; i < 6; i++)
      expect((await send(sim.origin, caller.draft('/cloud/token', TOKEN_BODY))).status).toBe(200);
  });

  it('refuses connections while offline and serves again on the same port', async () => {
    const port = sim.port;
    await sim.setOnline(false);
    await expect(send(sim.origin, caller.draft('/cloud/token', TOKEN_BODY))).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    await sim.setOnline(true);
    expect(sim.port).toBe(port);
    expect((await send(sim.origin, caller.draft('/cloud/token', TOKEN_BODY))).status).toBe(200);
  });

  it('applies knob faults after authentication: a dropped call has used its nonce, a slow body still arrives', async () => {
    sim.knobs.set({ faults: [{ kind: 'drop', count: 1, pathIncludes: '/cloud/token' }], slowBodyMs: 40 });
    const dropped = caller.draft('/cloud/token', TOKEN_BODY);
    await expect(send(sim.origin, dropped)).rejects.toMatchObject({ code: 'ECONNRESET' });
    await expectRejected(await send(sim.origin, dropped), 400, 'Nonce Used');
    expect(sim.log.all().map((e) => [e.status, e.fault])).toEqual([
      [0, 'drop'],
      [400, undefined],
    ]);

    sim.knobs.set({ faults: [{ kind: 'slow-body', count: 1 }] });
    const slow = await send(sim.origin, caller.draft('/cloud/token', TOKEN_BODY));
    expect(slow.json).toMatchObject({ code: 200, data: { expireIn: 7_200_000 } });

    // A token fault makes no sense on /cloud/token (it takes none): it waits for a business call.
    sim.knobs.set({ faults: [{ kind: 'expired-credentials', count: 1 }] });
    expect((await send(sim.origin, caller.draft('/cloud/token', TOKEN_BODY))).json).toMatchObject({ code: 200 });
    const business = await caller.call('/face/paas/permission/delete', '1.2.0', {}, { iotToken: 'whatever' });
    expect(business.json).toMatchObject({ code: 2402, message: 'iottoken invalid' });
  });

  it('logs every request, accepted or not, with its status', async () => {
    await send(sim.origin, caller.draft('/cloud/token', TOKEN_BODY, { query: [['q', '1']] }));
    await send(sim.origin, new Caller(sim.origin, 'nobody', SECRET, () => clock).draft('/cloud/token', TOKEN_BODY));
    const entries = sim.log.all();
    expect(entries.map((e) => [e.method, e.path, e.status])).toEqual([
      ['POST', '/cloud/token', 200],
      ['POST', '/cloud/token', 400],
    ]);
    expect(entries[0]?.query).toEqual({ q: '1' });
    expect(entries[0]?.body).toMatchObject({ params: { res: PROJECT } });
  });
});
