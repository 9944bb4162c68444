import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { startPanel, type PanelHarness } from './test-kit.ts';

const LINK = '/api/v1/access/identifier/items/link';
const people = generatePeople('upsert', 10);
const NEW = [
  '0b6a3d8e-1c2f-4a5b-9c8d-7e6f5a4b3c2d',
  '1c7b4e9f-2d3a-4b6c-8d9e-8f7a6b5c4d3e',
  '2d8c5fa0-3e4b-4c7d-9eaf-9a8b7c6d5e4f',
];
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]).toString('base64');

function card(linkId: string, number: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { link_id: linkId, identifier_type: 'card', identifier_number: number, ...extra };
}

describe('BAS-IP panel: create or update identifiers by link id', () => {
  let panel: PanelHarness;
  let token: string;
  beforeEach(async () => {
    panel = await startPanel({ people, seed: 'upsert' });
    token = await panel.login();
  });
  afterEach(() => panel.close());

  it('creates new identifiers and updates existing ones, keeping their uid', async () => {
    const existing = panel.device.identifiers().find((i) => i.link_id === people[2]?.linkId);
    const maxUid = Math.max(...panel.device.identifiers().map((i) => i.identifier_uid));
    const owner = { name: 'Zoë O’Brien', type: 'guest' };
    const reply = await panel.call('POST', LINK, {
      token,
      body: {
        list_items: [
          card(NEW[0] as string, '12345678', { identifier_owner: owner, lock: 'second' }),
          card(people[2]?.linkId as string, '87654321', { identifier_owner: { name: 'Renamed', type: 'owner' } }),
        ],
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      result: [
        { link_id: NEW[0], success: true, extended_info: 'created' },
        { link_id: people[2]?.linkId, success: true, extended_info: 'updated' },
      ],
    });
    const created = panel.device.identifiers().find((i) => i.link_id === NEW[0]);
    expect(created).toMatchObject({
      identifier_uid: maxUid + 1,
      identifier_type: 'card',
      identifier_number: '12345678',
      identifier_owner: owner,
      lock: 'second',
      valid: { time: { is_permanent: true }, passes: { is_permanent: true } },
    });
    const updated = panel.device.identifiers().find((i) => i.link_id === people[2]?.linkId);
    expect(updated).toMatchObject({
      identifier_uid: existing?.identifier_uid,
      identifier_number: '87654321',
      identifier_owner: { name: 'Renamed' },
    });
    expect(panel.device.stats().people).toBe(11);
  });

  it('refuses a number that another identifier of the same type holds', async () => {
    const taken = people[0]?.cardNumber as string;
    const reply = await panel.call('POST', LINK, {
      token,
      body: { list_items: [card(NEW[0] as string, taken), card(people[0]?.linkId as string, taken)] },
    });
    expect(reply.json).toEqual({
      result: [
        { link_id: NEW[0], success: false, extended_info: 'number_taken_by_another_identifier' },
        { link_id: people[0]?.linkId, success: true, extended_info: 'updated' },
      ],
    });
  });

  it('stops creating at knobs.capacity, and a capacity change applies at once', async () => {
    const size = panel.device.stats().identifiers;
    panel.device.knobs.set({ capacity: size + 1 });
    const body = {
      list_items: [
        card(NEW[0] as string, '1001'),
        card(NEW[1] as string, '1002'),
        card(people[1]?.linkId as string, '1003'),
      ],
    };
    const reply = await panel.call('POST', LINK, { token, body });
    expect(reply.json).toEqual({
      result: [
        { link_id: NEW[0], success: true, extended_info: 'created' },
        { link_id: NEW[1], success: false, extended_info: 'number_of_identifiers_exceeded' },
        { link_id: people[1]?.linkId, success: true, extended_info: 'updated' },
      ],
    });
    expect(panel.device.stats().identifiers).toBe(size + 1);
    panel.device.knobs.set({ capacity: size + 2 });
    const again = await panel.call('POST', LINK, { token, body: { list_items: [card(NEW[1] as string, '1002')] } });
    expect(again.json).toEqual({ result: [{ link_id: NEW[1], success: true, extended_info: 'created' }] });
  });

  it('creates face identifiers from a JPEG face_image and rejects bad images', async () => {
    const faces = panel.device.stats().faces;
    const face = (linkId: string, image: string) => ({
      link_id: linkId,
      identifier_type: 'face_id',
      face_image: image,
    });
    const reply = await panel.call('POST', LINK, {
      token,
      body: {
        list_items: [
          face(NEW[0] as string, JPEG),
          face(NEW[1] as string, 'not base64!'),
          face(NEW[2] as string, 'iVBORw0KGgo='),
        ],
      },
    });
    expect(reply.json).toEqual({
      result: [
        { link_id: NEW[0], success: true, extended_info: 'created' },
        { link_id: NEW[1], success: false, extended_info: 'bad_base_64_image_file' },
        { link_id: NEW[2], success: false, extended_info: 'face_has_not_recognized' },
      ],
    });
    expect(panel.device.stats().faces).toBe(faces + 1);
  });

  it('refuses malformed requests as a whole with the vendor 400 bodies', async () => {
    const before = panel.device.stats();
    const cases: Array<[unknown, string]> = [
      [{}, 'Wrong JSON body: no value for `list_items`'],
      [{ list_items: {} }, 'Wrong JSON body: value `list_items` was of the wrong type'],
      [{ list_items: ['x'] }, 'Wrong JSON body: value `list_items` was of the wrong type'],
      [
        { list_items: [card(NEW[0] as string, '1'), { identifier_type: 'card', identifier_number: '2' }] },
        'Wrong JSON body: no value for `link_id`',
      ],
      [{ list_items: [card('not-a-uuid', '1')] }, 'Wrong JSON body: value `link_id` was of the wrong type'],
      [
        { list_items: [{ link_id: NEW[0], identifier_number: '1' }] },
        'Wrong JSON body: no value for `identifier_type`',
      ],
      [
        { list_items: [{ link_id: NEW[0], identifier_type: 'iris', identifier_number: '1' }] },
        'Wrong JSON body: value `identifier_type` was of the wrong type',
      ],
      [
        { list_items: [{ link_id: NEW[0], identifier_type: 'card' }] },
        'Wrong JSON body: no value for `identifier_number`',
      ],
      [
        { list_items: [card(NEW[0] as string, '12345678901')] },
        'Wrong JSON body: value `identifier_number` was of the wrong type',
      ],
      [
        { list_items: [{ ...card(NEW[0] as string, '1'), identifier_number: 1 }] },
        'Wrong JSON body: value `identifier_number` was of the wrong type',
      ],
      [
        { list_items: [card(NEW[0] as string, '1', { lock: 'third' })] },
        'Wrong JSON body: value `lock` was of the wrong type',
      ],
      [
        { list_items: [card(NEW[0] as string, '1', { identifier_owner: { name: 'x', type: 'boss' } })] },
        'Wrong JSON body: value `identifier_owner` was of the wrong type',
      ],
    ];
    for (const [body, error] of cases) {
      const reply = await panel.call('POST', LINK, { token, body });
      expect(reply.status, error).toBe(400);
      expect(reply.json).toEqual({ error });
    }
    expect(panel.device.stats()).toEqual(before);
  });

  it('accepts hex card numbers and refuses more than maxIdsPerRequest items', async () => {
    const ok = await panel.call('POST', LINK, { token, body: { list_items: [card(NEW[0] as string, 'AB:CD:EF:01')] } });
    expect(ok.json).toEqual({ result: [{ link_id: NEW[0], success: true, extended_info: 'created' }] });
    panel.device.knobs.set({ maxIdsPerRequest: 1 });
    const tooMany = await panel.call('POST', LINK, {
      token,
      body: { list_items: [card(NEW[1] as string, '5'), card(NEW[2] as string, '6')] },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toEqual({ error: 'Wrong JSON body' });
  });
});
