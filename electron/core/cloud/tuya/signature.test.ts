import { describe, expect, it } from 'vitest';
import {
  EMPTY_BODY_SHA256,
  buildStringToSign,
  computeSign,
  sha256Hex,
  sendUrl,
  signRequest,
  signUrl,
  sortedQueryString,
} from './signature.ts';

// The expected signatures below other than the vendor's were computed by hand with openssl, e.g.
//   printf '%s' "cid123tok7891700000000000n1POST\n<sha256>\n\n/v1.0/..." | openssl dgst -sha256 -hmac sec456
// and upper-cased; they do not come from this code.

describe('vendor worked example (PROTOCOLS §3)', () => {
  const example = {
    clientId: '1KAD46OrT9HafiKdsXeg',
    secret: '4OHBOnWOqaEC1mWXOpVL3yV50s0qGSRC',
    t: '1588925778000',
    nonce: '5138cc3a9033d69856923fd07b491173',
    signedHeaders: [
      ['area_id', '29a33e8796834b1efa6'],
      ['call_id', '8afdb70ab2ed11eb85290242ac130003'],
    ] as const,
  };
  const expected = '9E48A3E93B302EEECC803C7241985D0A34EB944F40FB573C7B5C2A82158AF13E';

  it('builds the documented stringToSign', () => {
    expect(
      buildStringToSign({
        method: 'GET',
        body: '',
        signedHeaders: example.signedHeaders,
        url: signUrl('/v1.0/token', { grant_type: 1 }),
      }),
    ).toBe(
      'GET\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n' +
        'area_id:29a33e8796834b1efa6\ncall_id:8afdb70ab2ed11eb85290242ac130003\n\n/v1.0/token?grant_type=1',
    );
  });

  it('signs to 9E48A3E9...F13E as a token call', () => {
    const signed = signRequest({
      clientId: example.clientId,
      secret: example.secret,
      method: 'GET',
      path: '/v1.0/token',
      query: { grant_type: 1 },
      signedHeaders: example.signedHeaders,
      now: Number(example.t),
      nonce: example.nonce,
    });
    expect(signed.headers.sign).toBe(expected);
    expect(signed.url).toBe('/v1.0/token?grant_type=1');
    expect(signed.headers).toMatchObject({
      client_id: example.clientId,
      sign_method: 'HMAC-SHA256',
      t: example.t,
      nonce: example.nonce,
      'Signature-Headers': 'area_id:call_id',
      area_id: '29a33e8796834b1efa6',
      call_id: '8afdb70ab2ed11eb85290242ac130003',
    });
    expect(signed.headers).not.toHaveProperty('access_token');
  });
});

describe('hand-computed signatures', () => {
  it('a business POST signs client_id + access_token + t + nonce + stringToSign over the body hash', () => {
    const body = '{"projectId":"p1","pageSize":2}';
    expect(sha256Hex(body)).toBe('241add7442f256dbede0feb94f8524e32ba4d6180bdf7628c150af61a6b93de3');
    const signed = signRequest({
      clientId: 'cid123',
      secret: 'sec456',
      accessToken: 'tok789',
      method: 'post',
      path: '/v1.0/iot-02/building/access-auth',
      body,
      now: 1_700_000_000_000,
      nonce: 'n1',
    });
    expect(signed.headers.sign).toBe('060D51FC5253DDD7501C65F378C9CAE8DE7A2781BC73D38EC17C335B0E5EF6C3');
    expect(signed.headers.access_token).toBe('tok789');
    expect(signed.headers).not.toHaveProperty('Signature-Headers');
  });

  it('a business GET sends the query sorted and percent-encoded, and signs it sorted and DECODED (the Node connector)', () => {
    const signed = signRequest({
      clientId: 'cid123',
      secret: 'sec456',
      accessToken: 'tok789',
      method: 'GET',
      path: '/v1.0/iot-02/building/access-control-channels',
      query: { projectId: 'p1', pageSize: 50, page: 2, accessControlChannelName: 'Main Gate', roomId: undefined },
      now: 1_700_000_000_000,
      nonce: 'n2',
    });
    expect(signed.url).toBe(
      '/v1.0/iot-02/building/access-control-channels?accessControlChannelName=Main%20Gate&page=2&pageSize=50&projectId=p1',
    );
    // openssl over ".../access-control-channels?accessControlChannelName=Main Gate&page=2&pageSize=50&projectId=p1"
    // (a space, not %20); the old encoded signing gave 943112F2….
    expect(signed.headers.sign).toBe('ED289ADBF640446C79F60535B00174EB88F5ED691A70B48BCDF5FFCA48CEF19D');
  });

  it('a token call without a nonce signs client_id + t + stringToSign', () => {
    expect(
      computeSign({
        clientId: 'cid123',
        secret: 'sec456',
        t: '1700000000000',
        stringToSign: buildStringToSign({ method: 'GET', body: '', url: '/v1.0/token/abc' }),
      }),
    ).toBe('AFE9C33FC8A4D8A0BF6A167E0F1C940A629674D0854C1F7E9400014DFB7C41D5');
  });
});

describe('pieces', () => {
  it('hashes an empty body to the documented constant', () => {
    expect(sha256Hex('')).toBe(EMPTY_BODY_SHA256);
    expect(EMPTY_BODY_SHA256.startsWith('e3b0c442')).toBe(true);
  });

  it('sorts keys by code unit (a prefix first, upper case before lower case) and drops absent values', () => {
    expect(sortedQueryString({ pageSize: 1, page: 2, b: null, Z: 'z', a: true })).toBe('Z=z&a=true&page=2&pageSize=1');
    expect(sortedQueryString({})).toBe('');
    expect(signUrl('/p', {})).toBe('/p');
  });

  it('sends UTF-8 values percent-encoded but signs them as text', () => {
    expect(sendUrl('/p', { name: '大门 1', a: 'x+y' })).toBe('/p?a=x%2By&name=%E5%A4%A7%E9%97%A8%201');
    expect(signUrl('/p', { name: '大门 1', a: 'x+y' })).toBe('/p?a=x+y&name=大门 1');
    const signed = signRequest({
      clientId: 'c',
      secret: 's',
      method: 'GET',
      path: '/p',
      query: { name: '大门 1' },
      now: 1,
    });
    expect(signed.url).toBe('/p?name=%E5%A4%A7%E9%97%A8%201');
  });

  it('truncates a fractional clock to a 13-digit t and draws a fresh nonce per request', () => {
    const one = signRequest({ clientId: 'c', secret: 's', method: 'GET', path: '/x', now: 1_700_000_000_000.7 });
    const two = signRequest({ clientId: 'c', secret: 's', method: 'GET', path: '/x', now: 1_700_000_000_000.7 });
    expect(one.headers.t).toBe('1700000000000');
    expect(one.headers.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(one.headers.nonce).not.toBe(two.headers.nonce);
    expect(one.headers.sign).not.toBe(two.headers.sign);
  });
});
