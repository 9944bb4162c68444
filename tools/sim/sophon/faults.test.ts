import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { startSophon, type RunningSophon } from './test-client.ts';

const ELAPSED_SLACK_MS = 10; // timers may fire a little early relative to performance.now()

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

describe('Sophon faults and knobs', () => {
  let sim: RunningSophon;
  beforeEach(async () => {
    sim = await startSophon({ seed: 'faults', people: generatePeople('faults', 20) });
  });
  afterEach(() => sim.close());

  const get = (): ReturnType<RunningSophon['call']> => sim.call('getidentity', { identity_id: '100000' });

  it('http500: 500 with the INTERNAL_ERROR body, then back to normal', async () => {
    sim.device.knobs.set({ faults: [{ kind: 'http500', count: 1 }] });
    const answer = await get();
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ error: { code: 'INTERNAL_ERROR', message: '服务器内部错误', status: 'INTERNAL' } });
    expect(sim.device.log.all().at(-1)).toMatchObject({ status: 500, fault: 'http500' });
    expect((await get()).status).toBe(200);
  });

  it('http503: 503 with a plain-text body', async () => {
    sim.device.knobs.set({ faults: [{ kind: 'http503', count: 1 }] });
    const answer = await get();
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(answer.text).toBe('Service Unavailable');
    expect(sim.device.log.all().at(-1)).toMatchObject({ status: 503, fault: 'http503' });
  });

  it('busy: 503 with INTERNAL_ERROR "设备忙" and status UNAVAILABLE, without touching the data', async () => {
    sim.device.knobs.set({ faults: [{ kind: 'busy', count: 1 }] });
    const answer = await sim.call('deleteidentities', { identity_ids: ['100000'] });
    expect(answer.status).toBe(503);
    expect(answer.json).toEqual({
      error: { code: 'INTERNAL_ERROR', message: '设备忙，请稍后再试', status: 'UNAVAILABLE' },
    });
    expect(sim.device.stats().people).toBe(20);
    expect(sim.device.log.all().at(-1)).toMatchObject({ status: 503, fault: 'busy', acknowledged: undefined });
  });

  it('timeout: accepts the request and never answers', async () => {
    sim.device.knobs.set({ faults: [{ kind: 'timeout', count: 1 }] });
    await expect(
      sim.call('deleteidentities', { identity_ids: ['100000'] }, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(sim.device.log.all().at(-1)).toMatchObject({
      status: 0,
      fault: 'timeout',
      body: { identity_ids: ['100000'] },
    });
    expect(sim.device.stats().people).toBe(20);
    expect((await get()).status).toBe(200);
  });

  it('drop: closes the connection without an answer', async () => {
    sim.device.knobs.set({ faults: [{ kind: 'drop', count: 1 }] });
    await expect(get()).rejects.toThrow();
    expect(sim.device.log.all().filter((e) => e.fault === 'drop')).toHaveLength(1);
    expect(sim.device.log.all().at(-1)).toMatchObject({ status: 0, fault: 'drop' });
    expect((await get()).status).toBe(200);
  });

  it('slow-body: the right answer, dribbled out over slowBodyMs', async () => {
    sim.device.knobs.set({ slowBodyMs: 300, faults: [{ kind: 'slow-body', count: 2 }] });
    const { value, ms } = await timed(get);
    expect(value.status).toBe(200);
    expect(value.json).toMatchObject({ identity_id: '100000' });
    // The body goes out in ten pieces with a pause after each; the last byte arrives after nine pauses.
    expect(ms).toBeGreaterThanOrEqual(300 * 0.9 - ELAPSED_SLACK_MS);
    expect(sim.device.log.all().at(-1)).toMatchObject({ status: 200, fault: 'slow-body' });
    // A client with a shorter body timeout fails.
    await expect(
      sim.call('getidentity', { identity_id: '100000' }, { signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
  });

  it('applies rules only to matching paths, and wrong-credentials only to login', async () => {
    sim.device.knobs.set({
      faults: [
        { kind: 'http500', pathIncludes: 'deleteidentities', count: 1 },
        { kind: 'wrong-credentials', count: 1 },
        { kind: 'expired-credentials' },
      ],
    });
    expect((await get()).status).toBe(200);
    expect((await sim.call('deleteidentities', { identity_ids: ['100001'] })).status).toBe(500);
    expect((await sim.call('deleteidentities', { identity_ids: ['100001'] })).status).toBe(200);
    const refused = await sim.call('login', { username: 'admin', password: 'admin' });
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ error: { code: 'PASSWORD_ERROR', message: '密码错误', status: 'UNAUTHENTICATED' } });
    expect(sim.device.log.all().at(-1)).toMatchObject({ status: 401, fault: 'wrong-credentials' });
    expect((await sim.call('login', { username: 'admin', password: 'admin' })).json).toEqual({ result: true });
  });

  it('reads the knobs on every request, so changes apply while it runs', async () => {
    sim.device.knobs.set({ latencyMs: 150 });
    expect((await timed(get)).ms).toBeGreaterThanOrEqual(150 - ELAPSED_SLACK_MS);
    sim.device.knobs.set({ latencyMs: 0, perItemLatencyMs: 25 });
    const ids = ['100002', '100003', '100004', '100005', '100006', '100007'];
    const bulk = await timed(() => sim.call('deleteidentities', { identity_ids: ids }));
    expect(bulk.value.json).toEqual({ success_identity_ids: ids, failed_identity_ids: [] });
    expect(bulk.ms).toBeGreaterThanOrEqual(ids.length * 25 - ELAPSED_SLACK_MS);
    const listed = await timed(() => sim.call('getidentities', { page_limit: 8 }));
    expect(listed.ms).toBeGreaterThanOrEqual(8 * 25 - ELAPSED_SLACK_MS);

    sim.device.knobs.set({ perItemLatencyMs: 0, maxIdsPerRequest: 2 });
    const tooMany = await sim.call('deleteidentities', { identity_ids: ['100008', '100009', '100010'] });
    expect(tooMany.json).toMatchObject({ error: { code: 'INVALID_ARGUMENTS' } });
    sim.device.knobs.set({ capacity: sim.device.stats().people });
    const full = await sim.call('createidentity', { identity_id: 'x', register_feature: Array(512).fill(0) });
    expect(full.json).toMatchObject({ error: { code: 'GROUP_LEN_ERROR' } });
    sim.device.knobs.set({ faults: [{ kind: 'http503', rate: 1 }] });
    expect((await get()).status).toBe(503);
    sim.device.knobs.clearFaults();
    expect((await get()).status).toBe(200);
  });
});

describe('Sophon login', () => {
  let sim: RunningSophon;
  afterEach(() => sim.close());

  it('accepts admin/admin by default and configured credentials otherwise', async () => {
    sim = await startSophon({ seed: 'login', people: [] });
    expect((await sim.call('login', { username: 'admin', password: 'admin' })).json).toEqual({ result: true });
    for (const body of [
      { username: 'admin', password: 'Admin' },
      { username: 'root', password: 'admin' },
    ]) {
      expect((await sim.call('login', body)).json).toMatchObject({ error: { code: 'PASSWORD_ERROR' } });
    }
    expect((await sim.call('login', { username: 'admin' })).json).toMatchObject({
      error: { code: 'MISSING_ARGUMENTS', message: '缺失参数的名称: password' },
    });
    expect((await sim.call('login', { username: 'admin', password: 123 })).json).toMatchObject({
      error: { code: 'INVALID_ARGUMENTS' },
    });
    await sim.close();

    sim = await startSophon({ seed: 'login', people: [], username: 'installer', password: 's3cret' });
    expect((await sim.call('login', { username: 'installer', password: 's3cret' })).json).toEqual({ result: true });
    expect((await sim.call('login', { username: 'admin', password: 'admin' })).status).toBe(401);
  });
});
