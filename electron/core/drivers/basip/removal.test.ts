import { afterEach, describe, expect, it } from 'vitest';
import { DriverError } from '../driver.ts';
import { createBasipDriver } from './index.ts';
import { checkUids } from './removal.ts';
import { linkResults, NO_ITEM_ANSWER, NOT_REPORTED, uidResults } from './results.ts';
import { json, startFake, startPanel, type PanelFixture } from '../../../../test/support/drivers/basip-harness.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function panel(options: Parameters<typeof startPanel>[0] = {}): Promise<PanelFixture> {
  const fixture = await startPanel(options);
  closers.push(fixture.close);
  return fixture;
}

const ABSENT_1 = '0b3c2f6e-9a51-4c1e-8d2b-1f0e7a6c5d41';
const ABSENT_2 = 'f1e2d3c4-b5a6-4978-8a6b-5c4d3e2f1a00';

describe('BAS-IP removal by link id', () => {
  it('deletes in ONE request and reports deleted / entity_not_found per id, in order', async () => {
    const p = await panel();
    const session = p.session();
    const linked = p.device.identifiers().filter((i) => i.link_id !== null);
    const [a, b, c] = linked.map((i) => i.link_id as string);
    const before = p.device.stats().identifiers;
    const ids = [a as string, ABSENT_1, (b as string).toUpperCase(), ABSENT_2, c as string];
    const results = await session.removePeople(ids, 'link_id');
    const removed = { outcome: 'removed', evidence: 'answer', rawCode: 'deleted', reason: null };
    const absent = { outcome: 'already-absent', evidence: 'not-found', rawCode: 'entity_not_found', reason: null };
    expect(results).toEqual([
      { id: a, ...removed },
      { id: ABSENT_1, ...absent },
      { id: (b as string).toUpperCase(), ...removed },
      { id: ABSENT_2, ...absent },
      { id: c, ...removed },
    ]);
    expect(p.device.stats().identifiers).toBe(before - 3);
    const deletes = p.device.log.matching('/access/identifier/items/link');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.method).toBe('DELETE');
    expect(deletes[0]?.body).toEqual({ link_ids: ids });

    // Again: everything is already absent now.
    const again = await session.removePeople([a as string, c as string], 'link_id');
    expect(again.map((r) => r.outcome)).toEqual(['already-absent', 'already-absent']);
  });

  it('refuses ids that are not UUIDs before sending anything', async () => {
    const p = await panel();
    const session = p.session();
    const error = await session.removePeople([ABSENT_1, 'not-a-uuid', '42'], 'link_id').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect((error as DriverError).kind).toBe('invalid');
    expect((error as DriverError).message).toContain('"not-a-uuid", "42"');
    expect((error as DriverError).message).not.toContain(ABSENT_1);
    expect(p.device.log.all()).toHaveLength(0);
  });

  it('answers an empty list for no ids, and refuses identity ids', async () => {
    const p = await panel();
    const session = p.session();
    expect(await session.removePeople([], 'link_id')).toEqual([]);
    const error = await session.removePeople(['1'], 'identity_id').catch((e: unknown) => e);
    expect((error as DriverError).kind).toBe('invalid');
    expect(p.device.log.all()).toHaveLength(0);
  });

  it('falls back once to the Android-panel POST route when DELETE is not there, and remembers it', async () => {
    const deletesSeen: string[] = [];
    const p = await panel({
      androidLegacyRoutes: true,
      wrap: (inner) => (request, response) => {
        if (request.method === 'DELETE' && request.url === '/api/v1/access/identifier/items/link') {
          deletesSeen.push(request.url);
          response.writeHead(405, { Allow: 'GET, POST' }).end('Method Not Allowed');
          return;
        }
        return inner(request, response);
      },
    });
    const session = p.session();
    const [a, b] = p.device.identifiers().filter((i) => i.link_id !== null);
    const first = await session.removePeople([a?.link_id as string, ABSENT_1], 'link_id');
    expect(first.map((r) => r.outcome)).toEqual(['removed', 'already-absent']);
    const second = await session.removePeople([b?.link_id as string], 'link_id');
    expect(second.map((r) => r.outcome)).toEqual(['removed']);
    expect(deletesSeen).toHaveLength(1);
    const posts = p.device.log.matching('/access/identifiers/link/delete');
    expect(posts.map((e) => `${e.method} ${e.status}`)).toEqual(['POST 200', 'POST 200']);
  });

  it('reports ids the panel left out as unconfirmed, and failures as failed with the raw code', async () => {
    const fake = await startFake((request, response) => {
      if (request.url?.startsWith('/api/v1/login')) return json(response, 200, { token: 't1', account_type: 'admin' });
      json(response, 200, {
        result: [
          { link_id: ABSENT_2, success: false, extended_info: 'has_dublicates' },
          { link_id: ABSENT_1, success: true, extended_info: 'deleted' },
        ],
      });
    });
    closers.push(fake.close);
    const session = createBasipDriver({ timeoutMs: 1000 }).session(fake.endpoint, { username: 'admin', password: 'x' });
    const missing = '11111111-2222-4333-8444-555555555555';
    const results = await session.removePeople([ABSENT_1, missing, ABSENT_2], 'link_id');
    expect(results[0]).toEqual({
      id: ABSENT_1,
      outcome: 'removed',
      evidence: 'answer',
      rawCode: 'deleted',
      reason: null,
    });
    expect(results[1]).toEqual({
      id: missing,
      outcome: 'unconfirmed',
      evidence: null,
      rawCode: 'not-reported',
      reason: NOT_REPORTED,
    });
    expect(results[2]?.outcome).toBe('failed');
    expect(results[2]?.evidence).toBe('item-error');
    expect(results[2]?.rawCode).toBe('has_dublicates');
    expect(results[2]?.reason).toMatch(/duplicates/);
  });
});

describe('BAS-IP removal by uid', () => {
  it('deletes by uid in one request; the empty 200 confirms nothing, so every uid is unconfirmed', async () => {
    const p = await panel();
    const session = p.session();
    const uids = p.device
      .identifiers()
      .slice(3, 9)
      .map((i) => String(i.identifier_uid));
    const before = p.device.stats().identifiers;
    const results = await session.removePeople(uids, 'uid');
    expect(results.map((r) => [r.id, r.outcome, r.evidence, r.rawCode])).toEqual(
      uids.map((id) => [id, 'unconfirmed', null, NO_ITEM_ANSWER]),
    );
    expect(session.answersPerItem('uid')).toBe(false);
    expect(session.answersPerItem('link_id')).toBe(true);
    expect(p.device.stats().identifiers).toBe(before - 6);
    const requests = p.device.log.matching('/access/identifier/items').filter((e) => e.method === 'DELETE');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.path).toBe('/api/v1/access/identifier/items');
    expect(requests[0]?.body).toEqual({ uid_items: uids.map(Number) });
    expect(requests[0]?.acknowledged).toEqual(uids);
  });

  it('refuses uids that are not whole numbers before sending anything', async () => {
    const p = await panel();
    const error = await p
      .session()
      .removePeople(['12', '1.5', '-3', 'abc'], 'uid')
      .catch((e: unknown) => e);
    expect((error as DriverError).kind).toBe('invalid');
    expect((error as DriverError).message).toContain('"1.5", "-3", "abc"');
    expect(p.device.log.all()).toHaveLength(0);
  });
});

describe('per-id result mapping', () => {
  it('matches repeated link ids to successive entries; no result list leaves every id unconfirmed', () => {
    const repeated = linkResults([ABSENT_1, ABSENT_1], {
      result: [
        { link_id: ABSENT_1, success: true, extended_info: 'deleted' },
        { link_id: ABSENT_1, success: false, extended_info: 'entity_not_found' },
      ],
    });
    expect(repeated.map((r) => r.outcome)).toEqual(['removed', 'already-absent']);
    for (const answer of [{ nothing: true }, undefined, { result: 'deleted' }, [{ link_id: ABSENT_1 }]]) {
      expect(linkResults([ABSENT_1], answer)).toEqual([
        { id: ABSENT_1, outcome: 'unconfirmed', evidence: null, rawCode: NO_ITEM_ANSWER, reason: expect.any(String) },
      ]);
    }
  });

  it('reads a uid result list by uid, and leaves uids it does not name unconfirmed', () => {
    const coded = uidResults(['7', '8', '9', '0010'], {
      result: [
        { identifier_uid: 8, success: false, extended_info: 'entity_not_found' },
        { uid: '10', success: false, extended_info: 'has_dublicates' },
        { uid: 7, success: true },
      ],
    });
    expect(coded.map((r) => [r.outcome, r.evidence])).toEqual([
      ['removed', 'answer'],
      ['already-absent', 'not-found'],
      ['unconfirmed', null],
      ['failed', 'item-error'],
    ]);
    expect(uidResults(['1'], undefined)).toEqual([
      { id: '1', outcome: 'unconfirmed', evidence: null, rawCode: NO_ITEM_ANSWER, reason: expect.any(String) },
    ]);
    expect(uidResults(['1', '2'], { result: [] }).map((r) => r.rawCode)).toEqual(['not-reported', 'not-reported']);
    expect(checkUids(['0', '0012'])).toEqual([0, 12]);
  });

  it('never takes "created" or "updated", a contradiction or an entry without a verdict for a deletion', () => {
    const ids = [ABSENT_1, ABSENT_2, '11111111-2222-4333-8444-555555555555', '21111111-2222-4333-8444-555555555555'];
    const results = linkResults(ids, {
      result: [
        { link_id: ids[0], success: true, extended_info: 'created' },
        { link_id: ids[1], success: true, extended_info: 'updated' },
        { link_id: ids[2], success: false, extended_info: 'deleted' },
        { link_id: ids[3] },
      ],
    });
    expect(results.map((r) => [r.outcome, r.rawCode])).toEqual([
      ['unconfirmed', 'created'],
      ['unconfirmed', 'updated'],
      ['unconfirmed', 'deleted'],
      ['unconfirmed', null],
    ]);
    expect(results[0]?.reason).toMatch(/not a deletion/);
  });

  it('attributes nothing by position: entries without a link id leave the ids they might answer unconfirmed', () => {
    const ids = [ABSENT_1, ABSENT_2, '11111111-2222-4333-8444-555555555555'];
    const results = linkResults(ids, {
      result: [
        { link_id: null, success: true, extended_info: 'deleted' },
        { link_id: ids[1]?.toUpperCase(), success: true, extended_info: 'deleted' },
        { success: false, extended_info: 'entity_not_found' },
        { link_id: 42, success: true, extended_info: 'deleted' },
      ],
    });
    expect(results.map((r) => [r.outcome, r.evidence, r.rawCode])).toEqual([
      ['unconfirmed', null, 'unattributed-answer'],
      ['removed', 'answer', 'deleted'],
      ['unconfirmed', null, 'unattributed-answer'],
    ]);
  });
});
