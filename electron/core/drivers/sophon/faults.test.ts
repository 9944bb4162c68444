import { afterEach, describe, expect, it } from 'vitest';
import type { FaultKind } from '../../../../tools/sim/common/knobs.ts';
import type { SimServer } from '../../../../tools/sim/common/http.ts';
import { DriverError } from '../driver.ts';
import { createSophonDriver } from './index.ts';
import { closedPort, startSophon, type RunningSophon } from '../../../../test/support/drivers/sophon-fixtures.ts';

const TIMEOUT_MS = 400;
const driver = createSophonDriver({ timeoutMs: TIMEOUT_MS });
const servers: SimServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function sim(people: number): Promise<RunningSophon> {
  const running = await startSophon(people);
  servers.push(running.server);
  return running;
}

async function failure(promise: Promise<unknown>): Promise<DriverError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DriverError);
  return error as DriverError;
}

describe('faults of the simulator', () => {
  it.each(['http500', 'http503', 'busy', 'drop'] as FaultKind[])('%s is retryable for every call', async (kind) => {
    const { endpoint, ids, device } = await sim(10);
    device.knobs.set({ faults: [{ kind }] });
    const session = driver.session(endpoint, { username: 'admin', password: 'admin' });
    const calls = [
      session.countPeople(),
      session.listPeople(0, 5),
      session.removePeople(ids.slice(0, 2), 'identity_id'),
      session.removeFace(ids[0] as string, { faceId: 'f' }),
      session.verifyCredentials(),
    ];
    for (const call of calls) expect((await failure(call)).kind).toBe('retryable');
    expect(device.stats().people).toBe(10);
  });

  it('keeps the status and raw code of answered faults', async () => {
    const { endpoint, device } = await sim(1);
    const session = driver.session(endpoint, undefined);
    device.knobs.set({ faults: [{ kind: 'http500' }] });
    expect(await failure(session.countPeople())).toMatchObject({ status: 500, rawCode: 'INTERNAL_ERROR' });
    device.knobs.set({ faults: [{ kind: 'http503' }] });
    expect(await failure(session.countPeople())).toMatchObject({ status: 503, rawCode: 'HTTP_503' });
    device.knobs.set({ faults: [{ kind: 'busy' }] });
    expect(await failure(session.countPeople())).toMatchObject({ status: 503, rawCode: 'INTERNAL_ERROR' });
  });

  it('turns a request that is never answered into retryable within the timeout', async () => {
    const { endpoint, device } = await sim(1);
    device.knobs.set({ faults: [{ kind: 'timeout' }] });
    const started = Date.now();
    const error = await failure(driver.session(endpoint, undefined).countPeople());
    const elapsed = Date.now() - started;
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/in time/);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 500);
  });

  it('gives up on an answer that dribbles in for longer than the timeout (slow-body)', async () => {
    const { endpoint, device } = await sim(1);
    device.knobs.set({ faults: [{ kind: 'slow-body' }], slowBodyMs: 3000 });
    const started = Date.now();
    expect((await failure(driver.session(endpoint, undefined).countPeople())).kind).toBe('retryable');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 500);
  });

  it('reads a slow answer that still arrives within the timeout', async () => {
    const { endpoint, device } = await sim(4);
    device.knobs.set({ faults: [{ kind: 'slow-body' }], slowBodyMs: 100 });
    expect(await driver.session(endpoint, undefined).countPeople()).toEqual({ count: 4, capacity: null });
  });

  it('recovers once a counted fault is used up', async () => {
    const { endpoint, device } = await sim(3);
    device.knobs.set({ faults: [{ kind: 'busy', count: 1 }] });
    const session = driver.session(endpoint, undefined);
    expect((await failure(session.countPeople())).kind).toBe('retryable');
    expect(await session.countPeople()).toEqual({ count: 3, capacity: null });
  });

  it('says offline when nothing listens', async () => {
    const session = driver.session(await closedPort(), undefined);
    expect(await failure(session.countPeople())).toMatchObject({ kind: 'offline', rawCode: 'ECONNREFUSED' });
  });
});

describe('abort', () => {
  it('rejects with the abort reason (not a DriverError) while a request hangs', async () => {
    const { endpoint, device } = await sim(3);
    device.knobs.set({ faults: [{ kind: 'timeout' }] });
    const slow = createSophonDriver({ timeoutMs: 10_000 });
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 50);
    const started = Date.now();
    await expect(slow.session(endpoint, undefined).listPeople(0, 3, controller.signal)).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rejects with an AbortError when aborted without a reason, and sends nothing when aborted before', async () => {
    const { endpoint, ids, device } = await sim(3);
    const session = driver.session(endpoint, { username: 'admin', password: 'admin' });
    const controller = new AbortController();
    controller.abort();
    const calls = [
      session.countPeople(controller.signal),
      session.listPeople(0, 3, controller.signal),
      session.removePeople(ids, 'identity_id', controller.signal),
      session.removeFace(ids[0] as string, { faceId: 'f' }, controller.signal),
      session.verifyCredentials(controller.signal),
      driver.session(endpoint, undefined).verifyCredentials(controller.signal),
    ];
    for (const call of calls) {
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).not.toBeInstanceOf(DriverError);
      expect((error as Error).name).toBe('AbortError');
    }
    expect(device.log.all()).toHaveLength(0);
    expect(device.stats().people).toBe(3);
  });

  it('rejects with the abort reason while confirming a failed id', async () => {
    const { endpoint, device } = await sim(3);
    const controller = new AbortController();
    const reason = new Error('stop now');
    device.knobs.set({ faults: [{ kind: 'timeout', pathIncludes: 'getidentities' }] });
    setTimeout(() => controller.abort(reason), 100);
    const slow = createSophonDriver({ timeoutMs: 10_000 });
    await expect(
      slow.session(endpoint, undefined).removePeople(['ghost'], 'identity_id', controller.signal),
    ).rejects.toBe(reason);
    expect(device.log.matching('deleteidentities')).toHaveLength(1);
  });
});
