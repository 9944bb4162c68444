import { afterEach, describe, expect, it } from 'vitest';
import type { SimServer } from '../../../../tools/sim/common/http.ts';
import { DriverError } from '../driver.ts';
import { createSophonDriver } from './index.ts';
import { startSophon, type RunningSophon } from '../../../../test/support/drivers/sophon-fixtures.ts';

const driver = createSophonDriver({ timeoutMs: 2000 });
const servers: SimServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function sim(people: number): Promise<RunningSophon> {
  const running = await startSophon(people);
  servers.push(running.server);
  return running;
}

describe('verifyCredentials', () => {
  it('logs in with the right password', async () => {
    const { endpoint, device } = await sim(1);
    await driver.session(endpoint, { username: 'admin', password: 'admin' }).verifyCredentials();
    expect(device.log.all()).toEqual([
      expect.objectContaining({
        path: '/sophon/v2/face/login',
        body: { username: 'admin', password: 'admin' },
        status: 200,
      }),
    ]);
  });

  it('rejects a wrong password with DriverError auth (PASSWORD_ERROR)', async () => {
    const { endpoint } = await sim(1);
    const error = await driver
      .session(endpoint, { username: 'admin', password: 'nope' })
      .verifyCredentials()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect(error).toMatchObject({ kind: 'auth', rawCode: 'PASSWORD_ERROR' });
  });

  it('rejects when the device refuses logins (wrong-credentials fault)', async () => {
    const { endpoint, device } = await sim(1);
    device.knobs.set({ faults: [{ kind: 'wrong-credentials' }] });
    await expect(
      driver.session(endpoint, { username: 'admin', password: 'admin' }).verifyCredentials(),
    ).rejects.toMatchObject({ kind: 'auth' });
  });

  it('resolves without a request when no credentials are given (the API is open on the LAN)', async () => {
    const { endpoint, device } = await sim(1);
    await driver.session(endpoint, undefined).verifyCredentials();
    expect(device.log.all()).toHaveLength(0);
  });
});

describe('countPeople', () => {
  it('reads total_count; capacity is unknown', async () => {
    const { endpoint } = await sim(123);
    expect(await driver.session(endpoint, undefined).countPeople()).toEqual({ count: 123, capacity: null });
  });
});

describe('listPeople', () => {
  it('pages from 0 and covers everyone exactly once', async () => {
    const { endpoint, ids, device } = await sim(237);
    const session = driver.session(endpoint, undefined);
    const seen: string[] = [];
    for (let page = 0; ; page++) {
      const result = await session.listPeople(page, 50);
      expect(result.total).toBe(237);
      if (result.items.length === 0) break;
      seen.push(...result.items.map((person) => person.id));
    }
    expect(seen).toHaveLength(237);
    expect(new Set(seen).size).toBe(237);
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(device.log.matching('getidentities').map((entry) => entry.body)).toContainEqual({
      page_limit: 50,
      page_index: 0,
    });
  });

  it('maps identities to people with their names and face ids', async () => {
    const { endpoint } = await sim(5);
    const { items } = await driver.session(endpoint, undefined).listPeople(0, 5);
    expect(items).toHaveLength(5);
    for (const person of items) {
      expect(person.id).toMatch(/^\d+$/);
      expect(person.name.length).toBeGreaterThan(0);
      const faceIds = person.extra.face_ids?.split(',') ?? [];
      expect(faceIds.length).toBe(Number(person.extra.face_count));
      expect(faceIds.length).toBeGreaterThanOrEqual(1);
      expect(person.extra.register_image_ids?.split(',')).toHaveLength(faceIds.length);
    }
  });

  it('turns the device refusing a page size into DriverError invalid', async () => {
    const { endpoint } = await sim(5);
    await expect(driver.session(endpoint, undefined).listPeople(0, 5000)).rejects.toMatchObject({
      kind: 'invalid',
      rawCode: 'INVALID_ARGUMENTS',
    });
  });

  it('refuses a negative page or an empty page size locally', async () => {
    const { endpoint, device } = await sim(5);
    const session = driver.session(endpoint, undefined);
    await expect(session.listPeople(-1, 10)).rejects.toMatchObject({ kind: 'invalid' });
    await expect(session.listPeople(0, 0)).rejects.toMatchObject({ kind: 'invalid' });
    expect(device.log.all()).toHaveLength(0);
  });
});
