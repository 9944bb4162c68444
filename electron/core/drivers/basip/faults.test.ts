import { afterEach, describe, expect, it } from 'vitest';
import { DriverError } from '../driver.ts';
import { createBasipDriver } from './index.ts';
import { refusedPort, startPanel, type PanelFixture } from '../../../../test/support/drivers/basip-harness.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function panel(options: Parameters<typeof startPanel>[0] = {}): Promise<PanelFixture> {
  const fixture = await startPanel(options);
  closers.push(fixture.close);
  return fixture;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

const ITEMS = '/access/identifier/items';

describe('BAS-IP faults', () => {
  for (const errorStyle of ['legacy', 'coded'] as const) {
    it(`classifies http500, http503 and busy as retryable (${errorStyle} errors)`, async () => {
      const p = await panel({ errorStyle });
      const session = p.session();
      await session.verifyCredentials();
      const linkId = p.device.identifiers().find((i) => i.link_id)?.link_id as string;
      for (const [kind, status, message] of [
        ['http500', 500, 'Internal server error'],
        ['http503', 503, 'Service unavailable'],
        ['busy', 503, 'Device is busy'],
      ] as const) {
        p.device.knobs.set({ faults: [{ kind, count: 1, pathIncludes: ITEMS }] });
        const before = p.device.stats().identifiers;
        const error = await rejection(session.removePeople([linkId], 'link_id'));
        expect(error).toBeInstanceOf(DriverError);
        expect((error as DriverError).kind).toBe('retryable');
        expect((error as DriverError).status).toBe(status);
        expect((error as DriverError).rawCode).toBe(errorStyle === 'coded' ? 'system_error' : message);
        expect(p.device.stats().identifiers).toBe(before);
      }
      // The fault is spent: the same request now goes through.
      expect((await session.removePeople([linkId], 'link_id'))[0]?.outcome).toBe('removed');
    });
  }

  it('classifies a request that never gets an answer as retryable (timeout)', async () => {
    const p = await panel({ timeoutMs: 300 });
    const session = p.session();
    await session.verifyCredentials();
    p.device.knobs.set({ faults: [{ kind: 'timeout', count: 1, pathIncludes: ITEMS }] });
    const started = Date.now();
    const error = await rejection(session.countPeople());
    expect((error as DriverError).kind).toBe('retryable');
    expect((error as DriverError).rawCode).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('classifies a body that dribbles past the deadline as retryable', async () => {
    const p = await panel({ timeoutMs: 300, knobs: { slowBodyMs: 1500 } });
    const session = p.session();
    await session.verifyCredentials();
    p.device.knobs.set({ faults: [{ kind: 'slow-body', count: 1, pathIncludes: ITEMS }] });
    const error = await rejection(session.listPeople(0, 50));
    expect((error as DriverError).kind).toBe('retryable');
  });

  it('classifies a dropped connection as retryable', async () => {
    const p = await panel();
    const session = p.session();
    await session.verifyCredentials();
    // Two drops: the first lands on the kept-alive connection of the login, which the client takes for a
    // connection the panel had already closed and sends once more on a new one (http-client.ts); that one
    // is dropped too.
    p.device.knobs.set({ faults: [{ kind: 'drop', count: 2, pathIncludes: ITEMS }] });
    const error = await rejection(session.listPeople(0, 10));
    expect(error).toBeInstanceOf(DriverError);
    expect((error as DriverError).kind).toBe('retryable');
  });

  it('classifies a refused connection as offline', async () => {
    const port = await refusedPort();
    const session = createBasipDriver({ timeoutMs: 1000 }).session(
      { address: '127.0.0.1', port, scheme: 'http' },
      { username: 'admin', password: '123456' },
    );
    const error = await rejection(session.countPeople());
    expect((error as DriverError).kind).toBe('offline');
  });

  it('throws the abort reason during a request, and during a shared login', async () => {
    const p = await panel({ knobs: { latencyMs: 400 } });
    const session = p.session();
    const reason = new Error('stopped by the technician');

    const duringLogin = new AbortController();
    const patient = session.countPeople();
    setTimeout(() => duringLogin.abort(reason), 50);
    expect(await rejection(session.countPeople(duringLogin.signal))).toBe(reason);
    // The other caller's wait for the same login is not disturbed.
    expect((await patient).count).toBe(p.device.stats().identifiers);
    expect(p.device.log.matching('/login')).toHaveLength(1);

    const duringRequest = new AbortController();
    setTimeout(() => duringRequest.abort(reason), 50);
    expect(await rejection(session.listPeople(0, 10, duringRequest.signal))).toBe(reason);

    const already = new AbortController();
    already.abort(reason);
    const linkId = p.device.identifiers().find((i) => i.link_id)?.link_id as string;
    expect(await rejection(session.removePeople([linkId], 'link_id', already.signal))).toBe(reason);
    expect(p.device.log.matching('/items/link')).toHaveLength(0);
  });
});
