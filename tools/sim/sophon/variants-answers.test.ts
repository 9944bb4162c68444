import { afterEach, describe, expect, it } from 'vitest';
import type { Knobs } from '../common/knobs.ts';
import { generatePeople } from '../common/people.ts';
import { SOPHON_ERRORS } from './errors.ts';
import { startSophon, type RunningSophon } from './test-client.ts';

/** The firmware variants that change answers (int-codes, numeric-values, html-200) and the silent page cap. */

const people = generatePeople('variants-answers', 45);
const ids = people.map((person) => person.identityId);

interface Page {
  identities: { identity_id: string; user_type: unknown; ext_user_info: Record<string, unknown> }[];
  pagination: { page_index: number; page_limit: number; total_count: number };
}

describe('Sophon answer variants', () => {
  let sim: RunningSophon;
  afterEach(() => sim.close());

  const start = async (knobs: Partial<Knobs>, withoutOps?: string[]): Promise<void> => {
    sim = await startSophon({ seed: 'variants-answers', people, knobs, withoutOps });
  };
  const page = async (body: unknown): Promise<Page> => (await sim.call('getidentities', body)).json as Page;

  it('int-codes: every error answer carries the integer of the vendor table (13, 14 for the others)', async () => {
    await start({ variants: ['int-codes'] });
    expect(SOPHON_ERRORS.ID_NOT_FOUND.index).toBe(2);
    expect(SOPHON_ERRORS.INVALID_ARGUMENTS.index).toBe(6);
    expect(SOPHON_ERRORS.UNSUPPORT_CONTENT_TYPE.index).toBe(12);
    const notFound = await sim.call('getidentity', { identity_id: 'ghost' });
    expect(notFound.status).toBe(404);
    expect(notFound.json).toEqual({ error: { code: 2, message: '未找到的ID值: ghost', status: 'NOT_FOUND' } });
    expect((await sim.call('deleteidentities', {})).json).toMatchObject({ error: { code: 9 } });
    expect((await sim.call('login', { username: 'admin', password: 'x' })).json).toMatchObject({ error: { code: 13 } });
    sim.device.knobs.set({
      faults: [
        { kind: 'busy', count: 1 },
        { kind: 'http500', count: 1 },
      ],
    });
    expect((await sim.call('getidentities', {})).json).toMatchObject({ error: { code: 14, status: 'UNAVAILABLE' } });
    expect((await sim.call('getidentities', {})).json).toMatchObject({ error: { code: 14, status: 'INTERNAL' } });
    // Successes are unchanged.
    expect((await sim.call('deleteidentities', { identity_ids: [ids[0]] })).json).toEqual({
      success_identity_ids: [ids[0]],
      failed_identity_ids: [],
    });
  });

  it('without int-codes, error codes are names', async () => {
    await start({});
    expect((await sim.call('getidentity', { identity_id: 'ghost' })).json).toMatchObject({
      error: { code: 'ID_NOT_FOUND' },
    });
  });

  it('numeric-values: user_type, ext_user_info.type and the card number are numbers; ids stay strings', async () => {
    await start({ variants: ['numeric-values'] });
    const first = people[0]!;
    const listed = (await page({ page_limit: 5 })).identities[0]!;
    const single = (await sim.call('getidentity', { identity_id: first.identityId })).json as Page['identities'][0];
    for (const identity of [listed, single]) {
      expect(identity.identity_id).toBe(first.identityId);
      expect(identity.user_type).toBe(1);
      expect(identity.ext_user_info).toEqual({ type: 1, visit_card_number: Number(first.cardNumber) });
    }
    sim.device.knobs.set({ variants: [] });
    const plain = (await page({ page_limit: 1 })).identities[0]!;
    expect(plain.user_type).toBe('employee');
    expect(plain.ext_user_info).toEqual({ visit_card_number: first.cardNumber });
  });

  it('html-200: unknown paths and missing operations answer 200 with an HTML page', async () => {
    await start({ variants: ['html-200'] }, ['deleteidentities']);
    for (const path of ['/sophon/v2/face/nosuchop', '/', '/sophon/v2/face/deleteidentities']) {
      const answer = await sim.call(path, { identity_ids: [ids[0]] });
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      expect(answer.text).toMatch(/^<!doctype html>/);
    }
    expect(sim.device.stats().people).toBe(45);
    expect((await sim.call('getidentities', {})).status).toBe(200);
    sim.device.knobs.set({ variants: [] });
    expect((await sim.call('/sophon/v2/face/deleteidentities', { identity_ids: [ids[0]] })).status).toBe(404);
  });

  it('pageCap: at most pageCap rows, paged in the capped size, with the asked limit and true total', async () => {
    await start({ pageCap: 20 });
    const first = await page({ page_limit: 50, page_index: 0 });
    expect(first.identities.map((i) => i.identity_id)).toEqual(ids.slice(0, 20));
    expect(first.pagination).toEqual({ page_index: 0, page_limit: 50, total_count: 45 });
    const second = await page({ page_limit: 50, page_index: 1 });
    expect(second.identities.map((i) => i.identity_id)).toEqual(ids.slice(20, 40));
    expect((await page({ page_limit: 50, page_index: 2 })).identities.map((i) => i.identity_id)).toEqual(ids.slice(40));
    // A page smaller than the cap is not affected.
    expect((await page({ page_limit: 7, page_index: 1 })).identities.map((i) => i.identity_id)).toEqual(
      ids.slice(7, 14),
    );
    sim.device.knobs.set({ pageCap: 0 });
    expect((await page({ page_limit: 50, page_index: 0 })).identities).toHaveLength(45);
  });
});
