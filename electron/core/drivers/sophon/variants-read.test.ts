import { afterEach, describe, expect, it } from 'vitest';
import type { SimServer } from '../../../../tools/sim/common/http.ts';
import type { Knobs } from '../../../../tools/sim/common/knobs.ts';
import { createSophonDriver } from './index.ts';
import { startSophon, type RunningSophon } from '../../../../test/support/drivers/sophon-fixtures.ts';

/** Reads against the simulator's firmware variants: numbers in unused fields, a silent page cap. */

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

describe('numeric-values (numbers where the examples show strings, in fields the app does not use)', () => {
  it('the probe still identifies the terminal (issue 15: it stayed "unknown" over `type: 1`)', async () => {
    const running = await sim(12, { variants: ['numeric-values'] });
    expect(await driver.probe(running.endpoint)).toMatchObject({ kind: 'sophon', apiVersion: 'v2', peopleCount: 12 });
  });

  it('lists and counts people, with the number kept as text', async () => {
    const running = await sim(12, { variants: ['numeric-values'] });
    const session = driver.session(running.endpoint, undefined);
    expect(await session.countPeople()).toEqual({ count: 12, capacity: null });
    const page = await session.listPeople(0, 5);
    expect(page.total).toBe(12);
    expect(page.items.map((person) => person.id)).toEqual(running.ids.slice(0, 5));
    expect(page.items[0]?.extra.user_type).toBe('1');
    expect(page.items[0]?.name.length).toBeGreaterThan(0);
  });

  it('confirms a failed id by a read of numeric answers: absent on a complete read', async () => {
    const running = await sim(12, { variants: ['numeric-values'] });
    const results = await driver
      .session(running.endpoint, undefined)
      .removePeople([running.ids[0] as string, 'ghost'], 'identity_id');
    expect(results.map((result) => [result.outcome, result.evidence])).toEqual([
      ['removed', 'answer'],
      ['already-absent', 'read-back'],
    ]);
  });
});

describe('pageCap (pages cut shorter than asked, without saying so)', () => {
  it('answers the short page and the total the terminal states, never a longer page', async () => {
    const running = await sim(45, { pageCap: 20 });
    const session = driver.session(running.endpoint, undefined);
    const first = await session.listPeople(0, 50);
    expect(first.items.map((person) => person.id)).toEqual(running.ids.slice(0, 20));
    expect(first.total).toBe(45);
    // The device pages in its capped size: page 1 of 50 holds rows 20..39, page 2 the rest.
    expect((await session.listPeople(1, 50)).items.map((person) => person.id)).toEqual(running.ids.slice(20, 40));
    expect((await session.listPeople(2, 50)).items.map((person) => person.id)).toEqual(running.ids.slice(40));
    expect((await session.listPeople(0, 5)).items).toHaveLength(5);
  });
});

describe('answersPerItem', () => {
  it('is true for identity_id only', async () => {
    const running = await sim(1, {});
    const session = driver.session(running.endpoint, undefined);
    expect(session.answersPerItem('identity_id')).toBe(true);
    expect(session.answersPerItem('link_id')).toBe(false);
    expect(session.answersPerItem('uid')).toBe(false);
    expect(running.device.log.all()).toHaveLength(0);
  });
});
