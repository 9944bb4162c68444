import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { pngBase64, startSophon, type RunningSophon } from './test-client.ts';

const PHOTO = `data:image/jpg;base64,${pngBase64(200, 200)}`;

describe('Sophon people', () => {
  let sim: RunningSophon;
  afterEach(() => sim.close());

  it('starts with 5000 generated people by default, each with its faces', async () => {
    sim = await startSophon({ seed: 7 });
    const people = generatePeople(7, 5000);
    const faces = people.reduce((sum, p) => sum + p.faceCount, 0);
    expect(sim.device.stats()).toEqual({ people: 5000, faces, identifiers: 5000 });
    const first = people[0]!;
    const answer = await sim.call('getidentity', { identity_id: first.identityId });
    expect(answer.json).toMatchObject({
      identity_id: first.identityId,
      identity_name: first.name,
      user_type: 'employee',
      permission_ids: [],
      ext_user_info: { visit_card_number: first.cardNumber },
    });
    const body = answer.json as { face_ids: string[]; register_image_ids: string[] };
    expect(body.face_ids).toHaveLength(first.faceCount);
    expect(body.register_image_ids).toHaveLength(first.faceCount);
  });

  it('creates a person with defaults, or with a generated id when none is given', async () => {
    sim = await startSophon({ seed: 'c', people: [] });
    const created = await sim.call('createidentity', { identity_id: 'E-1', register_image: PHOTO });
    expect(created.status).toBe(200);
    const { face_id, register_image_id } = created.json as Record<string, string>;
    expect(created.json).toEqual({ identity_id: 'E-1', face_id, register_image_id });
    expect((await sim.call('getidentity', { identity_id: 'E-1' })).json).toEqual({
      identity_id: 'E-1',
      identity_name: '佚名',
      user_type: 'employee',
      permission_ids: [],
      ext_user_info: {},
      face_ids: [face_id],
      register_image_ids: [register_image_id],
    });
    const generated = await sim.call('createidentity', { identity_id: '', register_feature: Array(512).fill(0.1) });
    expect((generated.json as { identity_id: string }).identity_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.device.stats()).toEqual({ people: 2, faces: 2, identifiers: 2 });
  });

  it('checks createidentity arguments', async () => {
    sim = await startSophon({ seed: 'c', people: generatePeople('c', 1) });
    const code = async (body: unknown): Promise<unknown> =>
      ((await sim.call('createidentity', body)).json as { error?: { code: string } }).error?.code;
    expect(await code({ identity_id: 'x' })).toBe('MISSING_ARGUMENTS');
    expect(await code({ identity_id: 'x', register_image: PHOTO, user_type: 'boss' })).toBe('INVALID_ARGUMENTS');
    expect(await code({ identity_id: 'x', register_image: PHOTO, fiqa_level: 'max' })).toBe('INVALID_ARGUMENTS');
    expect(await code({ identity_id: 'x', register_image: PHOTO, permission_ids: 'g1' })).toBe('INVALID_ARGUMENTS');
    expect(await code({ identity_id: 'x', register_image: PHOTO, ext_user_info: [] })).toBe('INVALID_ARGUMENTS');
    expect(await code({ identity_id: 'x', register_image: PHOTO, permission_ids: ['no-such-group'] })).toBe(
      'ID_NOT_FOUND',
    );
    expect(await code({ identity_id: 'x', register_image_path: '/data/image/test.jpg' })).toBe('IMAGE_DECODE_ERROR');
    expect(await code({ identity_id: '100000', register_image: PHOTO })).toBe('ID_REPEAT_ERROR');
    expect(sim.device.stats().people).toBe(1);
  });

  it('replaces an existing person with force_replace, without counting against capacity', async () => {
    sim = await startSophon({ seed: 'f', people: generatePeople('f', 2), knobs: { capacity: 2 } });
    const replaced = await sim.call('createidentity', {
      identity_id: '100001',
      identity_name: '新人',
      register_image: PHOTO,
      force_replace: true,
    });
    expect(replaced.status).toBe(200);
    const person = (await sim.call('getidentity', { identity_id: '100001' })).json as Record<string, unknown>;
    expect(person).toMatchObject({ identity_name: '新人', face_ids: [(replaced.json as { face_id: string }).face_id] });
    expect(sim.device.stats().people).toBe(2);
  });

  it('refuses new people beyond knobs.capacity with GROUP_LEN_ERROR, and accepts them after a change', async () => {
    sim = await startSophon({ seed: 'cap', people: generatePeople('cap', 5), knobs: { capacity: 6 } });
    expect((await sim.call('createidentity', { identity_id: 'n1', register_image: PHOTO })).status).toBe(200);
    const full = await sim.call('createidentity', { identity_id: 'n2', register_image: PHOTO });
    expect(full.status).toBe(400);
    expect(full.json).toMatchObject({ error: { code: 'GROUP_LEN_ERROR', status: 'RESOURCE_EXHAUSTED' } });
    expect(sim.device.stats().people).toBe(6);
    await sim.call('deleteidentities', { identity_ids: ['n1'] });
    expect((await sim.call('createidentity', { identity_id: 'n2', register_image: PHOTO })).status).toBe(200);
    sim.device.knobs.set({ capacity: 10 });
    expect((await sim.call('createidentity', { identity_id: 'n3', register_image: PHOTO })).status).toBe(200);
    expect(sim.device.stats().people).toBe(7);
  });

  it('updateidentity overwrites every field, resetting the ones left out to their defaults', async () => {
    sim = await startSophon({ seed: 'u', people: generatePeople('u', 2) });
    await sim.call('createpermission', { permission_id: 'g1', permission_name: '一楼' });
    const before = (await sim.call('getidentity', { identity_id: '100000' })).json as Record<string, unknown>;
    const updated = await sim.call('updateidentity', {
      identity_id: '100000',
      identity_name: '小王',
      user_type: 'vip',
      permission_ids: ['g1'],
      ext_user_info: { department: '工程部' },
    });
    expect(updated.json).toEqual({
      ...before,
      identity_name: '小王',
      user_type: 'vip',
      permission_ids: ['g1'],
      ext_user_info: { department: '工程部' },
    });
    const reset = await sim.call('updateidentity', { identity_id: '100000', permission_ids: ['g1'] });
    expect(reset.json).toEqual({ ...before, identity_name: '佚名', permission_ids: ['g1'], ext_user_info: {} });
    expect((await sim.call('updateidentity', { identity_id: 'nobody' })).status).toBe(404);
    expect((await sim.call('updateidentity', { identity_id: '100000', permission_ids: ['g2'] })).json).toMatchObject({
      error: { code: 'ID_NOT_FOUND', message: '未找到的ID值: g2' },
    });
  });
});

describe('Sophon deleteidentities', () => {
  let sim: RunningSophon;
  afterEach(() => sim.close());

  it('deletes the known ids and reports the unknown ones as failed, logging what it removed', async () => {
    sim = await startSophon({ seed: 'd', people: generatePeople('d', 10) });
    const facesBefore = sim.device.stats().faces;
    const people = generatePeople('d', 10);
    const removedFaces = people[3]!.faceCount + people[5]!.faceCount;
    const answer = await sim.call('deleteidentities', { identity_ids: ['100003', 'ghost', '100005', ''] });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ success_identity_ids: ['100003', '100005'], failed_identity_ids: ['ghost', ''] });
    expect(sim.device.stats().people).toBe(8);
    expect(sim.device.stats().faces).toBe(facesBefore - removedFaces);
    expect((await sim.call('getidentity', { identity_id: '100003' })).status).toBe(404);
    const logged = sim.device.log.matching('deleteidentities').at(-1);
    expect(logged).toMatchObject({ status: 200, acknowledged: ['100003', '100005'] });
    expect(logged?.body).toEqual({ identity_ids: ['100003', 'ghost', '100005', ''] });

    const again = await sim.call('deleteidentities', { identity_ids: ['100003'] });
    expect(again.json).toEqual({ success_identity_ids: [], failed_identity_ids: ['100003'] });
    expect(sim.device.log.all().at(-1)?.acknowledged).toEqual([]);
  });

  it('walks duplicates naively: the first copy succeeds, the second fails', async () => {
    sim = await startSophon({ seed: 'd', people: generatePeople('d', 3) });
    const answer = await sim.call('deleteidentities', { identity_ids: ['100001', '100001'] });
    expect(answer.json).toEqual({ success_identity_ids: ['100001'], failed_identity_ids: ['100001'] });
    expect(sim.device.log.all().at(-1)?.acknowledged).toEqual(['100001']);
  });

  it('rejects a missing, empty, malformed or too long list without deleting anything', async () => {
    sim = await startSophon({ seed: 'd', people: generatePeople('d', 5), knobs: { maxIdsPerRequest: 3 } });
    const cases: [unknown, string][] = [
      [{}, 'MISSING_ARGUMENTS'],
      [{ identity_ids: null }, 'MISSING_ARGUMENTS'],
      [{ identity_ids: [] }, 'INVALID_ARGUMENTS'],
      [{ identity_ids: '100000' }, 'INVALID_ARGUMENTS'],
      [{ identity_ids: [100000] }, 'INVALID_ARGUMENTS'],
      [{ identity_ids: ['100000', '100001', '100002', '100003'] }, 'INVALID_ARGUMENTS'],
    ];
    for (const [body, code] of cases) {
      const answer = await sim.call('deleteidentities', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json).toMatchObject({ error: { code } });
    }
    expect(sim.device.stats().people).toBe(5);
    const atLimit = await sim.call('deleteidentities', { identity_ids: ['100000', '100001', '100002'] });
    expect(atLimit.json).toMatchObject({ success_identity_ids: ['100000', '100001', '100002'] });
  });
});
