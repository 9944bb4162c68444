import { afterEach, describe, expect, it } from 'vitest';
import type { SimServer } from '../../../../tools/sim/common/http.ts';
import type { TerminalPerson } from '../driver.ts';
import { createSophonDriver } from './index.ts';
import {
  startConstant,
  endpointOf,
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

/** The first listed person with at least `faces` faces. */
async function personWithFaces(running: RunningSophon, faces: number): Promise<TerminalPerson> {
  const { items } = await driver.session(running.endpoint, undefined).listPeople(0, 100);
  const person = items.find((item) => Number(item.extra.face_count) >= faces);
  if (!person) throw new Error(`no person with ${faces} faces in the simulator`);
  return person;
}

const split = (text: string | undefined): string[] => (text ? text.split(',') : []);

describe('removeFace', () => {
  it('removes a face by face id and answers the faces left', async () => {
    const running = await sim(30);
    const person = await personWithFaces(running, 2);
    const [first, ...rest] = split(person.extra.face_ids);
    const facesBefore = running.device.stats().faces;
    const outcome = await driver
      .session(running.endpoint, undefined)
      .removeFace(person.id, { faceId: first as string });
    expect(outcome.result).toEqual({
      id: first,
      outcome: 'removed',
      evidence: 'answer',
      rawCode: 'success',
      reason: null,
    });
    expect(outcome.facesLeft?.faceIds).toEqual(rest);
    expect(outcome.facesLeft?.total).toBe(rest.length);
    expect(outcome.facesLeft?.registerImageIds).toEqual(split(person.extra.register_image_ids).slice(1));
    expect(running.device.stats().faces).toBe(facesBefore - 1);
    expect(running.device.stats().people).toBe(30);
    expect(running.device.log.matching('deleteface')[0]?.body).toEqual({ identity_id: person.id, face_id: first });
  });

  it('removes a face by register image id, which wins when both ids are given', async () => {
    const running = await sim(30);
    const person = await personWithFaces(running, 2);
    const faceIds = split(person.extra.face_ids);
    const imageIds = split(person.extra.register_image_ids);
    const selector = { registerImageId: imageIds[1] as string, faceId: faceIds[0] as string };
    const outcome = await driver.session(running.endpoint, undefined).removeFace(person.id, selector);
    expect(outcome.result).toMatchObject({ id: imageIds[1], outcome: 'removed' });
    expect(outcome.facesLeft?.faceIds).toContain(faceIds[0]);
    expect(outcome.facesLeft?.faceIds).not.toContain(faceIds[1]);
    expect(outcome.facesLeft?.registerImageIds).not.toContain(imageIds[1]);
    expect(running.device.log.matching('deleteface')[0]?.body).toEqual({
      identity_id: person.id,
      register_image_id: imageIds[1],
    });
  });

  it('answers already-absent for an unknown face or person (ID_NOT_FOUND)', async () => {
    const running = await sim(5);
    const person = await personWithFaces(running, 1);
    const session = driver.session(running.endpoint, undefined);
    const facesBefore = running.device.stats().faces;
    for (const [identityId, selector] of [
      [person.id, { faceId: 'no-such-face' }],
      ['no-such-person', { registerImageId: 'no-such-image' }],
    ] as const) {
      const outcome = await session.removeFace(identityId, selector);
      expect(outcome.facesLeft).toBeNull();
      expect(outcome.result).toMatchObject({
        outcome: 'already-absent',
        evidence: 'not-found',
        rawCode: 'ID_NOT_FOUND',
        reason: null,
      });
    }
    expect(running.device.stats().faces).toBe(facesBefore);
  });

  it('removing the same face twice is removed, then already-absent', async () => {
    const running = await sim(5);
    const person = await personWithFaces(running, 1);
    const faceId = split(person.extra.face_ids)[0] as string;
    const session = driver.session(running.endpoint, undefined);
    expect((await session.removeFace(person.id, { faceId })).result.outcome).toBe('removed');
    expect((await session.removeFace(person.id, { faceId })).result.outcome).toBe('already-absent');
  });

  it('refuses empty ids locally', async () => {
    const running = await sim(1);
    const session = driver.session(running.endpoint, undefined);
    await expect(session.removeFace('', { faceId: 'f' })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(session.removeFace('1', { faceId: '' })).rejects.toMatchObject({ kind: 'invalid' });
    expect(running.device.log.all()).toHaveLength(0);
  });

  it('answers failed when the terminal still lists the face, and accepts the vendor table field name', async () => {
    const server = await startConstant(
      200,
      JSON.stringify({ identity_id: '1', face_ids: ['f1'], reg_pic_ids: ['r1'] }),
    );
    servers.push(server);
    const outcome = await driver.session(endpointOf(server), undefined).removeFace('1', { faceId: 'f1' });
    expect(outcome.result).toMatchObject({ outcome: 'failed', evidence: 'item-error', id: 'f1' });
    expect(outcome.facesLeft).toEqual({ faceIds: ['f1'], registerImageIds: ['r1'], total: 1 });
  });
});
