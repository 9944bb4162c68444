import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DriverError } from '../driver.ts';
import { md5UpperHex } from './auth.ts';
import { ADMIN_NEEDED_MESSAGE, WRONG_LOGIN_MESSAGE } from './errors.ts';
import { V0_UNSUPPORTED_MESSAGE } from './session.ts';
import { startPanel, type PanelFixture } from '../../../../test/support/drivers/basip-harness.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function panel(options: Parameters<typeof startPanel>[0] = {}): Promise<PanelFixture> {
  const fixture = await startPanel(options);
  closers.push(fixture.close);
  return fixture;
}

/** The DriverError a promise rejects with (fails the test when it resolves or throws something else). */
async function driverError(promise: Promise<unknown>): Promise<DriverError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DriverError);
  return error as DriverError;
}

const logins = (p: PanelFixture): number => p.device.log.matching('/login').length;

describe('BAS-IP login', () => {
  it('sends the user name and the upper-case MD5 hex of the password, then the bearer token', async () => {
    const p = await panel({ username: 'installer', password: 'pässwörd 1' });
    const session = p.session({ username: 'installer', password: 'pässwörd 1' });
    await session.verifyCredentials();
    const [login] = p.device.log.matching('/login');
    expect(login?.path).toBe('/api/v1/login');
    expect(login?.query).toEqual({
      username: 'installer',
      password: createHash('md5').update('pässwörd 1', 'utf8').digest('hex').toUpperCase(),
    });
    expect(md5UpperHex('123456')).toBe('E10ADC3949BA59ABBE56E057F20F883E');
    const { count } = await session.countPeople();
    expect(count).toBe(p.device.stats().identifiers);
    expect(logins(p)).toBe(1);
  });

  it('refuses a wrong password as auth, in both error styles', async () => {
    for (const errorStyle of ['legacy', 'coded'] as const) {
      const p = await panel({ errorStyle });
      const session = p.session({ username: 'admin', password: 'nope' });
      const error = await driverError(session.verifyCredentials());
      expect(error.kind).toBe('auth');
      expect(error.message).toBe(WRONG_LOGIN_MESSAGE);
      expect(error.status).toBe(400);
      expect(error.rawCode).toBe(errorStyle === 'coded' ? 'invalid_authentication' : 'Wrong login or password');
      expect((await driverError(session.countPeople())).kind).toBe('auth');
    }
  });

  it('refuses logins under the wrong-credentials fault, and does not remember a failed login', async () => {
    const p = await panel({ knobs: { faults: [{ kind: 'wrong-credentials', count: 1 }] } });
    const session = p.session();
    expect((await driverError(session.verifyCredentials())).kind).toBe('auth');
    await expect(session.verifyCredentials()).resolves.toBeUndefined();
    expect(logins(p)).toBe(2);
  });

  it('answers auth when no credentials are stored', async () => {
    const p = await panel();
    const session = p.driver.session(p.endpoint, undefined);
    expect((await driverError(session.countPeople())).kind).toBe('auth');
    expect(p.device.log.all()).toHaveLength(0);
  });

  it('tells that an administrator account is needed, in both error styles', async () => {
    for (const errorStyle of ['legacy', 'coded'] as const) {
      const p = await panel({ accountType: 'user', errorStyle });
      const session = p.session();
      const verify = await driverError(session.verifyCredentials());
      expect(verify.kind).toBe('auth');
      expect(verify.message).toBe(ADMIN_NEEDED_MESSAGE);
      // A user account may read, but not delete.
      expect((await session.countPeople()).count).toBe(p.device.stats().identifiers);
      const before = p.device.stats().identifiers;
      const linkId = p.device.identifiers().find((i) => i.link_id)?.link_id as string;
      const removal = await driverError(session.removePeople([linkId], 'link_id'));
      expect(removal.kind).toBe('auth');
      expect(removal.status).toBe(403);
      expect(removal.message).toMatch(/administrator account/);
      expect(removal.rawCode).toBe(errorStyle === 'coded' ? 'permission_denied' : 'Administrator rights required');
      expect(p.device.stats().identifiers).toBe(before);
      expect(logins(p)).toBe(1);
    }
  });

  it('shares one login between concurrent calls of a session', async () => {
    const p = await panel({ knobs: { latencyMs: 30 } });
    const session = p.session();
    const counts = await Promise.all(Array.from({ length: 8 }, () => session.countPeople()));
    expect(new Set(counts.map((c) => c.count)).size).toBe(1);
    expect(logins(p)).toBe(1);
  });

  it('logs in again once when the token expires mid-run, without failing any item', async () => {
    let clock = 1_000_000;
    const p = await panel({ tokenTtlMs: 60_000, now: () => clock });
    const session = p.session();
    const linked = p.device.identifiers().filter((i) => i.link_id !== null);
    const batches = [linked.slice(0, 5), linked.slice(5, 10), linked.slice(10, 15)];
    const outcomes: string[] = [];
    for (const batch of batches) {
      const results = await session.removePeople(
        batch.map((i) => i.link_id as string),
        'link_id',
      );
      outcomes.push(...results.map((r) => r.outcome));
      clock += 45_000; // the second batch still has a valid token, the third finds it expired
    }
    expect(outcomes).toEqual(Array.from({ length: 15 }, () => 'removed'));
    expect(logins(p)).toBe(2);
    const statuses = p.device.log.matching('/link').map((e) => e.status);
    expect(statuses).toEqual([200, 200, 401, 200]);
  });

  it('renews an expired token with one login when many calls find it expired at once', async () => {
    let clock = 5_000;
    const p = await panel({ tokenTtlMs: 1_000, now: () => clock, knobs: { latencyMs: 20 } });
    const session = p.session();
    await session.verifyCredentials();
    clock += 2_000;
    const pages = await Promise.all(Array.from({ length: 6 }, (_, i) => session.listPeople(i, 10)));
    expect(pages.map((page) => page.items.length)).toEqual([10, 10, 10, 10, 10, 10]);
    expect(logins(p)).toBe(2);
  });

  it('renews after the expired-credentials fault on one request, and gives up after a second refusal', async () => {
    const p = await panel({ knobs: { faults: [{ kind: 'expired-credentials', count: 1 }] } });
    const session = p.session();
    const page = await session.listPeople(0, 10);
    expect(page.items).toHaveLength(10);
    expect(logins(p)).toBe(2);

    p.device.knobs.set({ faults: [{ kind: 'expired-credentials', count: 2 }] });
    const error = await driverError(session.listPeople(0, 10));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(logins(p)).toBe(3);
  });

  it('renews on the coded invalid_authentication answer too', async () => {
    const p = await panel({ errorStyle: 'coded', knobs: { faults: [{ kind: 'expired-credentials', count: 1 }] } });
    const session = p.session();
    expect((await session.countPeople()).count).toBe(p.device.stats().identifiers);
    expect(logins(p)).toBe(2);
  });

  it('logs in to a v0-only panel but says its identifiers need newer firmware', async () => {
    const p = await panel({ firmware: '3.7.0' });
    const session = p.session();
    await expect(session.verifyCredentials()).resolves.toBeUndefined();
    expect(p.device.log.matching('/login').map((e) => `${e.path} ${e.status}`)).toEqual([
      '/api/v1/login 404',
      '/api/v0/login 200',
    ]);
    const error = await driverError(session.countPeople());
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe(V0_UNSUPPORTED_MESSAGE);
  });
});
