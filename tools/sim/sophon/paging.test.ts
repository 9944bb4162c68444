import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { startSophon, type RunningSophon } from './test-client.ts';

interface Page {
  identities: { identity_id: string; identity_name: string; face_ids: string[]; register_image_ids: string[] }[];
  pagination: { page_index: number; page_limit: number; total_count: number };
}

describe('Sophon getidentities', () => {
  let sim: RunningSophon;
  const people = generatePeople('paging', 5000);
  beforeAll(async () => {
    sim = await startSophon({ seed: 'paging' });
  });
  afterAll(() => sim.close());

  const page = async (body: unknown): Promise<Page> => {
    const answer = await sim.call('getidentities', body);
    expect(answer.status).toBe(200);
    return answer.json as Page;
  };

  it('pages from 0 through the end, returning every person exactly once', async () => {
    const seen: string[] = [];
    for (let index = 0; ; index++) {
      const { identities, pagination } = await page({ page_limit: 100, page_index: index });
      expect(pagination).toEqual({ page_index: index, page_limit: 100, total_count: 5000 });
      if (identities.length === 0) break;
      for (const identity of identities) {
        expect(Object.keys(identity).sort()).toEqual([
          'ext_user_info',
          'face_ids',
          'identity_id',
          'identity_name',
          'permission_ids',
          'register_image_ids',
          'user_type',
        ]);
        expect(identity.face_ids).toHaveLength(identity.register_image_ids.length);
        seen.push(identity.identity_id);
      }
    }
    expect(seen).toHaveLength(5000);
    expect(new Set(seen).size).toBe(5000);
    expect(seen).toEqual(people.map((p) => p.identityId));
  });

  it('uses page_limit 10 and page_index 0 by default, and a short last page', async () => {
    const first = await page({});
    expect(first.pagination).toEqual({ page_index: 0, page_limit: 10, total_count: 5000 });
    expect(first.identities.map((i) => i.identity_id)).toEqual(people.slice(0, 10).map((p) => p.identityId));
    const last = await page({ page_limit: 30, page_index: 166 });
    expect(last.identities).toHaveLength(5000 - 166 * 30);
    expect((await page({ page_limit: 30, page_index: 1000 })).identities).toEqual([]);
  });

  it('rejects page_limit outside 1..100 and a negative or fractional page_index', async () => {
    for (const body of [
      { page_limit: 0 },
      { page_limit: 101 },
      { page_limit: -5 },
      { page_limit: '10' },
      { page_index: -1 },
      { page_index: 1.5 },
      { page_index: '0' },
      { filters: [] },
      { filters: { identity_name: 5 } },
      { filters: { permission_id_list: 'g' } },
    ]) {
      const answer = await sim.call('getidentities', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json).toMatchObject({ error: { code: 'INVALID_ARGUMENTS' } });
    }
    expect((await page({ page_limit: 1 })).identities).toHaveLength(1);
    expect((await page({ page_limit: 100 })).identities).toHaveLength(100);
  });

  it('filters by identity_id, by a fuzzy identity_name and by permission groups', async () => {
    const target = people[1234]!;
    expect((await page({ filters: { identity_id: target.identityId } })).identities.map((i) => i.identity_id)).toEqual([
      target.identityId,
    ]);
    expect((await page({ filters: { identity_id: 'nobody' } })).pagination.total_count).toBe(0);

    const surname = people.find((p) => /[\u4e00-\u9fff]/.test(p.name))!.name.slice(0, 1);
    const expected = people.filter((p) => p.name.includes(surname));
    const byName = await page({ filters: { identity_name: surname }, page_limit: 100 });
    expect(byName.pagination.total_count).toBe(expected.length);
    expect(byName.identities.every((i) => i.identity_name.includes(surname))).toBe(true);

    // Like SQLite LIKE: case folds for ASCII letters only.
    const smiths = people.filter((p) => p.name.includes('Smith')).length;
    const zoes = people.filter((p) => p.name.includes('Zoë')).length;
    expect(smiths).toBeGreaterThan(0);
    expect(zoes).toBeGreaterThan(0);
    expect((await page({ filters: { identity_name: 'sMITH' } })).pagination.total_count).toBe(smiths);
    expect((await page({ filters: { identity_name: 'zoë' } })).pagination.total_count).toBe(zoes);
    expect((await page({ filters: { identity_name: 'ZOË' } })).pagination.total_count).toBe(0);

    await sim.call('createpermission', { permission_id: 'lobby', permission_name: '大堂' });
    await sim.call('createpermission', { permission_id: 'lab', permission_name: '实验室' });
    for (const [id, groups] of [
      ['100010', ['lobby']],
      ['100020', ['lab']],
      ['100030', ['lobby', 'lab']],
    ] as const) {
      const person = (await sim.call('getidentity', { identity_id: id })).json as Record<string, unknown>;
      await sim.call('updateidentity', { ...person, permission_ids: groups });
    }
    const ids = async (list: string[]): Promise<string[]> =>
      (await page({ filters: { permission_id_list: list } })).identities.map((i) => i.identity_id);
    expect(await ids(['lobby'])).toEqual(['100010', '100030']);
    expect(await ids(['lobby', 'lab'])).toEqual(['100010', '100020', '100030']);
    expect((await page({ filters: { permission_id_list: [] } })).pagination.total_count).toBe(5000);
    const unknownGroup = await sim.call('getidentities', { filters: { permission_id_list: ['attic'] } });
    expect(unknownGroup.json).toMatchObject({ error: { code: 'ID_NOT_FOUND', message: '未找到的ID值: attic' } });

    // Deleting a person unbinds it from its groups.
    await sim.call('deleteidentities', { identity_ids: ['100030'] });
    expect(await ids(['lobby', 'lab'])).toEqual(['100010', '100020']);
  });
});
