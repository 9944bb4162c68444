import { afterEach, describe, expect, it } from 'vitest';
import type { SimHandler } from '../../../../tools/sim/common/http.ts';
import { createTerminalHttp } from '../http-client.ts';
import { createBasipDriver } from './index.ts';
import { apiVersionOfFirmware, isLoginWall, readDeviceInfo, verifyBasip } from './probe.ts';
import { json, refusedPort, startFake, startPanel } from '../../../../test/support/drivers/basip-harness.ts';

/** Puts the panel's info paths behind a login: without a bearer token they answer 401 `{"error": "Log In"}`. */
const infoBehindLogin =
  (style: 'legacy' | 'coded' = 'legacy') =>
  (inner: SimHandler): SimHandler =>
  (request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (/^\/api\/(v[01]\/)?info$/.test(path) && !request.headers.authorization) {
      const error = style === 'legacy' ? 'Log In' : { code: 'invalid_authentication', message: 'Log in first' };
      json(response, 401, { error });
      return;
    }
    return inner(request, response);
  };

const ADMIN = { username: 'admin', password: '123456' };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

describe('BAS-IP probe', () => {
  it('identifies a v1 panel with serial, model and firmware, without logging in', async () => {
    const panel = await startPanel({ firmware: '3.9.1', serial: 'A1B2C3D4E5F6', model: 'AA-12FB' });
    closers.push(panel.close);
    const result = await panel.driver.probe(panel.endpoint);
    expect(result).toEqual({
      kind: 'basip',
      apiVersion: 'v1',
      serial: 'A1B2C3D4E5F6',
      model: 'AA-12FB',
      firmware: '3.9.1',
      name: 'AA-12FB entrance panel',
      peopleCount: null,
      capacity: null,
    });
    const paths = panel.device.log.all().map((e) => e.path);
    expect(paths).toEqual(['/api/v1/info']);
    expect(paths.some((p) => p.includes('login'))).toBe(false);
  });

  it('identifies a panel with firmware before 3.9 as v0 (its /api/v1 answers 404)', async () => {
    const panel = await startPanel({ firmware: '3.8.4', serial: 'OLDPANEL0001' });
    closers.push(panel.close);
    const result = await panel.driver.probe(panel.endpoint);
    expect(result?.kind).toBe('basip');
    expect(result?.apiVersion).toBe('v0');
    expect(result?.serial).toBe('OLDPANEL0001');
    expect(result?.firmware).toBe('3.8.4');
    expect(panel.device.log.all().map((e) => `${e.path} ${e.status}`)).toEqual(['/api/v1/info 404', '/api/info 200']);
  });

  it('identifies a panel that keeps its info behind a login (legacy and coded 401) as v1 of unknown serial', async () => {
    for (const style of ['legacy', 'coded'] as const) {
      const panel = await startPanel({ serial: 'HIDDEN000001', wrap: infoBehindLogin(style) });
      closers.push(panel.close);
      expect(await panel.driver.probe(panel.endpoint), style).toEqual({
        kind: 'basip',
        apiVersion: 'v1',
        serial: null,
        model: null,
        firmware: null,
        name: null,
        peopleCount: null,
        capacity: null,
      });
      expect(
        panel.device.log.all().some((e) => e.path.includes('login')),
        style,
      ).toBe(false);
    }
  });

  it('does not take any 401 for a login wall: only the vendor words, on a 401', () => {
    expect(isLoginWall({ status: 401, json: { error: 'Log In' } })).toBe(true);
    expect(isLoginWall({ status: 401, json: { error: { code: 'invalid_authentication' } } })).toBe(true);
    expect(isLoginWall({ status: 401, json: { error: 'Unauthorized' } })).toBe(false);
    expect(isLoginWall({ status: 401, json: undefined })).toBe(false);
    expect(isLoginWall({ status: 200, json: { error: 'Log In' } })).toBe(false);
  });

  it('answers null for a Sophon-like JSON server', async () => {
    const fake = await startFake((_request, response) =>
      json(response, 200, {
        error: { code: 'UNSUPPORT_CONTENT_TYPE', message: 'content type not supported', status: 'FAILED' },
      }),
    );
    closers.push(fake.close);
    expect(await createBasipDriver({ timeoutMs: 1000 }).probe(fake.endpoint)).toBeNull();
    expect(fake.requests.length).toBeGreaterThan(0);
  });

  it('answers null for a JSON server whose answers merely mention a version', async () => {
    const fake = await startFake((_request, response) => json(response, 200, { version: '2.1', firmware: 'x' }));
    closers.push(fake.close);
    expect(await createBasipDriver({ timeoutMs: 1000 }).probe(fake.endpoint)).toBeNull();
  });

  it('answers null for an HTML page', async () => {
    const fake = await startFake((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<!doctype html><html><body>Router login</body></html>');
    });
    closers.push(fake.close);
    expect(await createBasipDriver({ timeoutMs: 1000 }).probe(fake.endpoint)).toBeNull();
  });

  it('answers null quickly for a refused port, with a single attempt', async () => {
    const port = await refusedPort();
    const started = Date.now();
    const result = await createBasipDriver({ timeoutMs: 5000 }).probe({ address: '127.0.0.1', port, scheme: 'http' });
    expect(result).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('answers null after one timeout for a device that never answers', async () => {
    const panel = await startPanel({ knobs: { faults: [{ kind: 'timeout' }] }, timeoutMs: 300 });
    closers.push(panel.close);
    const started = Date.now();
    expect(await panel.driver.probe(panel.endpoint)).toBeNull();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1500);
    expect(panel.device.log.all()).toHaveLength(1);
  });

  it('throws the abort reason when aborted, not null', async () => {
    const panel = await startPanel({ knobs: { latencyMs: 2000 } });
    closers.push(panel.close);
    const controller = new AbortController();
    const reason = new Error('technician cancelled');
    setTimeout(() => controller.abort(reason), 50);
    await expect(panel.driver.probe(panel.endpoint, controller.signal)).rejects.toBe(reason);
  });
});

describe('BAS-IP identification with credentials', () => {
  it('logs in, reads the info with the token and one page: the serial of a panel behind a login', async () => {
    const panel = await startPanel({
      serial: 'HIDDEN000002',
      model: 'AA-07FB',
      firmware: '3.9.4',
      wrap: infoBehindLogin(),
    });
    closers.push(panel.close);
    const verified = await verifyBasip(createTerminalHttp(panel.endpoint, 1000), ADMIN, 1000);
    expect(verified).toEqual({
      result: {
        kind: 'basip',
        apiVersion: 'v1',
        serial: 'HIDDEN000002',
        model: 'AA-07FB',
        firmware: '3.9.4',
        name: 'AA-07FB entrance panel',
        peopleCount: null,
        capacity: null,
      },
      credentials: 'ok',
    });
    const asked = panel.device.log.all().map((e) => `${e.method} ${e.path} ${e.status}`);
    expect(asked).toEqual(['GET /api/v1/login 200', 'GET /api/v1/info 200', 'GET /api/v1/access/identifier/items 200']);
  });

  it('a login refused in the vendor words is a panel with rejected credentials, its level unseen', async () => {
    const panel = await startPanel({ wrap: infoBehindLogin() });
    closers.push(panel.close);
    const verified = await verifyBasip(createTerminalHttp(panel.endpoint, 1000), { ...ADMIN, password: 'no' }, 1000);
    expect(verified.credentials).toBe('rejected');
    expect(verified.result).toMatchObject({ kind: 'basip', apiVersion: null, serial: null });
  });

  it('identifies nothing from a refusal in other words, or from a token that opens nothing', async () => {
    const refusing = await startFake((_request, response) => json(response, 400, { error: 'bad request' }));
    closers.push(refusing.close);
    expect(await verifyBasip(createTerminalHttp(refusing.endpoint, 1000), ADMIN, 1000)).toEqual({
      result: null,
      credentials: null,
    });
    const tokenOnly = await startFake((request, response) =>
      request.url?.startsWith('/api/v1/login') ? json(response, 200, { token: 'abc' }) : json(response, 404, {}),
    );
    closers.push(tokenOnly.close);
    expect(await verifyBasip(createTerminalHttp(tokenOnly.endpoint, 1000), ADMIN, 1000)).toEqual({
      result: null,
      credentials: null,
    });
    expect(tokenOnly.requests).toEqual([
      expect.stringMatching(/^GET \/api\/v1\/login\?/),
      'GET /api/v1/info',
      'GET /api/info',
      'GET /api/v1/access/identifier/items?limit=10&page_number=1',
    ]);
  });

  it('ends at the first transport failure: one request to a refused port', async () => {
    const port = await refusedPort();
    const http = createTerminalHttp({ address: '127.0.0.1', port, scheme: 'http' }, 1000);
    expect(await verifyBasip(http, ADMIN, 1000)).toEqual({ result: null, credentials: null });
  });
});

describe('device-info parsing', () => {
  it('accepts the simulator shape, nested shapes, and refuses error bodies and foreign JSON', () => {
    expect(readDeviceInfo({ firmware_version: '3.9.1', api_version: '2.4.0' })).not.toBeNull();
    expect(readDeviceInfo({ data: { firmware_version: '3.9.1', device_model: 'AA-07' } })).not.toBeNull();
    expect(readDeviceInfo({ error: 'Log In', firmware_version: '1', api_version: '2' })).toBeNull();
    expect(readDeviceInfo({ firmware_version: '3.9.1' })).toBeNull();
    expect(readDeviceInfo({ identities: [], pagination: {} })).toBeNull();
    expect(readDeviceInfo('firmware_version')).toBeNull();
    expect(readDeviceInfo([{ firmware_version: '3.9.1', api_version: '2' }])).toBeNull();
  });

  it('applies the vendor firmware rule (API v1 from 3.9.0)', () => {
    expect(apiVersionOfFirmware('3.9.0')).toBe('v1');
    expect(apiVersionOfFirmware('v4.1.2')).toBe('v1');
    expect(apiVersionOfFirmware('3.8.9')).toBe('v0');
    expect(apiVersionOfFirmware('2.12')).toBe('v0');
    expect(apiVersionOfFirmware('unknown')).toBeNull();
    expect(apiVersionOfFirmware(null)).toBeNull();
  });
});
