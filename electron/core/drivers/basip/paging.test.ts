import { afterEach, describe, expect, it } from 'vitest';
import { DriverError } from '../driver.ts';
import { PAGE_LIMITS, personOf, planPages, readIdentifierPage } from './paging.ts';
import { createBasipDriver } from './index.ts';
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

describe('BAS-IP paging', () => {
  it('maps caller pages onto allowed vendor limits', () => {
    expect(planPages(0, 50)).toEqual({ limit: 50, size: 50, firstPage: 1, lastPage: 1, skip: 0, take: 50 });
    expect(planPages(3, 20)).toEqual({ limit: 20, size: 20, firstPage: 4, lastPage: 4, skip: 0, take: 20 });
    expect(planPages(2, 100)).toEqual({ limit: 50, size: 50, firstPage: 5, lastPage: 6, skip: 0, take: 100 });
    expect(planPages(1, 7)).toEqual({ limit: 20, size: 20, firstPage: 1, lastPage: 1, skip: 7, take: 7 });
    expect(planPages(2, 7)).toEqual({ limit: 30, size: 30, firstPage: 1, lastPage: 1, skip: 14, take: 7 });
    expect(planPages(0, 25)).toEqual({ limit: 30, size: 30, firstPage: 1, lastPage: 1, skip: 0, take: 25 });
    for (let size = 1; size <= 130; size++) {
      for (const index of [0, 1, 2, 7, 31]) {
        const plan = planPages(index, size);
        expect(PAGE_LIMITS).toContain(plan.limit);
        const coveredFrom = (plan.firstPage - 1) * plan.limit;
        const coveredTo = plan.lastPage * plan.limit;
        expect(coveredFrom + plan.skip).toBe(index * size);
        expect(coveredTo).toBeGreaterThanOrEqual((index + 1) * size);
      }
    }
    expect(planPages(1, 50, 7)).toEqual({ limit: 50, size: 7, firstPage: 8, lastPage: 15, skip: 1, take: 50 });
    expect(planPages(0, 50, 25)).toEqual({ limit: 50, size: 25, firstPage: 1, lastPage: 2, skip: 0, take: 50 });
    expect(planPages(1, 20, 25)).toEqual({ limit: 20, size: 20, firstPage: 2, lastPage: 2, skip: 0, take: 20 });
    for (const cap of [1, 7, 25, 60]) {
      for (const [index, size] of [
        [0, 50],
        [3, 13],
        [5, 100],
      ] as const) {
        const plan = planPages(index, size, cap);
        expect(plan.size).toBe(Math.min(plan.limit, cap));
        expect((plan.firstPage - 1) * plan.size + plan.skip).toBe(index * size);
        expect(plan.lastPage * plan.size).toBeGreaterThanOrEqual((index + 1) * size);
      }
    }
    expect(() => planPages(0, 10, 0)).toThrow(DriverError);
    for (const [index, size] of [
      [-1, 10],
      [0, 0],
      [0.5, 10],
      [0, Number.NaN],
    ] as const) {
      expect(() => planPages(index, size)).toThrow(DriverError);
    }
  });

  it('covers every identifier exactly once, whatever the page size', async () => {
    const p = await panel({ seed: 'paging' });
    const session = p.session();
    const expected = p.device.identifiers().map((i) => i.link_id ?? String(i.identifier_uid));
    expect(new Set(expected).size).toBe(expected.length);
    for (const pageSize of [10, 7, 25, 50, 64, 100]) {
      const seen: string[] = [];
      for (let pageIndex = 0; ; pageIndex++) {
        const page = await session.listPeople(pageIndex, pageSize);
        expect(page.total).toBe(expected.length);
        expect(page.items.length).toBeLessThanOrEqual(pageSize);
        seen.push(...page.items.map((person) => person.id));
        if (page.items.length < pageSize) break;
      }
      expect(seen).toEqual(expected);
    }
    const limits = new Set(p.device.log.matching('/access/identifier/items').map((e) => Number(e.query.limit)));
    for (const limit of limits) expect(PAGE_LIMITS).toContain(limit);
    expect(p.device.log.matching('/login')).toHaveLength(1);
  });

  it('lists people with name, uid and number, and link_id as id (uid when there is none)', async () => {
    const p = await panel();
    const page = await p.session().listPeople(0, 50);
    const raw = p.device.identifiers().slice(0, 50);
    expect(page.items).toHaveLength(50);
    page.items.forEach((person, index) => {
      const item = raw[index];
      expect(person.id).toBe(item?.link_id ?? String(item?.identifier_uid));
      expect(person.name).toBe(item?.identifier_owner.name);
      expect(person.extra.uid).toBe(String(item?.identifier_uid));
      expect(person.extra.number).toBe(item?.identifier_number);
    });
    expect(page.items.some((person) => person.id === person.extra.uid)).toBe(true);
    expect(page.items.some((person) => person.id !== person.extra.uid)).toBe(true);
  });

  it('takes a short page with a stale total for the end, not for a page cap', async () => {
    let held = 30;
    let claimed = 31;
    const fake = await startFake((request, response) => {
      const url = new URL(request.url ?? '/', 'http://panel.invalid');
      if (url.pathname === '/api/v1/login') return json(response, 200, { token: 't', account_type: 'admin' });
      const limit = Number(url.searchParams.get('limit'));
      const page = Number(url.searchParams.get('page_number'));
      const rows = Array.from({ length: held }, (_, uid) => ({ identifier_uid: uid + 1 }));
      const list_items = rows.slice((page - 1) * limit, page * limit);
      json(response, 200, { list_option: { pagination: { total_items: claimed } }, list_items });
    });
    closers.push(fake.close);
    const session = createBasipDriver({ timeoutMs: 1000 }).session(fake.endpoint, { username: 'a', password: 'b' });
    const first = await session.listPeople(0, 50);
    expect(first.items).toHaveLength(30);
    expect(first.total).toBe(31);
    // The panel grows; a page cap wrongly learnt from the stale total would now skip rows 31 to 50.
    held = 80;
    claimed = 80;
    const second = await session.listPeople(0, 50);
    expect(second.items.map((person) => person.id)).toEqual(Array.from({ length: 50 }, (_, i) => String(1 + i)));
  });

  it('counts from the paging info with one small request', async () => {
    const p = await panel();
    expect(await p.session().countPeople()).toEqual({ count: p.device.stats().identifiers, capacity: null });
    const lists = p.device.log.matching('/access/identifier/items');
    expect(lists.map((e) => e.query)).toEqual([{ limit: '10', page_number: '1' }]);
  });

  it('reads other plausible list shapes defensively', () => {
    expect(readIdentifierPage({ items: [{ identifier_uid: 1 }], pagination: { total_items: '12' } })).toEqual({
      items: [{ identifier_uid: 1 }],
      total: 12,
    });
    expect(readIdentifierPage({ list_items: [{}, 'junk', null], total_count: 3 })).toEqual({ items: [{}], total: 3 });
    expect(readIdentifierPage([{ uid: 4 }])?.total).toBeNull();
    expect(readIdentifierPage({ list_option: { pagination: { total_items: -4 } }, list_items: [] })?.total).toBeNull();
    expect(readIdentifierPage({ error: 'Log In' })).toBeNull();
    expect(readIdentifierPage('list_items')).toBeNull();
    expect(personOf({ identifier_owner: { name: 'x' } })).toBeNull();
    expect(personOf({ uid: 9, identifier_number: 1234, name: 'Ann' })).toEqual({
      id: '9',
      name: 'Ann',
      extra: { uid: '9', number: '1234' },
    });
  });
});
