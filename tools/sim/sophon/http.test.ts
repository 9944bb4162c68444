import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { SOPHON_BASE_PATH, SOPHON_PORT } from './index.ts';
import { startSophon, type RunningSophon } from './test-client.ts';

describe('Sophon request handling', () => {
  let sim: RunningSophon;
  beforeAll(async () => {
    sim = await startSophon({ seed: 'http', people: generatePeople('http', 10) });
  });
  afterAll(() => sim.close());

  it('serves /sophon/v2/face/<op> (real devices listen on 5555) on 127.0.0.1', async () => {
    expect(SOPHON_PORT).toBe(5555);
    expect(SOPHON_BASE_PATH).toBe('/sophon/v2/face/');
    expect(sim.server.host).toBe('127.0.0.1');
    const answer = await sim.call('getidentity', { identity_id: '100000' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.json).toMatchObject({ identity_id: '100000', user_type: 'employee' });
  });

  it('answers an unknown op or path with the framework 404 page', async () => {
    for (const path of [
      '/sophon/v2/face/nosuchop',
      '/sophon/v2/face/',
      '/sophon/v2/face/getidentity/',
      '/',
      '/sophon/v2/face/constructor',
    ]) {
      const answer = await sim.call(path, {});
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      expect(answer.text).toContain('404 Not Found');
    }
    // Operation names are case-sensitive.
    expect((await sim.call('GetIdentity', { identity_id: '100000' })).status).toBe(404);
  });

  it('answers every method but POST with 405 and Allow: POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const answer = await sim.call('getidentities', method === 'GET' ? undefined : {}, { method });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.get('allow')).toBe('POST');
      expect(answer.text).toContain('405 Method Not Allowed');
    }
  });

  it('accepts application/json with parameters and in any case, and nothing else', async () => {
    const body = { identity_id: '100000' };
    for (const contentType of [
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/json;charset=UTF-8',
    ]) {
      expect((await sim.call('getidentity', body, { contentType })).status, contentType).toBe(200);
    }
    for (const contentType of [
      null,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'text/json',
    ]) {
      const answer = await sim.call('getidentity', body, { contentType });
      expect(answer.status, String(contentType)).toBe(415);
      expect(answer.json).toMatchObject({ error: { code: 'UNSUPPORT_CONTENT_TYPE', status: 'INVALID_ARGUMENT' } });
    }
  });

  it('checks the content type before the JSON', async () => {
    const answer = await sim.call('getidentity', undefined, { contentType: 'text/plain', rawBody: '{oops' });
    expect(answer.json).toMatchObject({ error: { code: 'UNSUPPORT_CONTENT_TYPE' } });
  });

  it('answers INVALID_REQUEST_JSON for broken JSON, an empty body and non-object JSON', async () => {
    for (const rawBody of ['{"identity_id": ', '', '[]', '"100000"', '42', 'null']) {
      const answer = await sim.call('getidentity', undefined, { rawBody });
      expect(answer.status, rawBody).toBe(400);
      expect(answer.json).toEqual({
        error: { code: 'INVALID_REQUEST_JSON', message: '无效的JSON数据请求', status: 'INVALID_ARGUMENT' },
      });
    }
  });

  it('ignores a query string and logs it', async () => {
    const answer = await sim.call('/sophon/v2/face/getidentity?trace=1', { identity_id: '100001' });
    expect(answer.status).toBe(200);
    const last = sim.device.log.all().at(-1);
    expect(last).toMatchObject({ method: 'POST', path: '/sophon/v2/face/getidentity', query: { trace: '1' } });
  });

  it('logs method, path, parsed or raw body and status of every request', async () => {
    sim.device.log.clear();
    await sim.call('getidentity', { identity_id: 'nobody' });
    await sim.call('getidentity', undefined, { rawBody: 'not json' });
    await sim.call('getidentities', undefined, { method: 'GET' });
    expect(sim.device.log.all().map(({ method, path, body, status }) => ({ method, path, body, status }))).toEqual([
      { method: 'POST', path: '/sophon/v2/face/getidentity', body: { identity_id: 'nobody' }, status: 404 },
      { method: 'POST', path: '/sophon/v2/face/getidentity', body: 'not json', status: 400 },
      { method: 'GET', path: '/sophon/v2/face/getidentities', body: null, status: 405 },
    ]);
  });

  it('describes itself as a Sophon device', () => {
    expect(sim.device.info).toMatchObject({ vendor: 'sophon', model: 'SE5-FACE', firmware: 'V6R2C01' });
    expect(sim.device.info.serial).toMatch(/^SPH-[0-9A-F]{8}$/);
  });
});
