import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import type { BasipIdentifier } from './index.ts';
import { startPanel, type PanelHarness } from './test-kit.ts';

interface ListBody {
  list_option: { pagination: { total_items: number; items_limit: number; total_pages: number; current_page: number } };
  list_items: BasipIdentifier[];
}

const ITEMS = '/api/v1/access/identifier/items';

async function allPages(panel: PanelHarness, token: string, limit: number, path = ITEMS): Promise<BasipIdentifier[]> {
  const seen: BasipIdentifier[] = [];
  for (let page = 1; ; page++) {
    const reply = await panel.call('GET', `${path}?limit=${limit}&page_number=${page}`, { token });
    expect(reply.status).toBe(200);
    const body = reply.json as ListBody;
    expect(body.list_option.pagination.current_page).toBe(page);
    expect(body.list_option.pagination.items_limit).toBe(limit);
    expect(body.list_items.length).toBeLessThanOrEqual(limit);
    seen.push(...body.list_items);
    if (page >= body.list_option.pagination.total_pages) {
      expect(seen.length).toBe(body.list_option.pagination.total_items);
      return seen;
    }
    expect(body.list_items.length).toBe(limit);
  }
}

describe('BAS-IP panel: identifier lists', () => {
  let panel: PanelHarness | undefined;
  afterEach(async () => {
    await panel?.close();
    panel = undefined;
  });

  it('seeds one card per person (uid, link_id, number) and a face for some, and counts them', async () => {
    const people = generatePeople('list', 300);
    panel = await startPanel({ people, seed: 'list' });
    const items = panel.device.identifiers();
    const cards = items.filter((i) => i.identifier_type === 'card');
    const faces = items.filter((i) => i.identifier_type === 'face_id');
    expect(cards.map((c) => c.link_id)).toEqual(people.map((p) => p.linkId));
    expect(cards.map((c) => c.identifier_number)).toEqual(people.map((p) => p.cardNumber));
    expect(cards.map((c) => c.identifier_owner.name)).toEqual(people.map((p) => p.name));
    expect(faces.length).toBe(people.filter((p) => p.faceCount === 3).length);
    expect(faces.length).toBeGreaterThan(50);
    expect(faces.every((f) => f.link_id === null && /^[A-Za-z0-9+/]+=*$/.test(f.identifier_number))).toBe(true);
    const uids = items.map((i) => i.identifier_uid);
    expect(uids.every(Number.isInteger)).toBe(true);
    expect(new Set(uids).size).toBe(uids.length);
    expect(panel.device.stats()).toEqual({ people: 300, faces: faces.length, identifiers: 300 + faces.length });
  });

  it('defaults to 5000 people and pages through all of them with limit 50', async () => {
    panel = await startPanel({ seed: 'big' });
    expect(panel.device.stats().people).toBe(5000);
    const token = await panel.login();
    const seen = await allPages(panel, token, 50);
    expect(seen.length).toBe(panel.device.stats().identifiers);
    expect(seen).toEqual(panel.device.identifiers());
  });

  it('covers every identifier exactly once, in uid order, for each allowed limit (also on .../items/link)', async () => {
    panel = await startPanel({ people: generatePeople('paging', 137), seed: 'paging' });
    const token = await panel.login();
    const expected = panel.device.identifiers();
    for (const limit of [10, 20, 30, 50]) {
      const seen = await allPages(panel, token, limit);
      expect(seen.map((i) => i.identifier_uid)).toEqual(expected.map((i) => i.identifier_uid));
    }
    expect(await allPages(panel, token, 20, `${ITEMS}/link`)).toEqual(expected);
  });

  it('answers the documented pagination block, defaults to limit 10 page 1, and an empty page past the end', async () => {
    panel = await startPanel({ people: generatePeople('p', 18), seed: 'p' });
    const token = await panel.login();
    const total = panel.device.stats().identifiers;
    const first = await panel.call('GET', ITEMS, { token });
    expect(first.status).toBe(200);
    expect((first.json as ListBody).list_option).toEqual({
      pagination: { total_items: total, items_limit: 10, total_pages: Math.ceil(total / 10), current_page: 1 },
    });
    expect((first.json as ListBody).list_items.length).toBe(10);
    const past = await panel.call('GET', `${ITEMS}?limit=10&page_number=99`, { token });
    expect(past.status).toBe(200);
    expect((past.json as ListBody).list_items).toEqual([]);
    expect((past.json as ListBody).list_option.pagination.current_page).toBe(99);
  });

  it('reports one page even when the panel is empty', async () => {
    panel = await startPanel({ people: [] });
    const token = await panel.login();
    const reply = await panel.call('GET', `${ITEMS}?limit=30&page_number=1`, { token });
    expect(reply.json).toEqual({
      list_option: { pagination: { total_items: 0, items_limit: 30, total_pages: 1, current_page: 1 } },
      list_items: [],
    });
    expect(panel.device.stats()).toEqual({ people: 0, faces: 0, identifiers: 0 });
  });

  it('refuses limits other than 10/20/30/50 and pages below 1 with a 400, in both styles', async () => {
    panel = await startPanel({ people: generatePeople('bad', 5) });
    let token = await panel.login();
    const cases: Array<[string, string]> = [
      ['limit=25&page_number=1', 'limit'],
      ['limit=100&page_number=1', 'limit'],
      ['limit=abc&page_number=1', 'limit'],
      ['limit=10.0&page_number=1', 'limit'],
      ['limit=10&page_number=0', 'page_number'],
      ['limit=10&page_number=-1', 'page_number'],
      ['limit=10&page_number=x', 'page_number'],
    ];
    for (const [query, field] of cases) {
      const reply = await panel.call('GET', `${ITEMS}?${query}`, { token });
      expect(reply.status, query).toBe(400);
      expect(reply.json).toEqual({ error: `Wrong JSON body: value \`${field}\` was of the wrong type` });
    }
    await panel.close();
    panel = await startPanel({ people: generatePeople('bad', 5), errorStyle: 'coded' });
    token = await panel.login();
    const reply = await panel.call('GET', `${ITEMS}?limit=10&page_number=0`, { token });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      error: { code: 'not_valid', message: 'Wrong JSON body: value `page_number` was of the wrong type' },
    });
  });
});
