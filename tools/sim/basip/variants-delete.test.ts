import { afterEach, describe, expect, it } from 'vitest';
import type { FirmwareVariant } from '../common/knobs.ts';
import { generatePeople } from '../common/people.ts';
import { startPanel, type PanelHarness } from './test-kit.ts';

const ITEMS = '/api/v1/access/identifier/items';
const LINK = `${ITEMS}/link`;
const people = generatePeople('variants-delete', 20);
const STRANGER = '91c615e3-1040-4815-8ecb-039a18b756b5';

describe('BAS-IP panel firmware variants: deletes', () => {
  let panel: PanelHarness;
  afterEach(() => panel.close());

  async function start(variants: FirmwareVariant[], errorStyle: 'legacy' | 'coded' = 'legacy'): Promise<string> {
    panel = await startPanel({ people, seed: 'variants-delete', knobs: { variants }, errorStyle });
    return panel.login();
  }

  /** Two present uids and one the panel never held. */
  function uids(): [number, number, number] {
    const items = panel.device.identifiers();
    return [items[2]?.identifier_uid as number, items[5]?.identifier_uid as number, 99_999];
  }

  for (const variants of [[], ['uid-delete-empty']] as FirmwareVariant[][]) {
    it(`uid-delete-empty is the default: 200 with an empty body (variants: [${variants.join()}])`, async () => {
      const token = await start(variants);
      const [a, b, never] = uids();
      const reply = await panel.call('DELETE', ITEMS, { token, body: { uid_items: [a, never, b] } });
      expect(reply.status).toBe(200);
      expect(reply.text).toBe('');
      expect(panel.device.identifiers().some((i) => i.identifier_uid === a || i.identifier_uid === b)).toBe(false);
    });
  }

  it('uid-delete-result: one result entry per uid in request order, a repeat deleted once', async () => {
    const token = await start(['uid-delete-result']);
    const [a, b, never] = uids();
    const before = panel.device.stats().identifiers;
    const reply = await panel.call('DELETE', ITEMS, { token, body: { uid_items: [a, never, b, a] } });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      result: [
        { identifier_uid: a, success: true, extended_info: 'deleted' },
        { identifier_uid: never, success: false, extended_info: 'entity_not_found' },
        { identifier_uid: b, success: true, extended_info: 'deleted' },
        { identifier_uid: a, success: false, extended_info: 'entity_not_found' },
      ],
    });
    expect(panel.device.stats().identifiers).toBe(before - 2);
    expect(panel.device.log.matching(ITEMS).at(-1)?.acknowledged).toEqual([String(a), String(b)]);
  });

  it('link-id-null: every entry of a link answer says link_id null; the deletes still happen', async () => {
    const token = await start(['link-id-null']);
    const [first, second] = people.map((p) => p.linkId);
    const reply = await panel.call('DELETE', LINK, { token, body: { link_ids: [first, STRANGER] } });
    expect(reply.json).toEqual({
      result: [
        { link_id: null, success: true, extended_info: 'deleted' },
        { link_id: null, success: false, extended_info: 'entity_not_found' },
      ],
    });
    expect(panel.device.identifiers().some((i) => i.link_id === first)).toBe(false);
    expect(panel.device.log.matching(LINK).at(-1)?.acknowledged).toEqual([first]);
    const upsert = await panel.call('POST', LINK, {
      token,
      body: { list_items: [{ link_id: second, identifier_type: 'card', identifier_number: '4242' }] },
    });
    expect(upsert.json).toEqual({ result: [{ link_id: null, success: true, extended_info: 'updated' }] });
  });

  it('list-400: a delete naming one unknown id is refused whole and deletes nothing; known ids alone go through', async () => {
    const token = await start(['list-400']);
    const before = panel.device.stats();
    const [a, b, never] = uids();
    const [first, second] = people.map((p) => p.linkId);
    const byUid = await panel.call('DELETE', ITEMS, { token, body: { uid_items: [a, never, b] } });
    const byLink = await panel.call('DELETE', LINK, { token, body: { link_ids: [first, STRANGER, second] } });
    for (const reply of [byUid, byLink]) {
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ error: 'Wrong JSON body' });
    }
    expect(panel.device.stats()).toEqual(before);
    expect(panel.device.log.all().every((e) => e.acknowledged === undefined || e.acknowledged.length === 0)).toBe(true);

    expect((await panel.call('DELETE', ITEMS, { token, body: { uid_items: [a, b] } })).status).toBe(200);
    const known = await panel.call('DELETE', LINK, { token, body: { link_ids: [first] } });
    expect(known.json).toEqual({ result: [{ link_id: first, success: true, extended_info: 'deleted' }] });
    expect(panel.device.stats().identifiers).toBe(before.identifiers - 3);
  });

  it('list-400 speaks the coded error style too', async () => {
    const token = await start(['list-400'], 'coded');
    const reply = await panel.call('DELETE', LINK, { token, body: { link_ids: [STRANGER] } });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: { code: 'not_valid', message: 'Wrong JSON body' } });
  });
});
