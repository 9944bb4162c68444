import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimPerson } from '../common/people.ts';
import { createSophonDevice } from './index.ts';
import { pngBase64, startSophon, type RunningSophon } from './test-client.ts';

const PHOTO = pngBase64(200, 200);

interface Faces {
  identity_id: string;
  total_face_cnt: number;
  face_ids: string[];
  register_image_ids: string[];
}

function person(identityId: string, faceCount: number): SimPerson {
  return { index: 0, name: '测试', identityId, linkId: identityId, cardNumber: '1', faceCount };
}

describe('Sophon faces', () => {
  let sim: RunningSophon;
  beforeEach(async () => {
    sim = await startSophon({ seed: 'faces', people: [person('A', 3), person('B', 1)] });
  });
  afterEach(() => sim.close());

  const facesOf = async (identityId: string): Promise<Faces> => {
    const body = (await sim.call('getidentity', { identity_id: identityId })).json as Faces;
    return {
      identity_id: identityId,
      total_face_cnt: body.face_ids.length,
      face_ids: body.face_ids,
      register_image_ids: body.register_image_ids,
    };
  };
  const without = (faces: Faces, index: number): Faces => ({
    identity_id: faces.identity_id,
    total_face_cnt: faces.total_face_cnt - 1,
    face_ids: faces.face_ids.filter((_, i) => i !== index),
    register_image_ids: faces.register_image_ids.filter((_, i) => i !== index),
  });

  it('gives generated people deterministic face and register image ids', async () => {
    const again = createSophonDevice({ seed: 'faces', people: [person('A', 3), person('B', 1)] });
    const other = await startSophon({ seed: 'faces', people: [person('A', 3)] });
    try {
      const a = await facesOf('A');
      expect(a.face_ids).toHaveLength(3);
      expect(new Set([...a.face_ids, ...a.register_image_ids]).size).toBe(6);
      expect((await other.call('getidentity', { identity_id: 'A' })).json).toMatchObject({
        face_ids: a.face_ids,
        register_image_ids: a.register_image_ids,
      });
      expect(again.stats()).toEqual({ people: 2, faces: 4, identifiers: 2 });
    } finally {
      await other.close();
    }
  });

  it('deletes a face by face_id and answers the faces left', async () => {
    const before = await facesOf('A');
    const answer = await sim.call('deleteface', { identity_id: 'A', face_id: before.face_ids[1] });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(without(before, 1));
    expect(await facesOf('A')).toEqual(without(before, 1));
    expect(sim.device.stats().faces).toBe(3);
    expect(sim.device.log.matching('deleteface').at(-1)?.acknowledged).toEqual([before.face_ids[1]]);
  });

  it('deletes a face by register_image_id', async () => {
    const before = await facesOf('A');
    const answer = await sim.call('deleteface', { identity_id: 'A', register_image_id: before.register_image_ids[2] });
    expect(answer.json).toEqual(without(before, 2));
  });

  it('lets register_image_id win when both ids are given', async () => {
    const before = await facesOf('A');
    const answer = await sim.call('deleteface', {
      identity_id: 'A',
      register_image_id: before.register_image_ids[0],
      face_id: before.face_ids[2],
    });
    expect(answer.json).toEqual(without(before, 0));
    // Even a face_id that does not exist is ignored when register_image_id is given.
    const next = await sim.call('deleteface', {
      identity_id: 'A',
      register_image_id: before.register_image_ids[1],
      face_id: 'no-such-face',
    });
    expect((next.json as Faces).total_face_cnt).toBe(1);
  });

  it('answers ID_NOT_FOUND for an unknown person or face, and for a face of someone else', async () => {
    const b = await facesOf('B');
    const cases: [unknown, string][] = [
      [{ identity_id: 'Z', face_id: b.face_ids[0] }, '未找到的ID值: Z'],
      [{ identity_id: 'A', face_id: 'no-such-face' }, '未找到的ID值: no-such-face'],
      [{ identity_id: 'A', face_id: b.face_ids[0] }, `未找到的ID值: ${b.face_ids[0]}`],
      [{ identity_id: 'A', register_image_id: b.register_image_ids[0] }, `未找到的ID值: ${b.register_image_ids[0]}`],
    ];
    for (const [body, message] of cases) {
      const answer = await sim.call('deleteface', body);
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual({ error: { code: 'ID_NOT_FOUND', message, status: 'NOT_FOUND' } });
    }
    expect(sim.device.stats().faces).toBe(4);
    expect((await sim.call('deleteface', { face_id: b.face_ids[0] })).json).toMatchObject({
      error: { code: 'MISSING_ARGUMENTS', message: '缺失参数的名称: identity_id' },
    });
  });

  it('may delete the last face of a person', async () => {
    const b = await facesOf('B');
    const answer = await sim.call('deleteface', { identity_id: 'B', face_id: b.face_ids[0] });
    expect(answer.json).toEqual({ identity_id: 'B', total_face_cnt: 0, face_ids: [], register_image_ids: [] });
    expect(sim.device.stats()).toEqual({ people: 2, faces: 3, identifiers: 2 });
  });

  it('adds a face at the end', async () => {
    const before = await facesOf('B');
    const answer = await sim.call('addface', { identity_id: 'B', register_image: `data:image/png;base64,${PHOTO}` });
    const after = answer.json as Faces;
    expect(after.total_face_cnt).toBe(2);
    expect(after.face_ids.slice(0, 1)).toEqual(before.face_ids);
    expect(after.register_image_ids.slice(0, 1)).toEqual(before.register_image_ids);
    expect((await sim.call('addface', { identity_id: 'Z', register_image: PHOTO })).status).toBe(404);
    expect((await sim.call('addface', { identity_id: 'B' })).json).toMatchObject({
      error: { code: 'MISSING_ARGUMENTS' },
    });
  });

  it('replaces a face in place, chosen by index, register_image_id or face_id', async () => {
    const before = await facesOf('A');
    const byIndex = (
      await sim.call('replaceface', { identity_id: 'A', register_image_index: 1, register_image: PHOTO })
    ).json as Faces;
    expect(byIndex.total_face_cnt).toBe(3);
    expect(byIndex.face_ids[0]).toBe(before.face_ids[0]);
    expect(byIndex.face_ids[1]).not.toBe(before.face_ids[1]);
    expect(byIndex.face_ids[2]).toBe(before.face_ids[2]);

    const byImage = (
      await sim.call('replaceface', {
        identity_id: 'A',
        register_image_id: before.register_image_ids[2],
        register_image: PHOTO,
      })
    ).json as Faces;
    expect(byImage.register_image_ids[2]).not.toBe(before.register_image_ids[2]);

    const byFace = (
      await sim.call('replaceface', { identity_id: 'A', face_id: before.face_ids[0], register_image: PHOTO })
    ).json as Faces;
    expect(byFace.face_ids.some((id) => before.face_ids.includes(id))).toBe(false);

    const errors: [unknown, string][] = [
      [{ identity_id: 'A', register_image: PHOTO }, 'MISSING_ARGUMENTS'],
      [{ identity_id: 'A', register_image_index: 3, register_image: PHOTO }, 'INVALID_ARGUMENTS'],
      [{ identity_id: 'A', face_id: 'gone', register_image: PHOTO }, 'ID_NOT_FOUND'],
      [{ identity_id: 'A', register_image_index: 0, register_image: '%%%' }, 'IMAGE_DECODE_ERROR'],
    ];
    for (const [body, code] of errors) {
      expect((await sim.call('replaceface', body)).json).toMatchObject({ error: { code } });
    }
    expect((await facesOf('A')).face_ids).toEqual(byFace.face_ids);
  });
});
