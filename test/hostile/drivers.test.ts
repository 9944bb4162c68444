import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriverError, type Endpoint, type TerminalDriver } from '../../electron/core/drivers/driver.ts';
import { createBasipDriver } from '../../electron/core/drivers/basip/index.ts';
import { createSophonDriver } from '../../electron/core/drivers/sophon/index.ts';
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
 * Every driver call against every hostile terminal: it must give up within the configured time-out
 * (plus a small margin) with a classified DriverError (a probe answers null), cap what it reads, and
 * never follow a redirect off the device.
 */

/** The per-request time-out the drivers are configured with here. */
const TIMEOUT_MS = 500;
/** Scheduling slack on a loaded 2-core machine (calls of one kind run in parallel). */
const MARGIN_MS = 1_000;
/** Kinds that stream megabytes: their calls run one after the other to keep memory low. */
const STREAMING = new Set<HostileKind>(['endless-body', 'gigabyte-body', 'gzip-bomb', 'endless-header']);

const sophon = createSophonDriver({ timeoutMs: TIMEOUT_MS }) as ReturnType<typeof createSophonDriver>;
const basip: TerminalDriver = createBasipDriver({ timeoutMs: TIMEOUT_MS });
const admin = { username: 'admin', password: 'admin' };
const LINK = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

/** One driver call: how many requests it may make before it gives up, and whether it needs a login first. */
interface Call {
  name: string;
  requests: number;
  afterLogin: boolean;
  run(endpoint: Endpoint): Promise<unknown>;
}

const CALLS: Call[] = [
  { name: 'sophon probe', requests: 1, afterLogin: false, run: (e) => sophon.probe(e) },
  { name: 'sophon login', requests: 1, afterLogin: false, run: (e) => sophon.session(e, admin).verifyCredentials() },
  { name: 'sophon count', requests: 1, afterLogin: false, run: (e) => sophon.session(e, admin).countPeople() },
  { name: 'sophon list', requests: 1, afterLogin: false, run: (e) => sophon.session(e, admin).listPeople(0, 50) },
  {
    name: 'sophon remove',
    requests: 1,
    afterLogin: false,
    run: (e) => sophon.session(e, admin).removePeople(['1', '2'], 'identity_id'),
  },
  {
    name: 'sophon face',
    requests: 1,
    afterLogin: false,
    run: (e) => sophon.session(e, admin).removeFace('1', { faceId: '7' }),
  },
  // A BAS-IP probe tries three info paths; each hostile answer ends it, a redirect (a real answer) does not.
  { name: 'basip probe', requests: 3, afterLogin: false, run: (e) => basip.probe(e) },
  { name: 'basip login', requests: 1, afterLogin: false, run: (e) => basip.session(e, admin).verifyCredentials() },
  { name: 'basip count', requests: 1, afterLogin: true, run: (e) => basip.session(e, admin).countPeople() },
  { name: 'basip list', requests: 1, afterLogin: true, run: (e) => basip.session(e, admin).listPeople(0, 50) },
  {
    name: 'basip remove',
    requests: 2,
    afterLogin: true,
    run: (e) => basip.session(e, admin).removePeople([LINK], 'link_id'),
  },
];

let target: RedirectTarget;
beforeAll(async () => {
  target = await startRedirectTarget();
});
afterAll(async () => {
  await target.close();
  console.log(`Driver calls against hostile terminals (time-out ${TIMEOUT_MS} ms):\n${timingTable('driver')}`);
});

/**
 * How each call may fail: probes answer null; a silent or dribbling device is a time-out; a body over the
 * 16 MB cap (endless, 1 GB, gzip bomb) is cut by the cap, a header over Node's limit refused by the
 * parser, unless the clock runs out first on a loaded machine (memory.test.ts proves the cap with a long
 * time-out); a redirect is an unexpected answer (Sophon) or a refusal (BAS-IP), never followed.
 */
function allowedOutcomes(kind: HostileKind, call: string): string[] {
  if (call.endsWith('probe')) return ['null'];
  const sophonCall = call.startsWith('sophon');
  if (kind === 'silent' || kind.startsWith('drip')) return ['retryable:TIMEOUT'];
  if (kind.startsWith('redirect')) return [sophonCall ? 'retryable:UNEXPECTED_ANSWER' : 'invalid:-'];
  if (kind.endsWith('header')) return ['retryable:HPE_HEADER_OVERFLOW', 'retryable:TIMEOUT'];
  return [sophonCall ? 'retryable:UNEXPECTED_ANSWER' : 'retryable:ERR_BAD_RESPONSE', 'retryable:TIMEOUT'];
}

/** Runs a call and checks: null or a DriverError, within its bound. Returns what it failed with. */
async function expectGivesUp(kind: HostileKind, call: Call, endpoint: Endpoint): Promise<string> {
  const started = performance.now();
  let outcome: string;
  try {
    const value = await call.run(endpoint);
    expect(value, `${kind} / ${call.name} answered ${JSON.stringify(value)}`).toBeNull();
    outcome = 'null';
  } catch (error) {
    expect(error, `${kind} / ${call.name}: ${String(error)}`).toBeInstanceOf(DriverError);
    outcome = `${(error as DriverError).kind}:${(error as DriverError).rawCode ?? '-'}`;
  }
  const elapsed = performance.now() - started;
  recordTiming('driver', kind, call.name, elapsed);
  expect(elapsed, `${kind} / ${call.name} took ${Math.round(elapsed)} ms`).toBeLessThan(
    TIMEOUT_MS * call.requests + MARGIN_MS,
  );
  return outcome;
}

describe('drivers against hostile terminals', () => {
  it.each(HOSTILE_KINDS)('%s: every call gives up in time with a classified error', async (kind) => {
    const redirectTo =
      kind === 'redirect-302' ? `http://localhost:${target.port}/` : `http://127.0.0.1:${target.port}/x`;
    const plain = await startHostile(kind, { redirectTo });
    const withLogin = await startHostile(kind, { redirectTo, passLogin: true });
    try {
      const endpointOf = (call: Call): Endpoint => (call.afterLogin ? withLogin.endpoint : plain.endpoint);
      const outcomes = STREAMING.has(kind)
        ? await CALLS.reduce<Promise<string[]>>(
            async (done, call) => [...(await done), await expectGivesUp(kind, call, endpointOf(call))],
            Promise.resolve([]),
          )
        : await Promise.all(CALLS.map((call) => expectGivesUp(kind, call, endpointOf(call))));
      expect(outcomes).toHaveLength(CALLS.length);
      for (const [i, outcome] of outcomes.entries()) {
        const name = CALLS[i]?.name ?? '';
        expect(allowedOutcomes(kind, name), `${kind} / ${name}`).toContain(outcome);
      }
      expect(plain.requests.length + withLogin.requests.length).toBeGreaterThan(0);
      expect(target.hits(), 'a redirect was followed off the device').toBe(0);
      expect(await connectionsLeft(plain), 'connections left open').toBe(0);
      expect(await connectionsLeft(withLogin), 'connections left open').toBe(0);
    } finally {
      await plain.close();
      await withLogin.close();
    }
  });
});
