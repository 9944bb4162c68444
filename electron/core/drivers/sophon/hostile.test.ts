import { afterEach, describe, expect, it } from 'vitest';
import type { SimServer } from '../../../../tools/sim/common/http.ts';
import { DriverError } from '../driver.ts';
import { createSophonDriver } from './index.ts';
import { endpointOf, startConstant, startFake } from '../../../../test/support/drivers/sophon-fixtures.ts';

const driver = createSophonDriver({ timeoutMs: 3000 });
const servers: SimServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function constant(status: number, body: string, type = 'application/json'): Promise<SimServer> {
  const server = await startConstant(status, body, type);
  servers.push(server);
  return server;
}

async function failure(promise: Promise<unknown>): Promise<DriverError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DriverError);
  return error as DriverError;
}

describe('hostile answers', () => {
  it('an HTML page for every call is retryable with a clear message', async () => {
    const server = await constant(200, '<!doctype html><html><body>Welcome</body></html>', 'text/html');
    const session = driver.session(endpointOf(server), { username: 'admin', password: 'admin' });
    for (const call of [session.countPeople(), session.listPeople(0, 5), session.verifyCredentials()]) {
      const error = await failure(call);
      expect(error).toMatchObject({ kind: 'retryable', rawCode: 'UNEXPECTED_ANSWER', status: 200 });
      expect(error.message).toMatch(/HTML/);
    }
    expect(await driver.probe(endpointOf(server))).toBeNull();
  });

  it('wrong types inside a page are retryable, never a crash or a half-mapped person', async () => {
    const bodies = [
      { identities: [{ identity_id: '1', identity_name: { first: 'x' } }], pagination: { total_count: 1 } },
      { identities: [{ identity_id: 1.5 }], pagination: { total_count: 1 } },
      { identities: [{ identity_id: -1 }], pagination: { total_count: 1 } },
      { identities: [{ identity_id: '1', face_ids: 'f1' }], pagination: { total_count: 1 } },
      { identities: [{ identity_id: '' }], pagination: { total_count: 1 } },
      { identities: [null], pagination: { total_count: 1 } },
      { identities: [], pagination: { total_count: -1 } },
      { identities: [], pagination: null },
    ];
    for (const body of bodies) {
      const server = await constant(200, JSON.stringify(body));
      const error = await failure(driver.session(endpointOf(server), undefined).listPeople(0, 5));
      expect(error).toMatchObject({ kind: 'retryable', rawCode: 'UNEXPECTED_ANSWER' });
    }
  });

  it('tolerates absent optional fields (null names and face lists)', async () => {
    const body = { identities: [{ identity_id: '9', identity_name: null }], pagination: { total_count: 1 } };
    const server = await constant(200, JSON.stringify(body));
    expect(await driver.session(endpointOf(server), undefined).listPeople(0, 5)).toEqual({
      items: [{ id: '9', name: '', extra: { face_count: '0', face_ids: '', register_image_ids: '' } }],
      total: 1,
    });
  });

  it('a login answer of false or of another shape is not taken as success', async () => {
    const refused = await constant(200, '{"result": false}');
    expect(
      (await failure(driver.session(endpointOf(refused), { username: 'a', password: 'b' }).verifyCredentials())).kind,
    ).toBe('auth');
    const odd = await constant(200, '{"ok": true}');
    expect(
      (await failure(driver.session(endpointOf(odd), { username: 'a', password: 'b' }).verifyCredentials())).kind,
    ).toBe('retryable');
  });

  it('a body over the size limit is retryable', async () => {
    const huge = JSON.stringify({
      identities: [],
      pagination: { total_count: 1 },
      padding: 'x'.repeat(17 * 1024 * 1024),
    });
    const server = await constant(200, huge);
    const error = await failure(driver.session(endpointOf(server), undefined).countPeople());
    expect(error).toMatchObject({ kind: 'retryable', rawCode: 'UNEXPECTED_ANSWER' });
    expect(error.message).toMatch(/size limit/);
    expect(await driver.probe(endpointOf(server))).toBeNull();
  });

  it('an endless body is cut at the deadline', async () => {
    const server = await startFake((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"identities":[');
      const timer = setInterval(() => {
        if (response.destroyed) clearInterval(timer);
        else response.write('{"identity_id":"1"},');
      }, 20);
      response.on('close', () => clearInterval(timer));
    });
    servers.push(server);
    const quick = createSophonDriver({ timeoutMs: 300 });
    const started = Date.now();
    expect((await failure(quick.session(endpointOf(server), undefined).countPeople())).kind).toBe('retryable');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a reset connection is retryable', async () => {
    const server = await startFake((request) => request.socket.destroy());
    servers.push(server);
    expect((await failure(driver.session(endpointOf(server), undefined).countPeople())).kind).toBe('retryable');
    expect(await driver.probe(endpointOf(server))).toBeNull();
  });
});
