import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { startSophon, type RunningSophon } from './test-client.ts';

describe('Sophon permission groups', () => {
  let sim: RunningSophon;
  beforeEach(async () => {
    sim = await startSophon({ seed: 'perm', people: generatePeople('perm', 5) });
  });
  afterEach(() => sim.close());

  const bind = async (identityId: string, permissionIds: string[]): Promise<void> => {
    const person = (await sim.call('getidentity', { identity_id: identityId })).json as Record<string, unknown>;
    expect((await sim.call('updateidentity', { ...person, permission_ids: permissionIds })).status).toBe(200);
  };
  const groupsOf = async (identityId: string): Promise<unknown> =>
    ((await sim.call('getidentity', { identity_id: identityId })).json as { permission_ids: string[] }).permission_ids;

  it('creates, reads, lists, updates and deletes a group', async () => {
    const created = await sim.call('createpermission', {
      permission_id: '270ec5e6',
      permission_name: '测试组',
      description: 'this is a first test permission',
    });
    expect(created.json).toEqual({
      description: 'this is a first test permission',
      permission_id: '270ec5e6',
      permission_name: '测试组',
    });
    expect((await sim.call('getpermission', { permission_id: '270ec5e6' })).json).toEqual(created.json);
    expect((await sim.call('getpermission', { permission_name: '测试组' })).json).toEqual(created.json);

    const generated = (await sim.call('createpermission', { permission_name: 'Gate B' })).json as Record<
      string,
      string
    >;
    expect(generated.permission_id).toMatch(/^[0-9a-f]{8}$/);
    expect(generated.description).toBe('');

    const list = await sim.call('getpermissions', {});
    expect(list.json).toEqual({
      permissions: [created.json, generated],
      pagination: { page_index: 0, page_limit: 10, total_count: 2 },
    });
    const fuzzy = await sim.call('getpermissions', { permission_name: 'gate', page_limit: 1 });
    expect(fuzzy.json).toEqual({
      permissions: [generated],
      pagination: { page_index: 0, page_limit: 1, total_count: 1 },
    });

    const updated = await sim.call('updatepermission', {
      permission_id: '270ec5e6',
      new_name: '新权限组',
      new_description: '新权限组描述信息',
    });
    expect(updated.json).toEqual({
      description: '新权限组描述信息',
      permission_id: '270ec5e6',
      permission_name: '新权限组',
    });

    const deleted = await sim.call('deletepermission', { permission_id: '270ec5e6' });
    expect(deleted.json).toEqual({ permission_id: '270ec5e6' });
    expect(sim.device.log.all().at(-1)?.acknowledged).toEqual(['270ec5e6']);
    expect((await sim.call('getpermission', { permission_id: '270ec5e6' })).status).toBe(404);
  });

  it('refuses duplicates, empty names and unknown groups', async () => {
    await sim.call('createpermission', { permission_id: 'g1', permission_name: '一楼' });
    await sim.call('createpermission', { permission_id: 'g2', permission_name: '二楼' });
    const cases: [string, unknown, string][] = [
      ['createpermission', { permission_id: 'g1', permission_name: '三楼' }, 'ID_REPEAT_ERROR'],
      ['createpermission', { permission_name: '一楼' }, 'NAME_REPEAT_ERROR'],
      ['createpermission', { permission_name: '' }, 'INVALID_ARGUMENTS'],
      ['createpermission', { description: 'x' }, 'MISSING_ARGUMENTS'],
      ['updatepermission', { permission_id: 'g2', new_name: '一楼' }, 'NAME_REPEAT_ERROR'],
      ['updatepermission', { permission_id: 'g9', new_name: '九楼' }, 'ID_NOT_FOUND'],
      ['updatepermission', { new_name: '九楼' }, 'MISSING_ARGUMENTS'],
      ['getpermission', {}, 'MISSING_ARGUMENTS'],
      ['getpermission', { permission_name: '地下室' }, 'ID_NOT_FOUND'],
      ['deletepermission', { permission_id: 'g9' }, 'ID_NOT_FOUND'],
      ['getpermissions', { page_limit: 0 }, 'INVALID_ARGUMENTS'],
    ];
    for (const [op, body, code] of cases) {
      expect((await sim.call(op, body)).json, `${op} ${JSON.stringify(body)}`).toMatchObject({ error: { code } });
    }
    // Renaming a group to its own name is fine.
    expect((await sim.call('updatepermission', { permission_id: 'g2', new_name: '二楼' })).status).toBe(200);
  });

  it('lets the name win in deletepermission when both are given', async () => {
    await sim.call('createpermission', { permission_id: 'g1', permission_name: '一楼' });
    await sim.call('createpermission', { permission_id: 'g2', permission_name: '二楼' });
    const answer = await sim.call('deletepermission', { permission_id: 'g1', permission_name: '二楼' });
    expect(answer.json).toEqual({ permission_id: 'g2' });
    expect((await sim.call('getpermission', { permission_id: 'g1' })).status).toBe(200);
  });

  it('unbinds people from a deleted group, and a deleted person from its groups', async () => {
    await sim.call('createpermission', { permission_id: 'g1', permission_name: '一楼' });
    await sim.call('createpermission', { permission_id: 'g2', permission_name: '二楼' });
    await bind('100000', ['g1', 'g2']);
    await bind('100001', ['g1']);
    await sim.call('deletepermission', { permission_name: '一楼' });
    expect(await groupsOf('100000')).toEqual(['g2']);
    expect(await groupsOf('100001')).toEqual([]);

    await sim.call('deleteidentities', { identity_ids: ['100000'] });
    const members = await sim.call('getidentities', { filters: { permission_id_list: ['g2'] } });
    expect(members.json).toMatchObject({ identities: [], pagination: { total_count: 0 } });
  });
});
