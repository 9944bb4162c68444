import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { invalidSignatureMessage } from './gateway.ts';
import { buildSignedUrl, buildStringToSign, contentMd5, normaliseSignedHeaders, sign, verify } from './signature.ts';

// A fixed example, written out by hand from the gateway's formula.
const SECRET = 'demo-secret-0123456789';
const BODY =
  '{"id":"1509086454180","version":"1.0","request":{"apiVer":"1.0.1"},"params":{"grantType":"project","res":"a124demo"}}';
const MD5 = 'annBorituz2ry9PJ/x+3NA==';
const JSON_TYPE = 'application/json; charset=utf-8';
const HEADERS = {
  accept: JSON_TYPE,
  'content-md5': MD5,
  'content-type': JSON_TYPE,
  'x-ca-key': '203753016',
  'x-ca-nonce': 'b7a3bd4e-4d6b-4b4a-9e63-3c1a2a6f2f10',
  'x-ca-signature-method': 'HmacSHA256',
  'x-ca-stage': 'RELEASE',
  'x-ca-timestamp': '1700000000000',
  'x-ca-signature': 'ignored',
};
const EXPECTED_STRING_TO_SIGN =
  'POST\n' +
  'application/json; charset=utf-8\n' +
  'annBorituz2ry9PJ/x+3NA==\n' +
  'application/json; charset=utf-8\n' +
  '\n' + // no Date header: the line stays, empty
  'x-ca-key:203753016\n' +
  'x-ca-nonce:b7a3bd4e-4d6b-4b4a-9e63-3c1a2a6f2f10\n' +
  'x-ca-signature-method:HmacSHA256\n' +
  'x-ca-stage:RELEASE\n' +
  'x-ca-timestamp:1700000000000\n' +
  '/cloud/token?a=1&b=2&c';
const PARTS = {
  method: 'POST',
  path: '/cloud/token',
  params: [
    ['b', '2'],
    ['a', '1'],
    ['c', ''],
  ] as Array<[string, string]>,
  headers: HEADERS,
  // Listed out of order, in mixed case, with the two signature headers that are never signed.
  signedHeaders: ['X-Ca-Timestamp', 'x-ca-key', 'X-Ca-Signature', 'x-ca-nonce', 'x-ca-stage', 'x-ca-signature-method'],
};

describe('API gateway signature', () => {
  it('computes Content-MD5 as base64 of the MD5 of the body bytes', () => {
    expect(contentMd5(BODY)).toBe(MD5);
    expect(contentMd5(Buffer.from(BODY))).toBe(createHash('md5').update(BODY).digest('base64'));
    expect(contentMd5('')).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
  });

  it('builds the documented string to sign for the fixed example', () => {
    expect(buildStringToSign(PARTS)).toBe(EXPECTED_STRING_TO_SIGN);
  });

  it('signs with base64(HMAC-SHA256(appSecret, stringToSign)) and matches a hand-computed value', () => {
    const reference = createHmac('sha256', SECRET).update(EXPECTED_STRING_TO_SIGN, 'utf8').digest('base64');
    expect(reference).toBe('JhnVpnnBbeN4RS8apYsAgRX9mGB25IoIKtcqxzbsXb0=');
    expect(sign(SECRET, EXPECTED_STRING_TO_SIGN)).toBe(reference);
    expect(sign(SECRET, EXPECTED_STRING_TO_SIGN, 'HmacSHA1')).toBe('W43vzh2BMLgmpujVOxemTkV7bzk=');
  });

  it('verifies the right signature and refuses any change', () => {
    const good = 'JhnVpnnBbeN4RS8apYsAgRX9mGB25IoIKtcqxzbsXb0=';
    expect(verify(SECRET, PARTS, good)).toEqual({ ok: true, stringToSign: EXPECTED_STRING_TO_SIGN });
    expect(verify('other-secret', PARTS, good).ok).toBe(false);
    expect(verify(SECRET, { ...PARTS, headers: { ...HEADERS, 'x-ca-stage': 'TEST' } }, good).ok).toBe(false);
    expect(verify(SECRET, { ...PARTS, params: [['a', '1']] }, good).ok).toBe(false);
    expect(verify(SECRET, PARTS, good.slice(0, -2)).ok).toBe(false);
    expect(verify(SECRET, PARTS, good, 'HmacSHA1').ok).toBe(false);
  });

  it('keeps the newline of every empty standard header', () => {
    const text = buildStringToSign({ method: 'POST', path: '/p', headers: {}, signedHeaders: [] });
    expect(text).toBe('POST\n\n\n\n\n/p');
  });

  it('never signs the signature headers nor repeats the four standard headers, and signs a missing one empty', () => {
    expect(
      normaliseSignedHeaders([
        'X-Ca-Signature-Headers',
        'x-ca-signature',
        'Accept',
        'Content-MD5',
        'content-type',
        'Date',
      ]),
    ).toEqual([]);
    expect(normaliseSignedHeaders(['x-ca-b', ' X-CA-A ', 'x-ca-b'])).toEqual(['x-ca-a', 'x-ca-b']);
    const text = buildStringToSign({ method: 'GET', path: '/p', headers: {}, signedHeaders: ['x-ca-missing'] });
    expect(text).toBe('GET\n\n\n\n\nx-ca-missing:\n/p');
  });

  it('sorts parameters by key, keeps the last of a repeated key and signs an empty value as its bare key', () => {
    expect(buildSignedUrl('/p')).toBe('/p');
    expect(
      buildSignedUrl('/p', [
        ['z', '1'],
        ['a', ''],
        ['m', 'x'],
        ['m', 'y'],
      ]),
    ).toBe('/p?a&m=y&z=1');
  });

  it('explains a bad signature with the server string to sign, newlines written as #', () => {
    expect(invalidSignatureMessage('POST\n\n\n\n\n/p')).toBe('Invalid Signature, Server StringToSign:POST#####/p');
    expect(invalidSignatureMessage('/空')).toBe('Invalid Signature, Server StringToSign:/?');
  });
});
