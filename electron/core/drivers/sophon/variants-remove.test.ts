import { afterEach, describe, expect, it } from 'vitest';
import type { SimServer } from '../../../../tools/sim/common/http.ts';
import type { Knobs } from '../../../../tools/sim/common/knobs.ts';
import { generatePeople } from '../../../../tools/sim/common/people.ts';
import { serve } from '../../../../tools/sim/common/http.ts';
import { createSophonDevice } from '../../../../tools/sim/sophon/index.ts';
import type { ItemResult } from '../driver.ts';
import { createSophonDriver } from './index.ts';
import { endpointOf, startSophon, type RunningSophon } from '../../../../test/support/drivers/sophon-fixtures.ts';

/**
 * Removal against the simulator's firmware variants (knobs.ts): each test fails on a driver that takes a
 * whole-request error, or a 2xx answer without per-item lists, as an answer about each id.
 */

const driver = createSophonDriver({ timeoutMs: 2000 });
const servers: SimServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function sim(people: number, knobs: Partial<Knobs>): Promise<RunningSophon> {
  const running = await startSophon(people, knobs);
  servers.push(running.server);
  return running;
}

/** `id → [outcome, evidence]`. */
const decided = (results: ItemResult[]): Record<string, [string, string | null | undefined]> =>
  Object.fromEntries(results.map((result) => [result.id, [result.outcome, result.evidence]]));

/** The ids the simulator itself acknowledged as deleted, over every request it logged. */
const acknowledged = (running: RunningSophon): string[] =>
  running.device.log.matching('deleteidentities').flatMap((entry) => entry.acknowledged ?? []);

/** Present, absent (deleted before) and unknown ids, interleaved: 60 present, 2 absent, 2 unknown. */
async function mixedBatch(running: RunningSophon) {
  const session = driver.session(running.endpoint, undefined);
  const absent = running.ids.slice(60, 62);
  expect((await session.removePeople(absent, 'identity_id')).map((r) => r.outcome)).toEqual(['removed', 'removed']);
  running.device.log.clear();
  const present = running.ids.slice(0, 60);
  const unknown = ['ghost-1', 'ghost-2'];
  const input = [...present];
  input.splice(7, 0, absent[0] as string);
  input.splice(25, 0, unknown[0] as string);
  input.splice(40, 0, absent[1] as string);
  input.splice(63, 0, unknown[1] as string);
  return { session, present, gone: [...absent, ...unknown], input };
}

describe('batch-not-found (a batch naming one unknown id is refused as a whole, nothing deleted)', () => {
  it('splits until each id has its own answer: present removed, absent and unknown not-found', async () => {
    const running = await sim(70, { variants: ['batch-not-found'] });
    const { session, present, gone, input } = await mixedBatch(running);
    const results = await session.removePeople(input, 'identity_id');
    expect(results.map((result) => result.id)).toEqual(input);
    const byId = decided(results);
    for (const id of present) expect(byId[id], id).toEqual(['removed', 'answer']);
    for (const id of gone) expect(byId[id], id).toEqual(['already-absent', 'not-found']);
    // Ground truth: what the app says was removed is what the terminal removed, and nobody else.
    expect(acknowledged(running).sort()).toEqual([...present].sort());
    expect(running.device.stats().people).toBe(8);
    // Logarithmic: at most 1 + 2·k·log2(n) requests for k bad ids in n, far fewer than one per id.
    const deletes = running.device.log.matching('deleteidentities');
    expect(deletes.length).toBeLessThanOrEqual(1 + 2 * gone.length * Math.ceil(Math.log2(input.length)));
    expect(deletes.length).toBeLessThan(input.length);
    expect(running.device.log.matching('getidentities')).toHaveLength(0);
  });

  it('with integer error codes (int-codes) too: a guessed "not found" is confirmed by a read', async () => {
    const running = await sim(70, { variants: ['batch-not-found', 'int-codes'] });
    const { session, present, gone, input } = await mixedBatch(running);
    const byId = decided(await session.removePeople(input, 'identity_id'));
    for (const id of present) expect(byId[id], id).toEqual(['removed', 'answer']);
    // The integer's name is a guess, so each lone refusal is settled by a filtered read (one per id).
    for (const id of gone) expect(byId[id], id).toEqual(['already-absent', 'read-back']);
    expect(running.device.log.matching('getidentities')).toHaveLength(gone.length);
    expect(running.device.stats().people).toBe(8);
  });
});

describe('batch-invalid (a batch naming one invalid id is refused as a whole with INVALID_ARGUMENTS)', () => {
  it.each([[[]], [['int-codes']]] as const)(
    'fails only the invalid ids, removes the rest (extra: %j)',
    async (extra) => {
      const running = await sim(20, { variants: ['batch-invalid', ...extra] });
      const present = running.ids.slice(0, 16);
      const tooLong = 'x'.repeat(65);
      const input = [...present.slice(0, 5), '', ...present.slice(5, 12), tooLong, ...present.slice(12)];
      const results = await driver.session(running.endpoint, undefined).removePeople(input, 'identity_id');
      const byId = decided(results);
      for (const id of present) expect(byId[id], id).toEqual(['removed', 'answer']);
      for (const bad of ['', tooLong]) {
        if (extra.length > 0) {
          // Named from an integer: not taken at its word; a read shows the terminal does not hold the id.
          expect(results.find((result) => result.id === bad)).toMatchObject({
            outcome: 'already-absent',
            evidence: 'read-back',
          });
          continue;
        }
        expect(results.find((result) => result.id === bad)).toEqual({
          id: bad,
          outcome: 'failed',
          evidence: 'item-error',
          rawCode: 'INVALID_ARGUMENTS',
          reason: expect.stringMatching(/not a valid identity_id.*never succeed/),
          permanent: true,
        });
      }
      expect(acknowledged(running).sort()).toEqual([...present].sort());
      expect(running.device.stats().people).toBe(4);
    },
  );
});

describe('int-codes (error codes are integers)', () => {
  it('leaves an integer ID_NOT_FOUND of deleteface unconfirmed (a guess), and reads a refused login as auth', async () => {
    const running = await sim(3, { variants: ['int-codes'] });
    const session = driver.session(running.endpoint, { username: 'admin', password: 'wrong' });
    const outcome = await session.removeFace(running.ids[0] as string, { faceId: 'no-such-face' });
    expect(outcome.result).toMatchObject({ outcome: 'unconfirmed', evidence: null, rawCode: 'ID_NOT_FOUND' });
    await expect(session.verifyCredentials()).rejects.toMatchObject({ kind: 'auth', status: 401 });
  });
});

describe('html-200 (unknown paths answer 200 with an HTML page)', () => {
  it('a firmware without deleteidentities: every id unconfirmed, nobody removed, no throw', async () => {
    const people = generatePeople('html-200', 5);
    const device = createSophonDevice({
      seed: 'html-200',
      people,
      knobs: { variants: ['html-200'] },
      withoutOps: ['deleteidentities'],
    });
    const server = await serve(device.handle);
    servers.push(server);
    const ids = people.slice(0, 3).map((person) => person.identityId);
    const results = await driver.session(endpointOf(server), undefined).removePeople(ids, 'identity_id');
    expect(results.map((result) => [result.id, result.outcome, result.evidence])).toEqual(
      ids.map((id) => [id, 'unconfirmed', null]),
    );
    expect(device.stats().people).toBe(5);
  });
});
