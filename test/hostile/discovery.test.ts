import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Terminal } from '../../shared/domain/terminal.ts';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import { expectHandled, show, startCore, type TestCore } from '../fuzz/harness.ts';
import {
  connectionsLeft,
  HOSTILE_KINDS,
  startHostile,
  startRedirectTarget,
  type HostileKind,
  type RedirectTarget,
} from './servers.ts';
import { recordTiming, timingTable } from './timings.ts';

/**
 * The discovery service and the health monitor against hostile terminals, through the same calls the
 * UI makes. Adding a device by address probes it as Sophon, as BAS-IP and as plain HTTP (three requests
 * at most, each within the time-out); with credentials it does so twice. The health monitor probes once.
 */

const TIMEOUT_MS = 500;
const MARGIN_MS = 1_000;
/** devices:add without credentials: Sophon probe, BAS-IP probe (ended by the first failure), plain HTTP. */
const ADD_REQUESTS = 3;

let harness: TestCore;
let target: RedirectTarget;

beforeAll(async () => {
  harness = startCore({ terminalTimeoutMs: TIMEOUT_MS });
  target = await startRedirectTarget();
});
afterAll(async () => {
  await harness.close();
  await target.close();
  console.log(`devices:add against hostile terminals (time-out ${TIMEOUT_MS} ms):\n${timingTable('add')}`);
  console.log(`Health check of hostile terminals (time-out ${TIMEOUT_MS} ms):\n${timingTable('health')}`);
});

function redirectTo(kind: HostileKind): string {
  return kind === 'redirect-302' ? `http://localhost:${target.port}/` : `http://127.0.0.1:${target.port}/x`;
}

/** Runs `work`, failing clearly (instead of hanging the test) when it is still busy well past `boundMs`. */
async function timed<T>(
  group: string,
  kind: string,
  what: string,
  work: () => Promise<T>,
  boundMs: number,
): Promise<T> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${kind}: ${what} still had no answer after ${boundMs + 2_000} ms`)),
      boundMs + 2_000,
    );
  });
  const value = await Promise.race([work(), hung]).finally(() => clearTimeout(timer));
  const elapsed = performance.now() - started;
  recordTiming(group, kind, what, elapsed);
  expect(elapsed, `${kind}: ${what} took ${Math.round(elapsed)} ms`).toBeLessThan(boundMs);
  return value;
}

describe('discovery against hostile terminals', () => {
  it.each(HOSTILE_KINDS)('%s: devices:add gives up or lists it as unknown, in time', async (kind) => {
    const server = await startHostile(kind, { redirectTo: redirectTo(kind) });
    try {
      const address = `127.0.0.1:${server.endpoint.port}`;
      const withCredentials = { address, kind: 'basip', credentials: { username: 'admin', password: '123456' } };
      // Without credentials: three probes at most; with them, the terminal is observed twice.
      const [plain, second] = await Promise.all([
        timed(
          'add',
          kind,
          'add',
          () => dispatch(harness.core.handlers, 'devices:add', { address }),
          TIMEOUT_MS * ADD_REQUESTS + MARGIN_MS,
        ),
        timed(
          'add',
          kind,
          'add with credentials',
          () => dispatch(harness.core.handlers, 'devices:add', withCredentials),
          2 * (TIMEOUT_MS * ADD_REQUESTS) + MARGIN_MS,
        ),
      ]);
      expectHandled(plain, `${kind} ${show(plain)}`);
      // Either nothing usable answered (NETWORK), or something answered HTTP and is listed as unknown.
      if (plain.ok) expect((plain.value as Terminal).kind).toBe('unknown');
      else expect(plain.error.code).toBe('NETWORK');
      expectHandled(second, `${kind} ${show(second)}`);
      expect(target.hits(), 'a redirect was followed off the device').toBe(0);
      expect(await connectionsLeft(server), 'connections left open to the terminal').toBe(0);
      expect((await dispatch(harness.core.handlers, 'devices:list', {})).ok).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('the health monitor marks hostile terminals offline within one time-out', async () => {
    const servers = await Promise.all(
      HOSTILE_KINDS.map((kind) => startHostile(kind, { redirectTo: redirectTo(kind) })),
    );
    try {
      const { inventory } = harness.core.services;
      for (const [i, server] of servers.entries()) {
        for (const kind of ['sophon', 'basip'] as const) {
          inventory.save({
            serial: `HOSTILE-${kind}-${HOSTILE_KINDS[i]}`,
            kind,
            apiVersion: null,
            name: `${kind} ${HOSTILE_KINDS[i]}`,
            model: null,
            firmware: null,
            address: '127.0.0.1',
            port: server.endpoint.port,
            online: true,
            lastSeen: 0,
            credentials: 'unknown',
            peopleCount: null,
            capacity: null,
            source: 'manual',
            adapter: null,
          });
        }
      }
      // 24 terminals, 8 probed at a time: three rounds, each a BAS-IP probe of up to three requests.
      await timed(
        'health',
        'all kinds',
        'checkAll',
        () => harness.core.services.health.checkAll(),
        3 * 3 * TIMEOUT_MS + MARGIN_MS,
      );
      const hostile = inventory.list().filter((t) => t.serial.startsWith('HOSTILE-'));
      expect(hostile).toHaveLength(HOSTILE_KINDS.length * 2);
      for (const terminal of hostile) expect(terminal.online, terminal.serial).toBe(false);
      expect(target.hits()).toBe(0);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});
