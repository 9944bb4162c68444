import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isSecretKey, REDACTED, redactText, redactValue } from './redact.ts';

const MD5 = 'E10ADC3949BA59ABBE56E057F20F883E';

describe('isSecretKey', () => {
  it('knows secret names in any case or separator style', () => {
    for (const key of [
      'password',
      'Password',
      'PASSWD',
      'pwd',
      'pass',
      'passphrase',
      'token',
      'access_token',
      'accessToken',
      'refresh_token',
      'cloudToken',
      'iotToken',
      'sign',
      'X-Ca-Signature',
      'signature',
      'appSecret',
      'app_secret',
      'clientSecret',
      'client_secret',
      'AccessKeySecret',
      'Authorization',
      'proxy-authorization',
      'Cookie',
      'set-cookie',
      'FCOM_SECRET_KEY',
      'apiKey',
      'api_key',
    ]) {
      expect(isSecretKey(key), key).toBe(true);
    }
  });

  it('leaves ordinary names and names about secrets alone', () => {
    for (const key of [
      'username',
      'serial',
      'credentials',
      'sign_method',
      'X-Ca-Signature-Headers',
      'token_type',
      'expires_in',
      'design',
      'signal',
      'client_id',
      'AccessKeyId',
      'passed',
      '',
    ]) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });
});

describe('redactText', () => {
  it('removes Authorization header values with or without a scheme', () => {
    expect(redactText('Authorization: Bearer eyJhbGciOi.abc.def')).toBe(`Authorization: ${REDACTED}`);
    expect(redactText('authorization=Basic YWRtaW46YWRtaW4=')).toBe(`authorization=${REDACTED}`);
    expect(redactText('Proxy-Authorization: Digest abc')).toBe(`Proxy-Authorization: ${REDACTED}`);
    expect(redactText('sent with Bearer abc.def-123')).toBe(`sent with Bearer ${REDACTED}`);
  });

  it('removes passwords, tokens and signatures from query strings', () => {
    const url = 'http://10.0.0.5/api/v1/device?username=admin&password=hunter2&access_token=t0k3n&sign=ABCDEF&t=1';
    const out = redactText(url);
    expect(out).toBe(
      `http://10.0.0.5/api/v1/device?username=admin&password=${REDACTED}&access_token=${REDACTED}&sign=${REDACTED}&t=1`,
    );
    expect(out).not.toMatch(/hunter2|t0k3n|ABCDEF/);
  });

  it('keeps sign_method and other harmless parameters', () => {
    expect(redactText('sign_method=HMAC-SHA256&client_id=abc')).toBe('sign_method=HMAC-SHA256&client_id=abc');
  });

  it('removes the MD5 of a password from a BAS-IP login URL, whatever the parameter is called', () => {
    expect(redactText(`GET /api/v1/login?username=admin&password=${MD5}`)).not.toContain(MD5);
    expect(redactText(`GET http://10.0.0.9/api/v0/login?user=admin&p=${MD5} 404`)).toBe(
      `GET http://10.0.0.9/api/v0/login?user=admin&p=${REDACTED} 404`,
    );
    expect(redactText(`/login/admin/${MD5.toLowerCase()}`)).toBe(`/login/admin/${REDACTED}`);
  });

  it('keeps 32-hex values that are not in a login URL (ids, hashes of files)', () => {
    expect(redactText(`job ${MD5} finished`)).toBe(`job ${MD5} finished`);
  });

  it('removes secrets from JSON, JSON inside JSON and util.inspect output', () => {
    const json = JSON.stringify({ username: 'admin', password: 'p"w', nested: { appSecret: 's3', name: 'gate' } });
    const out = redactText(json);
    expect(out).not.toMatch(/p\\"w|s3/);
    expect(JSON.parse(out)).toEqual({
      username: 'admin',
      password: REDACTED,
      nested: { appSecret: REDACTED, name: 'gate' },
    });

    const double = JSON.stringify({ body: JSON.stringify({ clientSecret: 'cs-1', id: 7 }) });
    expect(redactText(double)).not.toContain('cs-1');
    expect(JSON.parse(JSON.parse(redactText(double)).body)).toEqual({ clientSecret: REDACTED, id: 7 });

    const inspected = inspect({ cloudToken: 'ct-1', iotToken: "it'2", keep: 'yes' });
    expect(redactText(inspected)).not.toMatch(/ct-1|it'2|it\\'2/);
    expect(redactText(inspected)).toContain("keep: 'yes'");
  });

  it('removes the X-Ca-Signature header and the password of a URL with user info', () => {
    expect(redactText('X-Ca-Signature: q1w2e3r4t5==\nX-Ca-Key: 2030')).toBe(
      `X-Ca-Signature: ${REDACTED}\nX-Ca-Key: 2030`,
    );
    expect(redactText('proxy http://tech:s3cret@10.0.0.1:8080/')).toBe(`proxy http://tech:${REDACTED}@10.0.0.1:8080/`);
  });

  it('finds secrets inside the value of a harmless key', () => {
    expect(redactText('url=http://10.0.0.2/cgi?password=x1')).toBe(`url=http://10.0.0.2/cgi?password=${REDACTED}`);
    expect(redactText(`request: '{"password":"x1"}'`)).toBe(`request: '{"password":"${REDACTED}"}'`);
  });

  it('is idempotent and leaves ordinary text alone', () => {
    const text = 'Authorization: Bearer abc password=x {"token":"y"}';
    expect(redactText(redactText(text))).toBe(redactText(text));
    const plain = 'Discovery: browsing _http._tcp on eth0 (10.0.0.0/24); 3 terminals online, 1 offline.';
    expect(redactText(plain)).toBe(plain);
    expect(redactText('The terminal refused the user name or password.')).toBe(
      'The terminal refused the user name or password.',
    );
  });
});

describe('redactValue', () => {
  it('replaces values under secret keys at any depth and keeps the rest', () => {
    const value = {
      serial: 'SN1',
      credentials: { username: 'admin', password: 'hunter2' },
      headers: { Authorization: 'Bearer abc', 'Content-Type': 'application/json' },
      list: [{ token: 'x' }, 'password=y'],
      count: 3,
      missing: null,
    };
    expect(redactValue(value)).toEqual({
      serial: 'SN1',
      credentials: { username: 'admin', password: REDACTED },
      headers: { Authorization: REDACTED, 'Content-Type': 'application/json' },
      list: [{ token: REDACTED }, `password=${REDACTED}`],
      count: 3,
      missing: null,
    });
    expect(value.credentials.password).toBe('hunter2');
  });

  it('copies errors with their name, code and cause, redacted', () => {
    const cause = new Error('token=abc rejected');
    const error = Object.assign(new Error('GET /api/v1/login?password=' + MD5 + ' failed', { cause }), {
      code: 'ERR_BAD_RESPONSE',
      config: { headers: { Authorization: 'Bearer zzz' }, url: '/api/v1/login' },
    });
    error.name = 'AxiosError';
    const copy = redactValue(error) as Error & { code: string; config: { headers: Record<string, string> } };
    expect(copy).toBeInstanceOf(Error);
    expect(copy.name).toBe('AxiosError');
    expect(copy.code).toBe('ERR_BAD_RESPONSE');
    expect(copy.message).not.toContain(MD5);
    expect(copy.stack).not.toContain(MD5);
    expect(copy.config.headers.Authorization).toBe(REDACTED);
    expect((copy.cause as Error).message).toBe(`token=${REDACTED} rejected`);
    expect(inspect(copy, { depth: 5 })).not.toMatch(/zzz|abc|E10ADC/);
  });

  it('survives cycles, deep nesting, binary data, maps and functions', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    expect(redactValue(cyclic)).toEqual({ name: 'a', self: '[Circular]' });
    let deep: Record<string, unknown> = { password: 'p' };
    for (let i = 0; i < 10; i += 1) deep = { next: deep };
    expect(JSON.stringify(redactValue(deep))).toContain('[Object]');
    expect(redactValue(Buffer.from('secret'))).toBe('[Binary 6 bytes]');
    expect(redactValue(new Map([['clientSecret', 'x']]))).toEqual(new Map([['clientSecret', REDACTED]]));
    expect(redactValue(function login() {})).toBe('[Function login]');
    expect(redactValue(42)).toBe(42);
    expect(redactValue(undefined)).toBeUndefined();
  });

  it('keeps an object seen twice (not a cycle) in both places', () => {
    const shared = { id: 1 };
    expect(redactValue({ a: shared, b: shared })).toEqual({ a: { id: 1 }, b: { id: 1 } });
  });
});
