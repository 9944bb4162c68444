import { afterEach, describe, expect, it } from 'vitest';
import { createBasipDevice } from '../../../../tools/sim/basip/index.ts';
import { serve, type SimServer } from '../../../../tools/sim/common/http.ts';
import { createTerminalHttp } from '../http-client.ts';
import { createSophonDriver } from './index.ts';
import { sophonErrorCode, verifySophon } from './probe.ts';
import {
  closedPort,
  endpointOf,
  startConstant,
  startFake,
  startSophon,
} from '../../../../test/support/drivers/sophon-fixtures.ts';

const driver = createSophonDriver({ timeoutMs: 1000 });
const servers: SimServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
function track(server: SimServer): SimServer {
  servers.push(server);
  return server;
}

describe('createSophonDriver', () => {
  it('is the sophon driver on port 5555', () => {
    expect(driver.kind).toBe('sophon');
    expect(driver.defaultPorts).toEqual([5555]);
  });
});

describe('probe', () => {
  it('recognises the Sophon simulator with one read-only, credential-free getidentities', async () => {
    const sim = await startSophon(37);
    track(sim.server);
    const result = await driver.probe(sim.endpoint);
    expect(result).toEqual({
      kind: 'sophon',
      apiVersion: 'v2',
      serial: null,
      model: null,
      firmware: null,
      name: null,
      peopleCount: 37,
      capacity: null,
    });
    const requests = sim.device.log.all();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/sophon/v2/face/getidentities',
      body: { page_limit: 1, page_index: 0 },
      status: 200,
    });
    expect(sim.device.stats().people).toBe(37);
  });

  it('says null for a BAS-IP panel', async () => {
    const panel = createBasipDevice({ people: [] });
    const server = track(await serve(panel.handle));
    expect(await driver.probe(endpointOf(server))).toBeNull();
  });

  it('says null for a plain HTML web server, other JSON and look-alike JSON with wrong types', async () => {
    const bodies: [number, string, string][] = [
      [200, '<!doctype html><html><body>Router</body></html>', 'text/html'],
      [404, '<html>Not Found</html>', 'text/html'],
      [200, '{"status":"ok"}', 'application/json'],
      [200, '{"identities":[],"pagination":{"total_count":"12"}}', 'application/json'],
      [200, '{"identities":{},"pagination":{"total_count":1}}', 'application/json'],
      [200, '{"identities":[{"identity_id":true}],"pagination":{"total_count":1}}', 'application/json'],
      [200, '{"identities":[{"identity_id":5.5}],"pagination":{"total_count":1}}', 'application/json'],
      [401, '{"error":{"code":"invalid_authentication","message":"Log In"}}', 'application/json'],
    ];
    for (const [status, body, type] of bodies) {
      const server = track(await startConstant(status, body, type));
      expect(await driver.probe(endpointOf(server)), body).toBeNull();
    }
  });

  it('recognises the vendor error envelope as a Sophon terminal that would not list (no count)', async () => {
    const sim = await startSophon(5, { faults: [{ kind: 'http500' }] });
    track(sim.server);
    expect(await driver.probe(sim.endpoint)).toMatchObject({ kind: 'sophon', apiVersion: 'v2', peopleCount: null });
    const envelope = '{"error":{"code":"MISSING_ARGUMENTS","message":"page_limit","status":"INVALID_ARGUMENT"}}';
    const server = track(await startConstant(400, envelope));
    expect(await driver.probe(endpointOf(server))).toMatchObject({ kind: 'sophon' });
  });

  it('reads only a documented code as the vendor envelope', () => {
    const envelope = (error: unknown) => ({ error });
    expect(sophonErrorCode(envelope({ code: 'PASSWORD_ERROR', message: 'x', status: 'UNAUTHENTICATED' }))).toBe(
      'PASSWORD_ERROR',
    );
    expect(sophonErrorCode(envelope({ code: 2, message: 'x', status: 'NOT_FOUND' }))).toBe('ID_NOT_FOUND');
    expect(sophonErrorCode(envelope({ code: 2 }))).toBeNull();
    expect(sophonErrorCode(envelope({ code: 'invalid_authentication', message: 'Log In' }))).toBeNull();
    expect(sophonErrorCode(envelope({ code: 'NOT_A_SOPHON_CODE', message: 'x', status: 'y' }))).toBeNull();
    expect(sophonErrorCode(envelope('Log In'))).toBeNull();
  });

  it('says null quickly for a closed port', async () => {
    const started = Date.now();
    expect(await driver.probe(await closedPort())).toBeNull();
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('says null within the timeout when the device never answers', async () => {
    const sim = await startSophon(3, { faults: [{ kind: 'timeout' }] });
    track(sim.server);
    const quick = createSophonDriver({ timeoutMs: 300 });
    const started = Date.now();
    expect(await quick.probe(sim.endpoint)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rethrows the abort reason instead of answering null', async () => {
    const server = track(await startFake(() => undefined)); // never answers
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 50);
    await expect(driver.probe(endpointOf(server), controller.signal)).rejects.toBe(reason);
  });
});

describe('identification with credentials', () => {
  const admin = { username: 'admin', password: 'admin' };

  it('logs in and lists one page: accepted credentials and the people count', async () => {
    const sim = await startSophon(12);
    track(sim.server);
    const verified = await verifySophon(createTerminalHttp(sim.endpoint, 1000), admin, 1000);
    expect(verified).toMatchObject({ result: { kind: 'sophon', peopleCount: 12 }, credentials: 'ok' });
    expect(sim.device.log.all().map((e) => e.path)).toEqual(['/sophon/v2/face/login', '/sophon/v2/face/getidentities']);
  });

  it('a wrong password (PASSWORD_ERROR) is a Sophon terminal with rejected credentials', async () => {
    const sim = await startSophon(2);
    track(sim.server);
    const verified = await verifySophon(createTerminalHttp(sim.endpoint, 1000), { ...admin, password: 'no' }, 1000);
    expect(verified).toMatchObject({ result: { kind: 'sophon' }, credentials: 'rejected' });
  });

  it('identifies nothing from {"result": true} alone, and stops at a closed port', async () => {
    const server = track(await startConstant(200, '{"result":true}'));
    expect(await verifySophon(createTerminalHttp(endpointOf(server), 1000), admin, 1000)).toEqual({
      result: null,
      credentials: null,
    });
    expect(await verifySophon(createTerminalHttp(await closedPort(), 1000), admin, 1000)).toEqual({
      result: null,
      credentials: null,
    });
  });
});
