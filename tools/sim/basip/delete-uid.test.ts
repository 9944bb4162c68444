import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { startPanel, type PanelHarness } from './test-kit.ts';

const ITEMS = '/api/v1/access/identifier/items';
const people = generatePeople('delete-uid', 30);

describe('BAS-IP panel: delete identifiers by uid', () => {
  let panel: PanelHarness;
  let token: string;
  beforeEach(async () => {
    panel = await startPanel({ people, seed: 'delete-uid', knobs: { maxIdsPerRequest: 5 } });
    token = await panel.login();
  });
  afterEach(() => panel.close());

  it('deletes the given uids, skips unknown ones and answers 200 with an empty body', async () => {
    const items = panel.device.identifiers();
    const cardOnly = people.find((p) => p.faceCount !== 3);
    const withFace = people.find((p) => p.faceCount === 3);
    const card = items.find((i) => i.link_id === cardOnly?.linkId);
    // Seeded faces follow their owner's card, so the face's uid is the card's plus one.
    const faceUid = (items.find((i) => i.link_id === withFace?.linkId)?.identifier_uid ?? 0) + 1;
    expect(items.find((i) => i.identifier_uid === faceUid)?.identifier_type).toBe('face_id');
    const targets = [card?.identifier_uid, 99_999, faceUid, card?.identifier_uid] as number[];
    const before = panel.device.stats();
    const reply = await panel.call('DELETE', ITEMS, { token, body: { uid_items: targets } });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(reply.headers.get('content-type')).toBeNull();
    expect(panel.device.stats()).toEqual({
      people: before.people - 1, // one person lost their only card; the face owner keeps their card
      faces: before.faces - 1,
      identifiers: before.identifiers - 2,
    });
    const left = new Set(panel.device.identifiers().map((i) => i.identifier_uid));
    expect(left.has(targets[0] as number) || left.has(targets[2] as number)).toBe(false);
    expect(panel.device.log.matching(ITEMS).at(-1)).toMatchObject({
      method: 'DELETE',
      status: 200,
      acknowledged: [String(targets[0]), String(targets[2])],
    });
  });

  it('never reuses a deleted uid', async () => {
    const last = panel.device.identifiers().at(-1)?.identifier_uid as number;
    await panel.call('DELETE', ITEMS, { token, body: { uid_items: [last] } });
    const link = '3f1d2c4b-5a69-4788-9abc-def012345678';
    await panel.call('POST', `${ITEMS}/link`, {
      token,
      body: { list_items: [{ link_id: link, identifier_type: 'card', identifier_number: '4242' }] },
    });
    expect(panel.device.identifiers().find((i) => i.link_id === link)?.identifier_uid).toBe(last + 1);
  });

  it('answers the vendor 400 bodies for a bad body and deletes nothing', async () => {
    const before = panel.device.stats();
    const cases: Array<[unknown, string]> = [
      [{}, 'Wrong JSON body: no value for `uid_items`'],
      [{ uid_items: 'all' }, 'Wrong JSON body: value `uid_items` was of the wrong type'],
      [{ uid_items: ['1'] }, 'Wrong JSON body: value `uid_items` was of the wrong type'],
      [{ uid_items: [1.5] }, 'Wrong JSON body: value `uid_items` was of the wrong type'],
      [{ uid_items: [1, 2, 3, 4, 5, 6] }, 'Wrong JSON body'],
      ['[1]', 'Wrong JSON body'],
    ];
    for (const [body, error] of cases) {
      const reply = await panel.call(
        'DELETE',
        ITEMS,
        typeof body === 'string' ? { token, raw: body } : { token, body },
      );
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ error });
    }
    const textPlain = await panel.call('DELETE', ITEMS, { token, body: { uid_items: [1] }, contentType: 'text/plain' });
    expect(textPlain.json).toEqual({ error: 'Wrong JSON body' });
    expect(panel.device.stats()).toEqual(before);
  });
});
