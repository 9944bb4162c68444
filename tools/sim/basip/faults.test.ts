import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { md5, startPanel, type PanelHarness } from './test-kit.ts';

const LIST = '/api/v1/access/identifier/items?limit=10&page_number=1';
const LINK = '/api/v1/access/identifier/items/link';
const people = generatePeople('faults', 30);
const ids = people.map((p) => p.linkId);

describe('BAS-IP panel: faults and knobs', () => {
  let panel: PanelHarness;
  let token: string;
  beforeEach(async () => {
    panel = await startPanel({ people, seed: 'faults' });
    token = await panel.login();
  });
  afterEach(() => panel.close());

  it('answers http500, http503 and busy with error bodies in both styles, changing nothing', async () => {
    const expected = {
      http500: [500, 'Internal server error'],
      http503: [503, 'Service unavailable'],
      busy: [503, 'Device is busy'],
    } as const;
    for (const errorStyle of ['legacy', 'coded'] as const) {
      await panel.close();
      panel = await startPanel({ people, errorStyle });
      token = await panel.login();
      for (const [kind, [status, message]] of Object.entries(expected)) {
        panel.device.knobs.set({ faults: [{ kind: kind as keyof typeof expected, count: 1 }] });
        const reply = await panel.call('DELETE', LINK, { token, body: { link_ids: [ids[0]] } });
        expect(reply.status, kind).toBe(status);
        expect(reply.json).toEqual(
          errorStyle === 'legacy' ? { error: message } : { error: { code: 'system_error', message } },
        );
        expect(panel.device.log.all().at(-1)).toMatchObject({ status, fault: kind });
        expect(panel.device.log.all().at(-1)?.acknowledged).toBeUndefined();
      }
      expect(panel.device.stats().people).toBe(30);
      const after = await panel.call('DELETE', LINK, { token, body: { link_ids: [ids[0]] } });
      expect(after.status).toBe(200);
    }
  });

  it('holds the request unanswered on timeout, and changes nothing', async () => {
    panel.device.knobs.set({ faults: [{ kind: 'timeout', count: 1 }] });
    await expect(
      panel.call('DELETE', LINK, { token, body: { link_ids: [ids[0]] }, signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(panel.device.log.all().at(-1)).toMatchObject({ method: 'DELETE', status: 0, fault: 'timeout' });
    expect(panel.device.identifiers().some((i) => i.link_id === ids[0])).toBe(true);
    expect((await panel.call('GET', LIST, { token })).status).toBe(200);
  });

  it('drops the connection on drop', async () => {
    panel.device.knobs.set({ faults: [{ kind: 'drop', count: 1, pathIncludes: '/login' }] });
    expect((await panel.call('GET', LIST, { token })).status).toBe(200);
    await expect(panel.call('GET', `/api/v1/login?username=admin&password=${md5('123456')}`)).rejects.toThrow();
    expect(panel.device.log.all().at(-1)).toMatchObject({ path: '/api/v1/login', status: 0, fault: 'drop' });
    expect(await panel.login()).toBeTruthy();
  });

  it('dribbles a correct body out over slowBodyMs on slow-body', async () => {
    panel.device.knobs.set({ slowBodyMs: 300, faults: [{ kind: 'slow-body', count: 1 }] });
    const started = performance.now();
    const reply = await panel.call('DELETE', LINK, { token, body: { link_ids: [ids[1]] } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(reply.json).toEqual({ result: [{ link_id: ids[1], success: true, extended_info: 'deleted' }] });
    expect(panel.device.log.all().at(-1)).toMatchObject({ fault: 'slow-body', acknowledged: [ids[1]] });
  });

  it('treats the presented token as expired on expired-credentials, for good', async () => {
    panel.device.knobs.set({ faults: [{ kind: 'expired-credentials', count: 1 }] });
    const refused = await panel.call('GET', LIST, { token });
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ error: 'Log In' });
    expect(panel.device.log.all().at(-1)).toMatchObject({ status: 401, fault: 'expired-credentials' });
    expect((await panel.call('GET', LIST, { token })).status).toBe(401);
    const fresh = await panel.login();
    expect((await panel.call('GET', LIST, { token: fresh })).status).toBe(200);
  });

  it('refuses logins on wrong-credentials while the rule lasts', async () => {
    panel.device.knobs.set({ faults: [{ kind: 'wrong-credentials', count: 2 }] });
    expect((await panel.call('GET', LIST, { token })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const reply = await panel.call('GET', `/api/v1/login?username=admin&password=${md5('123456')}`);
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ error: 'Wrong login or password' });
      expect(panel.device.log.all().at(-1)).toMatchObject({ fault: 'wrong-credentials' });
    }
    expect(await panel.login()).toBeTruthy();
  });

  it('applies latency and per-item latency knobs changed while running', async () => {
    panel.device.knobs.set({ latencyMs: 250 });
    let started = performance.now();
    expect((await panel.call('GET', '/api/info')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);

    panel.device.knobs.set({ latencyMs: 0 });
    started = performance.now();
    expect((await panel.call('GET', LIST, { token })).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(240);

    panel.device.knobs.set({ latencyMs: 0, perItemLatencyMs: 30 });
    started = performance.now();
    await panel.call('DELETE', LINK, { token, body: { link_ids: ids.slice(2, 10) } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(8 * 30 - 10);

    panel.device.knobs.set({ perItemLatencyMs: 0 });
    started = performance.now();
    await panel.call('DELETE', LINK, { token, body: { link_ids: ids.slice(10, 20) } });
    expect(performance.now() - started).toBeLessThan(8 * 30 - 10);
  });

  it('changes the panel even when the client gives up during per-item latency', async () => {
    panel.device.knobs.set({ perItemLatencyMs: 200 });
    await expect(
      panel.call('DELETE', LINK, { token, body: { link_ids: ids.slice(20, 25) }, signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect(panel.device.identifiers().some((i) => ids.slice(20, 25).includes(i.link_id ?? ''))).toBe(false);
  });

  it('fires rate-based faults from the seeded generator and only on matching paths', async () => {
    panel.device.knobs.set({ faults: [{ kind: 'http503', rate: 0.5, pathIncludes: '/identifier/' }] });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await panel.call('GET', LIST, { token })).status);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(8);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(8);
    expect((await panel.call('GET', '/api/info')).status).toBe(200);
    panel.device.knobs.clearFaults();
    expect((await panel.call('GET', LIST, { token })).status).toBe(200);
  });
});
