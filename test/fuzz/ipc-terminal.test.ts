import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Terminal } from '../../shared/domain/terminal.ts';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import { describeAnswers, startAnswerServer, type AnswerServer, type Plan } from './answer-server.ts';
import { basipPlan, basipRoutes } from './basip-plan.ts';
import { expectHandled, show, startCore, within, type TestCore } from './harness.ts';
import { sophonPlan, sophonRoutes } from './sophon-plan.ts';
import { fuzzLimit, fuzzOptions, fuzzTimeout } from './runs.ts';

/**
 * The whole path from a terminal's answer to what the user sees: devices:add, devices:list and
 * devices:people through dispatch, against a device on 127.0.0.1 that answers anything. The rule: the
 * answer is a Result whose error, if any, is classified (never INTERNAL, never a raw exception), and the
 * inventory stays readable whatever a device sent.
 */

const TIMEOUT_MS = 2_000;
/** devices:add with credentials probes twice (Sophon, BAS-IP, plain HTTP) and checks the login each time. */
const ADD_WITHIN_MS = TIMEOUT_MS * 24;

let harness: TestCore;
let server: AnswerServer;

beforeAll(async () => {
  harness = startCore({ terminalTimeoutMs: TIMEOUT_MS });
  server = await startAnswerServer();
});
afterAll(async () => {
  await harness.close();
  await server.close();
});

/** A device that answers Sophon paths one way and everything else (BAS-IP paths, "/") another. */
const mixedPlan = fc.record({ sophon: sophonPlan, basip: basipPlan }).map(({ sophon, basip }) => {
  const toSophon = sophonRoutes(sophon);
  const toBasip = basipRoutes(basip);
  const plan: Plan = (method, path) => (path.startsWith('/sophon/') ? toSophon(method, path) : toBasip(method, path));
  return { plan, text: `${describeAnswers(sophon)}\n${describeAnswers(basip)}` };
});

const addOptions = fc.record(
  {
    kind: fc.constantFrom('sophon' as const, 'basip' as const),
    credentials: fc.record({ username: fc.constant('admin'), password: fc.constantFrom('admin', '123456') }),
  },
  { requiredKeys: [] },
);

async function call(channel: Parameters<typeof dispatch>[1], payload: unknown, withinMs: number, context: string) {
  const started = performance.now();
  const result = await within(dispatch(harness.core.handlers, channel, payload), withinMs + 1_000, context);
  const elapsed = performance.now() - started;
  expect(elapsed, `${context}: ${String(channel)} took ${Math.round(elapsed)} ms`).toBeLessThan(withinMs);
  expectHandled(result, `${context}\n${String(channel)} → ${show(result)}`);
  return result;
}

describe('fuzzing the IPC answers that carry what terminals said', () => {
  it(
    'devices:add of a device answering anything: a terminal row that fits the contract, or a classified error',
    async () => {
      const added = { terminals: 0, refusals: 0 };
      await fc.assert(
        fc.asyncProperty(mixedPlan, addOptions, async ({ plan, text }, options) => {
          server.use(plan);
          const address = `127.0.0.1:${server.endpoint.port}`;
          const result = await call('devices:add', { address, ...options }, ADD_WITHIN_MS, text);
          const list = await call('devices:list', {}, 2_000, text);
          expect(list.ok, text).toBe(true);
          if (!result.ok) {
            added.refusals++;
            return;
          }
          added.terminals++;
          const terminal = result.value as Terminal;
          expect(
            (list.ok ? (list.value as Terminal[]) : []).map((t) => t.serial),
            text,
          ).toContain(terminal.serial);
          expect((await call('devices:forget', { serial: terminal.serial }, 2_000, text)).ok, text).toBe(true);
        }),
        fuzzOptions(1, 1, fuzzLimit(60)),
      );
      expect(added.terminals).toBeGreaterThan(0);
    },
    fuzzTimeout(60),
  );

  it('regression: a serial cut inside a surrogate pair is announced as it is stored', async () => {
    const info = { firmware_version: '3.9.1', device_model: 'm', device_serial_number: `SN-${'😀'.repeat(120)}` };
    server.use((_method, path) => ({
      status: path.endsWith('/info') ? 200 : 404,
      contentType: 'application/json',
      body: Buffer.from(path.endsWith('/info') ? JSON.stringify(info) : ''),
      delivery: 'whole',
    }));
    const added = await call('devices:add', { address: `127.0.0.1:${server.endpoint.port}` }, ADD_WITHIN_MS, 'serial');
    expect(added.ok).toBe(true);
    const serial = added.ok ? (added.value as Terminal).serial : '';
    expect(serial.isWellFormed()).toBe(true);
    const list = await call('devices:list', {}, 2_000, 'serial');
    expect(list.ok ? (list.value as Terminal[]).map((t) => t.serial) : []).toContain(serial);
    expect(await call('devices:forget', { serial }, 2_000, 'serial')).toMatchObject({
      ok: true,
      value: { forgotten: true },
    });
  });

  it(
    'devices:people of a terminal answering anything: a page that fits the contract, or a classified error',
    async () => {
      const base = { address: '127.0.0.1', port: server.endpoint.port, online: true, lastSeen: 0, apiVersion: null };
      const rest = { model: null, firmware: null, credentials: 'ok', peopleCount: null, capacity: null, adapter: null };
      for (const kind of ['sophon', 'basip'] as const) {
        harness.core.services.inventory.save({
          ...base,
          ...rest,
          serial: `FUZZ-${kind}`,
          kind,
          name: kind,
          source: 'manual',
        } as Terminal);
      }
      const credentials = { target: { kind: 'basip' }, credentials: { username: 'admin', password: '123456' } };
      expect((await dispatch(harness.core.handlers, 'devices:set-credentials', credentials)).ok).toBe(true);
      const page = fc.record({ pageIndex: fc.nat({ max: 20 }), pageSize: fc.integer({ min: 1, max: 100 }) });
      await fc.assert(
        fc.asyncProperty(mixedPlan, page, fc.constantFrom('sophon', 'basip'), async ({ plan, text }, paging, kind) => {
          server.use(plan);
          const result = await call('devices:people', { serial: `FUZZ-${kind}`, ...paging }, TIMEOUT_MS * 16, text);
          if (result.ok)
            expect((result.value as { items: unknown[] }).items.length, text).toBeLessThanOrEqual(paging.pageSize);
        }),
        fuzzOptions(1, 1, fuzzLimit(30)),
      );
    },
    fuzzTimeout(30),
  );
});
