import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../shared/ipc/contract.ts';
import { CHANNEL_NAMES, isChannel } from '../../shared/ipc/names.ts';
import type { Channel } from '../../shared/ipc/types.ts';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import { parseSubnet, parseTypedAddress } from '../../electron/core/discovery/address.ts';
import {
  closedPort,
  expectHandled,
  expectWellFormedResult,
  show,
  startCore,
  within,
  type TestCore,
} from './harness.ts';
import { KNOWN_JOB, nearMiss, notAChannel, payloadFor } from './ipc-payloads.ts';
import { fuzzLimit, fuzzOptions, fuzzTimeout } from './runs.ts';

/**
 * Every IPC channel through `dispatch`, as every transport calls it, with anything a renderer or a
 * WebSocket client could send. The contract's request schema is the oracle: a payload it refuses must be
 * answered VALIDATION; one it accepts must be answered, or refused with a classified code (never INTERNAL).
 * Nothing may throw, and every answer comes back within a bounded time.
 */

/** The slowest legitimate answer here: devices:add to a closed 127.0.0.1 port (three refused connections). */
const ANSWER_WITHIN_MS = 3_000;

let harness: TestCore;
let closedAddress: string;
let knownJob: string | undefined;

beforeAll(async () => {
  harness = startCore({ terminalTimeoutMs: 1_000 });
  closedAddress = `127.0.0.1:${await closedPort()}`;
});
afterAll(async () => {
  await harness.close();
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parses(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps the fuzzer off the network: a devices:add the contract accepts is pointed at a closed 127.0.0.1
 * port, a sweep the contract accepts covers 127.0.0.1 only, and no cloud credential is ever saved (so cloud
 * calls stop at "not configured"). Also swaps the known-job token for a real id.
 */
function neutralise(channel: Channel, payload: unknown): unknown {
  if (!isRecord(payload)) return payload;
  let out: Record<string, unknown> = payload;
  if (out.jobId === KNOWN_JOB && knownJob !== undefined) out = { ...out, jobId: knownJob };
  const accepted = channels[channel].request.safeParse(out).success;
  if (channel === 'devices:add' && accepted && parses(() => parseTypedAddress(String(out.address)))) {
    out = { ...out, address: closedAddress };
  }
  if (channel === 'discovery:sweep' && accepted && parses(() => parseSubnet(String(out.cidr)))) {
    out = { ...out, cidr: '127.0.0.1/32' };
  }
  // Cloud settings default to the real data centres: the fuzzer never saves a credential (deleting is fine).
  if (channel === 'cloud:set-config' && accepted && isRecord(out.secrets)) {
    const secrets = Object.fromEntries(Object.entries(out.secrets).filter(([, value]) => typeof value !== 'string'));
    out = { ...out, secrets };
  }
  return out;
}

async function timedDispatch(channel: unknown, payload: unknown): Promise<Awaited<ReturnType<typeof dispatch>>> {
  const started = performance.now();
  const result = await within(
    dispatch(harness.core.handlers, channel, payload),
    ANSWER_WITHIN_MS + 1_000,
    show(payload),
  );
  const elapsed = performance.now() - started;
  expect(elapsed, `${show(channel)} took ${Math.round(elapsed)} ms for ${show(payload)}`).toBeLessThan(
    ANSWER_WITHIN_MS,
  );
  return result;
}

describe('fuzzing every IPC channel through dispatch', () => {
  it.each(CHANNEL_NAMES)(
    '%s: refused payloads answer VALIDATION, accepted ones a result or a classified error',
    async (channel) => {
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(payloadFor(channel), async (raw) => {
          const payload = neutralise(channel, raw);
          const valid = channels[channel].request.safeParse(payload).success;
          const result = await timedDispatch(channel, payload);
          const context = `${channel} ${show(payload)} → ${show(result)}`;
          if (!valid) {
            expectWellFormedResult(result, context);
            expect(result.ok, context).toBe(false);
            if (!result.ok) {
              expect(result.error.code, context).toBe('VALIDATION');
              expect(result.error.message, context).toContain(channel);
            }
            return;
          }
          accepted++;
          expectHandled(result, context);
          if (result.ok) {
            expect(channels[channel].response.safeParse(result.value).success, context).toBe(true);
            if (channel === 'removal:start') knownJob = (result.value as { jobId: string }).jobId;
          }
        }),
        fuzzOptions(1, 1, fuzzLimit(4)),
      );
      // Hand-written near misses must reach the handlers too, not only the validator (a channel added
      // since only gets near misses derived from its request's keys, which may never be accepted).
      if (nearMiss[channel] !== undefined) expect(accepted).toBeGreaterThan(0);
    },
    fuzzTimeout(4),
  );

  it(
    'answers anything that is not a channel name with UNKNOWN_CHANNEL',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          notAChannel.filter((name) => !isChannel(name)),
          payloadFor('devices:list'),
          async (name, payload) => {
            const result = await timedDispatch(name, payload);
            expectWellFormedResult(result, show(name));
            expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
          },
        ),
        fuzzOptions(1, 1, fuzzLimit(1)),
      );
    },
    fuzzTimeout(1),
  );

  it('regression: a channel name whose string conversion throws is answered, not thrown', async () => {
    const names: unknown[] = [
      Object.create(null),
      { toString: 1, valueOf: 1 },
      {
        toString() {
          throw new Error('boom');
        },
      },
    ];
    for (const name of names) {
      const result = await timedDispatch(name, {});
      expectWellFormedResult(result, 'object channel name');
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('the app still answers normally after the fuzzing', async () => {
    const list = await dispatch(harness.core.handlers, 'devices:list', {});
    expect(list.ok).toBe(true);
    const settings = await dispatch(harness.core.handlers, 'settings:get', {});
    expect(settings.ok).toBe(true);
  });
});
