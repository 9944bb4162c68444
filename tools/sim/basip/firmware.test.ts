import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { md5Hex } from './auth.ts';
import { apiLevelOf } from './info.ts';
import { BASIP_PORT, createBasipDevice } from './index.ts';
import { md5, startPanel, type PanelHarness } from './test-kit.ts';

const people = generatePeople('firmware', 12);

describe('BAS-IP panel: identification and firmware levels', () => {
  let panel: PanelHarness | undefined;
  afterEach(async () => {
    await panel?.close();
    panel = undefined;
  });

  it('maps firmware versions to API levels (3.9 and later speak /api/v1)', () => {
    expect(apiLevelOf('3.9.0')).toBe('v1');
    expect(apiLevelOf('3.10.2')).toBe('v1');
    expect(apiLevelOf('4.0')).toBe('v1');
    expect(apiLevelOf('3.8.9')).toBe('v0');
    expect(apiLevelOf('3.7.0')).toBe('v0');
    expect(apiLevelOf('2.5.1')).toBe('v0');
    expect(md5Hex('123456')).toBe('e10adc3949ba59abbe56e057f20f883e');
    expect(BASIP_PORT).toBe(80);
  });

  it('describes itself on /api/info and /api/v1/info without login', async () => {
    panel = await startPanel({ people, serial: 'SN-0042', model: 'AA-07FB', firmware: '3.9.4' });
    expect(panel.device.info).toEqual({ vendor: 'basip', model: 'AA-07FB', serial: 'SN-0042', firmware: '3.9.4' });
    expect(panel.device.apiLevel).toBe('v1');
    for (const path of ['/api/info', '/api/v1/info']) {
      const reply = await panel.call('GET', path);
      expect(reply.status).toBe(200);
      expect(reply.json).toMatchObject({
        firmware_version: '3.9.4',
        api_version: expect.stringMatching(/^2\./),
        device_model: 'AA-07FB',
        device_serial_number: 'SN-0042',
      });
    }
    expect((await panel.call('GET', '/api/v0/info')).status).toBe(404);
    expect((await panel.call('GET', `/api/v0/login?username=admin&password=${md5('123456')}`)).status).toBe(404);
  });

  it('derives a stable default serial from the seed', () => {
    const a = createBasipDevice({ people: [], seed: 'site' });
    const b = createBasipDevice({ people: [], seed: 'site' });
    const c = createBasipDevice({ people: [], seed: 'other' });
    expect(a.info.serial).toMatch(/^[0-9A-F]{12}$/);
    expect(a.info.serial).toBe(b.info.serial);
    expect(a.info.serial).not.toBe(c.info.serial);
    expect(a.info.firmware).toBe('3.9.1');
  });

  it('speaks /api/v0 only on firmware before 3.9', async () => {
    panel = await startPanel({ people, firmware: '3.7.0' });
    expect(panel.device.apiLevel).toBe('v0');
    const info = await panel.call('GET', '/api/info');
    expect(info.json).toMatchObject({ firmware_version: '3.7.0', api_version: expect.stringMatching(/^1\./) });
    expect((await panel.call('GET', '/api/v0/info')).status).toBe(200);
    const token = await panel.login('123456', 'v0');
    for (const [method, path] of [
      ['GET', `/api/v1/login?username=admin&password=${md5('123456')}`],
      ['GET', '/api/v1/info'],
      ['GET', '/api/v1/access/identifier/items?limit=10&page_number=1'],
      ['DELETE', '/api/v1/access/identifier/items/link'],
    ] as const) {
      const body = method === 'GET' ? undefined : { link_ids: [people[0]?.linkId] };
      const reply = await panel.call(method, path, { token, body });
      expect(reply.status, path).toBe(404);
    }
    expect(panel.device.stats().people).toBe(12);
    const bad = await panel.call('GET', `/api/v0/login?username=admin&password=${md5('wrong')}`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: 'Wrong login or password' });
  });
});
