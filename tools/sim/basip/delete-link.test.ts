import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { startPanel, type PanelHarness } from './test-kit.ts';

const LINK = '/api/v1/access/identifier/items/link';
const LEGACY = '/api/v1/access/identifiers/link/delete';
const people = generatePeople('delete-link', 40);
const ids = people.map((p) => p.linkId);
const STRANGER = '91c615e3-1040-4815-8ecb-039a18b756b5';

describe('BAS-IP panel: delete identifiers by link id', () => {
  let panel: PanelHarness;
  let token: string;
  beforeEach(async () => {
    panel = await startPanel({ people, seed: 'delete-link', knobs: { maxIdsPerRequest: 10 } });
    token = await panel.login();
  });
  afterEach(() => panel.close());

  it('deletes known ids and reports unknown ones, one entry per id in request order', async () => {
    const before = panel.device.stats();
    const request = [ids[3], STRANGER, ids[0], ids[3], ids[7]] as string[];
    const reply = await panel.call('DELETE', LINK, { token, body: { link_ids: request } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.json).toEqual({
      result: [
        { link_id: ids[3], success: true, extended_info: 'deleted' },
        { link_id: STRANGER, success: false, extended_info: 'entity_not_found' },
        { link_id: ids[0], success: true, extended_info: 'deleted' },
        { link_id: ids[3], success: false, extended_info: 'entity_not_found' },
        { link_id: ids[7], success: true, extended_info: 'deleted' },
      ],
    });
    expect(panel.device.stats().identifiers).toBe(before.identifiers - 3);
    const left = new Set(panel.device.identifiers().map((i) => i.link_id));
    expect([ids[0], ids[3], ids[7]].some((id) => left.has(id as string))).toBe(false);
    expect(left.has(ids[1] as string)).toBe(true);
    const [logged] = panel.device.log.matching('/items/link');
    expect(logged).toMatchObject({ method: 'DELETE', status: 200, acknowledged: [ids[3], ids[0], ids[7]] });
    expect(logged?.body).toEqual({ link_ids: request });
  });

  it('parses link ids as UUIDs: upper-case ids match and come back lower-case', async () => {
    const reply = await panel.call('DELETE', LINK, { token, body: { link_ids: [ids[5]?.toUpperCase()] } });
    expect(reply.json).toEqual({ result: [{ link_id: ids[5], success: true, extended_info: 'deleted' }] });
  });

  it('answers an empty result for an empty list', async () => {
    const reply = await panel.call('DELETE', LINK, { token, body: { link_ids: [] } });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ result: [] });
  });

  it('answers the vendor 400 bodies and deletes nothing', async () => {
    const before = panel.device.stats();
    const cases: Array<[string, Parameters<PanelHarness['call']>[2], string]> = [
      ['no body', { token }, 'Wrong JSON body'],
      ['empty body', { token, raw: '' }, 'Wrong JSON body'],
      ['bad JSON', { token, raw: '{"link_ids": [' }, 'Wrong JSON body'],
      ['array body', { token, body: [ids[0]] }, 'Wrong JSON body'],
      ['text/plain', { token, body: { link_ids: [ids[0]] }, contentType: 'text/plain' }, 'Wrong JSON body'],
      ['no content type', { token, body: { link_ids: [ids[0]] }, contentType: null }, 'Wrong JSON body'],
      ['form', { token, raw: 'link_ids=x', contentType: 'application/x-www-form-urlencoded' }, 'Wrong JSON body'],
      ['missing field', { token, body: { ids: [ids[0]] } }, 'Wrong JSON body: no value for `link_ids`'],
      ['null field', { token, body: { link_ids: null } }, 'Wrong JSON body: no value for `link_ids`'],
      [
        'string field',
        { token, body: { link_ids: ids[0] } },
        'Wrong JSON body: value `link_ids` was of the wrong type',
      ],
      [
        'not a uuid',
        { token, body: { link_ids: [ids[0], 'abc'] } },
        'Wrong JSON body: value `link_ids` was of the wrong type',
      ],
      ['number', { token, body: { link_ids: [42] } }, 'Wrong JSON body: value `link_ids` was of the wrong type'],
      ['too many', { token, body: { link_ids: ids.slice(0, 11) } }, 'Wrong JSON body'],
    ];
    for (const [name, options, error] of cases) {
      const reply = await panel.call('DELETE', LINK, options);
      expect(reply.status, name).toBe(400);
      expect(reply.json, name).toEqual({ error });
    }
    expect(panel.device.stats()).toEqual(before);
    expect(panel.device.log.matching('/items/link').every((e) => e.acknowledged === undefined)).toBe(true);
  });

  it('accepts application/json with a charset and exactly maxIdsPerRequest ids', async () => {
    const reply = await panel.call('DELETE', LINK, {
      token,
      body: { link_ids: ids.slice(0, 10) },
      contentType: 'application/json; charset=utf-8',
    });
    expect(reply.status).toBe(200);
    expect((reply.json as { result: unknown[] }).result).toHaveLength(10);
  });

  it('serves the older Android-panel route only when asked to', async () => {
    const missing = await panel.call('POST', LEGACY, { token, body: { link_ids: [ids[0]] } });
    expect(missing.status).toBe(404);
    expect(panel.device.identifiers().some((i) => i.link_id === ids[0])).toBe(true);
    await panel.close();

    panel = await startPanel({ people, androidLegacyRoutes: true });
    token = await panel.login();
    const reply = await panel.call('POST', LEGACY, { token, body: { link_ids: [ids[0], STRANGER] } });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      result: [
        { link_id: ids[0], success: true, extended_info: 'deleted' },
        { link_id: STRANGER, success: false, extended_info: 'entity_not_found' },
      ],
    });
    expect((await panel.call('DELETE', LEGACY, { token, body: { link_ids: [ids[1]] } })).status).toBe(405);
    expect(panel.device.log.matching('/link/delete')[0]?.acknowledged).toEqual([ids[0]]);
  });

  it('speaks the coded error style when configured', async () => {
    await panel.close();
    panel = await startPanel({ people, errorStyle: 'coded' });
    token = await panel.login();
    const missing = await panel.call('DELETE', LINK, { token, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ error: { code: 'not_valid', message: 'Wrong JSON body: no value for `link_ids`' } });
    const wrong = await panel.call('DELETE', LINK, { token, body: { link_ids: ['nope'] } });
    expect(wrong.json).toEqual({
      error: { code: 'not_valid', message: 'Wrong JSON body: value `link_ids` was of the wrong type' },
    });
    const noBody = await panel.call('DELETE', LINK, { token });
    expect(noBody.json).toEqual({ error: { code: 'not_valid', message: 'Wrong JSON body' } });
  });
});
