import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody, type SimServer } from '../../../../tools/sim/common/http.ts';
import { DriverError } from '../driver.ts';
import { createSophonDriver } from './index.ts';
import {
  endpointOf,
  startConstant,
  startFake,
  startSophon,
  type RunningSophon,
} from '../../../../test/support/drivers/sophon-fixtures.ts';

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

/** A fake terminal answering per op with `answers[op]` (JSON), recording each request body. */
async function fake(answers: Record<string, (body: Record<string, unknown>) => [number, unknown]>) {
  const seen: { op: string; body: Record<string, unknown> }[] = [];
  const server = await startFake((request: IncomingMessage, response: ServerResponse) => {
    void readBody(request).then((raw) => {
      const op = (request.url ?? '').split('/').pop() ?? '';
      const body = JSON.parse(raw) as Record<string, unknown>;
      seen.push({ op, body });
      const [status, answer] = answers[op]?.(body) ?? [404, { error: { code: 'NOPE' } }];
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(answer));
    });
  });
  servers.push(server);
  return { session: driver.session(endpointOf(server), undefined), seen };
}

const page = (ids: string[]) => ({
  identities: ids.map((id) => ({ identity_id: id, identity_name: 'n', face_ids: [], register_image_ids: [] })),
  pagination: { page_index: 0, page_limit: 10, total_count: ids.length },
});

describe('removePeople on the simulator', () => {
  it('answers removed / already-absent in input order with ONE delete, and the device shrinks', async () => {
    const { endpoint, ids, device } = await sim(20);
    const facesBefore = device.stats().faces;
    const present = [ids[3], ids[7], ids[11]] as string[];
    const input = [present[0], 'ghost-1', present[1], 'ghost-2', present[2]] as string[];
    const results = await driver.session(endpoint, undefined).removePeople(input, 'identity_id');
    const removed = { outcome: 'removed', evidence: 'answer', rawCode: 'success', reason: null };
    // Listed as failed, then absent on a complete filtered read.
    const absent = { outcome: 'already-absent', evidence: 'read-back', rawCode: 'ID_NOT_FOUND', reason: null };
    expect(results).toEqual([
      { id: present[0], ...removed },
      { id: 'ghost-1', ...absent },
      { id: present[1], ...removed },
      { id: 'ghost-2', ...absent },
      { id: present[2], ...removed },
    ]);
    expect(device.stats().people).toBe(17);
    expect(device.stats().faces).toBeLessThan(facesBefore);
    const deletes = device.log.matching('deleteidentities');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.body).toEqual({ identity_ids: input });
    expect(deletes[0]?.acknowledged).toEqual(present);
    // one confirming read per failed id
    expect(device.log.matching('getidentities').map((entry) => entry.body)).toEqual([
      { filters: { identity_id: 'ghost-1' }, page_limit: 10, page_index: 0 },
      { filters: { identity_id: 'ghost-2' }, page_limit: 10, page_index: 0 },
    ]);
  });

  it('is idempotent: removing the same people again gives already-absent', async () => {
    const { endpoint, ids, device } = await sim(5);
    const session = driver.session(endpoint, undefined);
    const input = ids.slice(0, 2);
    await session.removePeople(input, 'identity_id');
    const again = await session.removePeople(input, 'identity_id');
    expect(again.map((result) => result.outcome)).toEqual(['already-absent', 'already-absent']);
    expect(device.stats().people).toBe(3);
  });

  it('sends an id given twice once and answers both positions', async () => {
    const { endpoint, ids, device } = await sim(3);
    const id = ids[0] as string;
    const results = await driver.session(endpoint, undefined).removePeople([id, id], 'identity_id');
    expect(results.map((result) => [result.id, result.outcome])).toEqual([
      [id, 'removed'],
      [id, 'removed'],
    ]);
    expect(device.log.matching('deleteidentities')[0]?.body).toEqual({ identity_ids: [id] });
  });

  it('sends nothing for an empty list', async () => {
    const { endpoint, device } = await sim(3);
    expect(await driver.session(endpoint, undefined).removePeople([], 'identity_id')).toEqual([]);
    expect(device.log.all()).toHaveLength(0);
  });

  it('refuses link_id and uid with DriverError invalid, sending nothing', async () => {
    const { endpoint, ids, device } = await sim(3);
    const session = driver.session(endpoint, undefined);
    for (const kind of ['link_id', 'uid'] as const) {
      const error = await session.removePeople(ids, kind).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DriverError);
      expect(error).toMatchObject({ kind: 'invalid' });
    }
    expect(device.log.all()).toHaveLength(0);
    expect(device.stats().people).toBe(3);
  });

  it('splits a batch the device refuses as too large (INVALID_ARGUMENTS, nothing deleted) until it fits', async () => {
    const { endpoint, ids, device } = await sim(5);
    device.knobs.set({ maxIdsPerRequest: 2 });
    const results = await driver.session(endpoint, undefined).removePeople(ids, 'identity_id');
    expect(results.map((result) => [result.id, result.outcome, result.evidence])).toEqual(
      ids.map((id) => [id, 'removed', 'answer']),
    );
    expect(device.stats().people).toBe(0);
    // 5 → 3 + 2, 3 → 2 + 1: two refusals, then three accepted batches.
    expect(device.log.matching('deleteidentities').map((entry) => entry.status)).toEqual([400, 400, 200, 200, 200]);
  });
});

describe('removePeople on odd answers', () => {
  it('answers failed for a failed id that the terminal still holds', async () => {
    const { session, seen } = await fake({
      deleteidentities: () => [200, { success_identity_ids: ['a'], failed_identity_ids: ['b'] }],
      getidentities: () => [200, page(['b'])],
    });
    expect(await session.removePeople(['a', 'b'], 'identity_id')).toEqual([
      { id: 'a', outcome: 'removed', evidence: 'answer', rawCode: 'success', reason: null },
      {
        id: 'b',
        outcome: 'failed',
        evidence: 'item-error',
        rawCode: 'failed_identity_ids',
        reason: expect.stringMatching(/still stored/),
      },
    ]);
    expect(seen.map((request) => request.op)).toEqual(['deleteidentities', 'getidentities']);
  });

  it('answers unconfirmed (not failed, not a thrown error) when the confirming read itself fails', async () => {
    const { session } = await fake({
      deleteidentities: () => [200, { success_identity_ids: [], failed_identity_ids: ['b'] }],
      getidentities: () => [500, { error: { code: 'INTERNAL_ERROR', message: 'x', status: 'INTERNAL' } }],
    });
    const [result] = await session.removePeople(['b'], 'identity_id');
    expect(result).toMatchObject({ id: 'b', outcome: 'unconfirmed', evidence: null, rawCode: 'failed_identity_ids' });
    expect(result?.reason).toMatch(/reading it back failed/);
  });

  it('answers unconfirmed when the confirming read is not complete (fewer rows than the stated total)', async () => {
    const { session } = await fake({
      deleteidentities: () => [200, { success_identity_ids: [], failed_identity_ids: ['b'] }],
      // A terminal that ignores the filter: the first rows of everyone, none of them b.
      getidentities: () => [200, { ...page(['c', 'd']), pagination: { total_count: 500 } }],
    });
    expect((await session.removePeople(['b'], 'identity_id'))[0]).toMatchObject({
      outcome: 'unconfirmed',
      evidence: null,
    });
  });

  it('answers removed (read-back) for an id in both lists that a complete read no longer finds', async () => {
    const { session } = await fake({
      deleteidentities: () => [200, { success_identity_ids: ['b'], failed_identity_ids: ['b'] }],
      getidentities: () => [200, page([])],
    });
    expect((await session.removePeople(['b'], 'identity_id'))[0]).toMatchObject({
      outcome: 'removed',
      evidence: 'read-back',
    });
  });

  it('treats an ID_NOT_FOUND answer of the confirming read as absent', async () => {
    const { session } = await fake({
      deleteidentities: () => [200, { success_identity_ids: [], failed_identity_ids: ['b'] }],
      getidentities: () => [404, { error: { code: 'ID_NOT_FOUND', message: 'x', status: 'NOT_FOUND' } }],
    });
    expect((await session.removePeople(['b'], 'identity_id'))[0]).toMatchObject({
      outcome: 'already-absent',
      evidence: 'not-found',
    });
  });

  it('never takes a whole-request ID_NOT_FOUND as an answer about each id: it splits', async () => {
    const { session, seen } = await fake({
      deleteidentities: (body) =>
        (body.identity_ids as string[]).includes('y')
          ? [404, { error: { code: 'ID_NOT_FOUND', message: '未找到的ID值: y', status: 'NOT_FOUND' } }]
          : [200, { success_identity_ids: body.identity_ids, failed_identity_ids: [] }],
    });
    expect(await session.removePeople(['x', 'y'], 'identity_id')).toEqual([
      { id: 'x', outcome: 'removed', evidence: 'answer', rawCode: 'success', reason: null },
      { id: 'y', outcome: 'already-absent', evidence: 'not-found', rawCode: 'ID_NOT_FOUND', reason: null },
    ]);
    expect(seen.map((request) => request.body.identity_ids)).toEqual([['x', 'y'], ['x'], ['y']]);
  });

  it('answers unconfirmed for an id in neither list', async () => {
    const { session } = await fake({
      deleteidentities: () => [200, { success_identity_ids: ['a'], failed_identity_ids: [] }],
    });
    expect((await session.removePeople(['a', 'z'], 'identity_id'))[1]).toEqual({
      id: 'z',
      outcome: 'unconfirmed',
      evidence: null,
      rawCode: null,
      reason: 'The terminal did not report this id.',
    });
  });

  it('answers every id unconfirmed (never removed, never a throw) for a 2xx answer without either list', async () => {
    const answers: unknown[] = [{}, { success_identity_ids: 'a' }, { success_identity_ids: [{}] }, [], null, 'ok'];
    for (const answer of answers) {
      const { session } = await fake({ deleteidentities: () => [200, answer] });
      const results = await session.removePeople(['a', 'b'], 'identity_id');
      expect(
        results.map((result) => [result.id, result.outcome, result.evidence]),
        JSON.stringify(answer),
      ).toEqual([
        ['a', 'unconfirmed', null],
        ['b', 'unconfirmed', null],
      ]);
    }
    for (const [status, text] of [
      [200, ''],
      [204, ''],
      [200, '<!doctype html><html><body>Welcome</body></html>'],
    ] as const) {
      const server = await startConstant(status, text, 'text/html');
      servers.push(server);
      const results = await driver.session(endpointOf(server), undefined).removePeople(['a'], 'identity_id');
      expect(results, `${status} ${text}`).toEqual([
        { id: 'a', outcome: 'unconfirmed', evidence: null, rawCode: null, reason: expect.stringMatching(/without/) },
      ]);
    }
  });

  it('accepts ids the terminal answers as integers, by their decimal text', async () => {
    const { session } = await fake({
      deleteidentities: () => [200, { success_identity_ids: [100000], failed_identity_ids: [] }],
    });
    expect((await session.removePeople(['100000', '0100001'], 'identity_id')).map((r) => r.outcome)).toEqual([
      'removed',
      'unconfirmed',
    ]);
  });

  it('still throws for a non-2xx answer that is not a Sophon error', async () => {
    const { session } = await fake({ deleteidentities: () => [404, { message: 'no route' }] });
    await expect(session.removePeople(['a'], 'identity_id')).rejects.toMatchObject({
      kind: 'retryable',
      rawCode: 'UNEXPECTED_ANSWER',
    });
  });
});
