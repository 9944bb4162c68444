import { afterEach, describe, expect, it } from 'vitest';
import { ProbeAttemptSchema } from '../../../shared/domain/terminal.ts';
import { serve, type SimServer } from '../../../tools/sim/common/http.ts';
import { createProbeRecorder, excerptOf, MAX_EXCERPT, requestLine } from './probe-trace.ts';

const servers: SimServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('what a probe keeps of an answer', () => {
  it('keeps an error body as it came, only the keys of other JSON, and the first characters of text', () => {
    expect(excerptOf('{"error":"Log In"}')).toBe('{"error":"Log In"}');
    expect(excerptOf('{"error":{"code":"PASSWORD_ERROR","message":"密码错误","status":"UNAUTHENTICATED"}}')).toBe(
      '{"error":{"code":"PASSWORD_ERROR","message":"密码错误","status":"UNAUTHENTICATED"}}',
    );
    // Values of other JSON are left out: a login's token, people's names.
    expect(excerptOf('{"token":"SECRET-TOKEN","account_type":"admin"}')).toBe('{"token":…,"account_type":…}');
    expect(excerptOf('[{"name":"Alice"}]')).toBe('[…]');
    expect(excerptOf('<!doctype html>\n<html><body>Router   login</body></html>')).toBe(
      '<!doctype html> <html><body>Router login</body></html>',
    );
    expect(excerptOf('')).toBe('');
    expect(excerptOf(undefined)).toBe('');
  });

  it('is short, without control characters, and without the secrets it was told to hide', () => {
    const long = excerptOf(`\u001b[31mred\u0007 ${'x'.repeat(10_000)}`);
    expect([...long].length).toBeLessThanOrEqual(MAX_EXCERPT);
    expect([...long].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
    expect(excerptOf('<p>password=E10ADC3949BA59ABBE56E057F20F883E</p>', ['E10ADC3949BA59ABBE56E057F20F883E'])).toBe(
      '<p>password=***</p>',
    );
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    expect(excerptOf(JSON.stringify(many))).toBe(`{${Array.from({ length: 8 }, (_, i) => `"k${i}":…`).join(',')},…}`);
  });

  it('names a request by method and path, never its query (a login query carries the password hash)', () => {
    expect(requestLine('get', '/api/v1/login?username=admin&password=ABC')).toBe('GET /api/v1/login');
    expect(requestLine('post', '/sophon/v2/face/getidentities')).toBe('POST /sophon/v2/face/getidentities');
    expect(requestLine(undefined, undefined)).toBe('GET /');
  });
});

describe('the probe recorder', () => {
  it('records status, content type and excerpt of each answer, and why nothing came', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(401, { 'Content-Type': 'application/json; charset=utf-8' }).end('{"error":"Log In"}');
    });
    servers.push(server);
    const recorder = createProbeRecorder();
    const endpoint = { address: '127.0.0.1', port: server.port, scheme: 'http' as const };
    await recorder.http(endpoint, 1000, 'basip', false).get('/api/v1/info?x=1');
    const closed = await serve(() => undefined);
    await closed.close();
    const gone = { address: '127.0.0.1', port: closed.port, scheme: 'http' as const };
    await expect(recorder.http(gone, 1000, 'sophon', true).post('/sophon/v2/face/login', '{}')).rejects.toThrow();
    const attempts = recorder.attempts();
    expect(attempts).toEqual([
      {
        kind: 'basip',
        authenticated: false,
        port: server.port,
        request: 'GET /api/v1/info',
        status: 401,
        contentType: 'application/json; charset=utf-8',
        excerpt: '{"error":"Log In"}',
        failure: null,
      },
      {
        kind: 'sophon',
        authenticated: true,
        port: closed.port,
        request: 'POST /sophon/v2/face/login',
        status: null,
        contentType: null,
        excerpt: '',
        failure: 'unreachable',
      },
    ]);
    for (const attempt of attempts) expect(ProbeAttemptSchema.parse(attempt)).toEqual(attempt);
    expect(recorder.answered(server.port)).toBe(true);
    expect(recorder.lastFailed(server.port)).toBe(false);
    expect(recorder.answered(closed.port)).toBe(false);
    expect(recorder.lastFailed(closed.port)).toBe(true);
  });

  it('records a request that got no answer in time as a time-out', async () => {
    const server = await serve(() => undefined); // never answers
    servers.push(server);
    const recorder = createProbeRecorder();
    const endpoint = { address: '127.0.0.1', port: server.port, scheme: 'http' as const };
    await expect(recorder.http(endpoint, 200, null, false).get('/')).rejects.toThrow();
    expect(recorder.attempts()).toMatchObject([{ request: 'GET /', status: null, failure: 'timeout' }]);
  });
});
