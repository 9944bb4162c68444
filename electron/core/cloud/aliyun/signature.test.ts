import { describe, expect, it } from 'vitest';
import { buildStringToSign, contentMd5, signRequest, signString, signedUrl } from './signature.ts';

// The expected values were computed by hand with openssl, independently of this code:
//   printf '%s' "$BODY" | openssl dgst -md5 -binary | base64
//   printf "$STRING_TO_SIGN" | openssl dgst -sha256 -hmac 'gateway-secret-1' -binary | base64
const BODY =
  '{"id":"42","version":"1.0","request":{"apiVer":"1.0.1"},"params":{"grantType":"project","res":"a124proj"}}';
const BODY_MD5 = 'MH2bcJZmPu/sPMcHTRk/+A==';
const NONCE = 'c9f15cbf-f4ac-4a6c-b54d-f51abf4b5b44';
const STRING_TO_SIGN =
  'POST\n' +
  'application/json; charset=utf-8\n' +
  `${BODY_MD5}\n` +
  'application/json; charset=utf-8\n' +
  '\n' +
  'x-ca-key:203753016\n' +
  `x-ca-nonce:${NONCE}\n` +
  'x-ca-signature-method:HmacSHA256\n' +
  'x-ca-stage:RELEASE\n' +
  'x-ca-timestamp:1700000000000\n' +
  '/cloud/token';
const SIGNATURE = 'hToprRcPJ88pu6uf9JF5Ms1OG2YyPhnGeguqbygsLjQ=';

describe('Aliyun API gateway signature', () => {
  it('computes Content-MD5 as base64(md5(body bytes))', () => {
    expect(contentMd5(BODY)).toBe(BODY_MD5);
    expect(contentMd5(Buffer.from(BODY, 'utf8'))).toBe(BODY_MD5);
  });

  it('signs a /cloud/token request exactly like the hand-computed example', () => {
    const signed = signRequest({
      appKey: '203753016',
      appSecret: 'gateway-secret-1',
      method: 'POST',
      path: '/cloud/token',
      body: Buffer.from(BODY, 'utf8'),
      timestamp: 1_700_000_000_000,
      nonce: NONCE,
    });
    expect(signed.stringToSign).toBe(STRING_TO_SIGN);
    expect(signed.headers).toEqual({
      accept: 'application/json; charset=utf-8',
      'content-type': 'application/json; charset=utf-8',
      'content-md5': BODY_MD5,
      'x-ca-key': '203753016',
      'x-ca-nonce': NONCE,
      'x-ca-signature-method': 'HmacSHA256',
      'x-ca-stage': 'RELEASE',
      'x-ca-timestamp': '1700000000000',
      'x-ca-signature-headers': 'x-ca-key,x-ca-nonce,x-ca-signature-method,x-ca-stage,x-ca-timestamp',
      'x-ca-signature': SIGNATURE,
    });
  });

  it('keeps the newline of empty Accept/Content-MD5/Content-Type/Date and sorts the query', () => {
    const text = buildStringToSign({
      method: 'post',
      signedHeaders: { 'X-Ca-Key': 'k' },
      path: '/a/b',
      query: [
        ['c', '1'],
        ['b', ''],
        ['a', '2'],
      ],
    });
    expect(text).toBe('POST\n\n\n\n\nx-ca-key:k\n/a/b?a=2&b&c=1');
    // openssl: printf 'POST\n\n\n\n\nx-ca-key:k\n/a/b?a=2&b&c=1' | openssl dgst -sha256 -hmac s -binary | base64
    expect(signString('s', text)).toBe('q5MjiYLq5ZO+Uah6Ld8/9KQcjcd1YL3dym1nWyUosko=');
  });

  it('never signs X-Ca-Signature or X-Ca-Signature-Headers, and lower-cases and sorts names', () => {
    const text = buildStringToSign({
      method: 'POST',
      signedHeaders: { 'X-Ca-Timestamp': '1', 'x-ca-signature': 'x', 'X-Ca-Signature-Headers': 'y', 'X-CA-KEY': 'k' },
      path: '/p',
    });
    expect(text).toBe('POST\n\n\n\n\nx-ca-key:k\nx-ca-timestamp:1\n/p');
    expect(signedUrl('/p')).toBe('/p');
  });

  it('omits Content-MD5 for an empty body and changes the signature with every nonce', () => {
    const base = { appKey: 'k', appSecret: 's', method: 'POST' as const, path: '/p', body: new Uint8Array() };
    const one = signRequest({ ...base, timestamp: 1, nonce: 'n1' });
    const two = signRequest({ ...base, timestamp: 1, nonce: 'n2' });
    expect(one.headers['content-md5']).toBeUndefined();
    expect(one.stringToSign.startsWith('POST\napplication/json; charset=utf-8\n\napplication/json')).toBe(true);
    expect(one.headers['x-ca-signature']).not.toBe(two.headers['x-ca-signature']);
  });
});
