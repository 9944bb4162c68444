import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import type { BasipIdentifier } from './index.ts';
import { startPanel, type PanelHarness } from './test-kit.ts';
import { HTML_PAGE } from './variants.ts';

const ITEMS = '/api/v1/access/identifier/items';
const people = generatePeople('variants-answers', 40);

interface ListBody {
  list_option: { pagination: Record<string, number> };
  list_items: Array<Record<string, unknown>>;
}

describe('BAS-IP panel firmware variants: answers', () => {
  let panel: PanelHarness;
  afterEach(() => panel.close());

  async function list(token: string, limit: number, page: number): Promise<ListBody> {
    const reply = await panel.call('GET', `${ITEMS}?limit=${limit}&page_number=${page}`, { token });
    expect(reply.status).toBe(200);
    return reply.json as ListBody;
  }

  it('html-200: unknown paths answer 200 with an HTML page; known paths and 405 are unchanged', async () => {
    panel = await startPanel({ people, firmware: '3.7.0', knobs: { variants: ['html-200'] } });
    for (const path of ['/api/v1/info', '/api/v1/login?username=admin&password=x', '/nowhere']) {
      const reply = await panel.call('GET', path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
      expect(reply.text).toBe(HTML_PAGE);
    }
    expect((await panel.call('GET', '/api/v0/info')).json).toMatchObject({ firmware_version: '3.7.0' });
    expect((await panel.call('POST', '/api/info')).status).toBe(405);
  });

  it('without html-200 an unknown path is still a plain 404', async () => {
    panel = await startPanel({ people });
    const reply = await panel.call('GET', '/nowhere');
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('numeric-values: numbers in display fields of lists and device info; uid and link_id keep their types', async () => {
    const numericPeople = people.map((p, i) => (i === 0 ? { ...p, name: '1203' } : p));
    const options = { people: numericPeople, serial: '202405170001', model: '2019', firmware: '4.1' };
    panel = await startPanel({ ...options, knobs: { variants: ['numeric-values'] } });
    const token = await panel.login();
    const [card] = (await list(token, 10, 1)).list_items;
    const stored = panel.device.identifiers()[0] as BasipIdentifier;
    expect(card).toEqual({
      ...stored,
      identifier_number: Number(stored.identifier_number),
      identifier_type: 1,
      identifier_owner: { name: 1203, type: 1 },
    });
    expect(typeof card?.link_id).toBe('string');
    expect(typeof card?.identifier_uid).toBe('number');
    expect((await panel.call('GET', '/api/info')).json).toMatchObject({
      firmware_version: 4.1,
      api_version: 2.4,
      framework_version: 1.4,
      device_model: 2019,
      device_serial_number: 202405170001,
      device_name: '2019 entrance panel',
    });
  });

  it('numeric-values keeps texts that would not survive as numbers (leading zeros, dotted versions)', async () => {
    const options = { people, serial: '0042', firmware: '3.9.1', knobs: { variants: ['numeric-values' as const] } };
    panel = await startPanel(options);
    expect((await panel.call('GET', '/api/info')).json).toMatchObject({
      firmware_version: '3.9.1',
      device_serial_number: '0042',
      device_model: 'AA-12FB',
    });
  });

  it('no-totals: the pagination block carries neither total_items nor total_pages', async () => {
    panel = await startPanel({ people, knobs: { variants: ['no-totals'] } });
    const token = await panel.login();
    const body = await list(token, 10, 2);
    expect(body.list_option).toEqual({ pagination: { items_limit: 10, current_page: 2 } });
    expect(body.list_items.map((i) => i.identifier_uid)).toEqual(
      panel.device
        .identifiers()
        .slice(10, 20)
        .map((i) => i.identifier_uid),
    );
  });

  it('pageCap: pages hold at most pageCap rows, silently, offset by the capped size; the total stays true', async () => {
    panel = await startPanel({ people, knobs: { pageCap: 7 } });
    const token = await panel.login();
    const all = panel.device.identifiers().map((i) => i.identifier_uid);
    const second = await list(token, 50, 2);
    expect(second.list_option.pagination).toEqual({
      total_items: all.length,
      items_limit: 50,
      total_pages: Math.ceil(all.length / 50),
      current_page: 2,
    });
    expect(second.list_items.map((i) => i.identifier_uid)).toEqual(all.slice(7, 14));
    // Every limit above the cap gives the capped size; a limit under the cap is not affected.
    expect((await list(token, 10, 2)).list_items.map((i) => i.identifier_uid)).toEqual(all.slice(7, 14));
    panel.device.knobs.set({ pageCap: 20 });
    expect((await list(token, 10, 2)).list_items.map((i) => i.identifier_uid)).toEqual(all.slice(10, 20));
    expect((await list(token, 30, 2)).list_items.map((i) => i.identifier_uid)).toEqual(all.slice(20, 40));
  });

  it('info-behind-login: every info path answers 401 "Log In" without a valid token, the info with one', async () => {
    panel = await startPanel({ people, knobs: { variants: ['info-behind-login'] } });
    for (const path of ['/api/info', '/api/v1/info']) {
      const anonymous = await panel.call('GET', path);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.json).toEqual({ error: 'Log In' });
      expect((await panel.call('GET', path, { token: 'not-issued' })).status, path).toBe(401);
    }
    const token = await panel.login();
    const info = await panel.call('GET', '/api/v1/info', { token });
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ device_serial_number: panel.device.info.serial });
    panel.device.knobs.set({ variants: [] });
    expect((await panel.call('GET', '/api/info')).status).toBe(200);
  });
});
