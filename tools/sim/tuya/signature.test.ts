import { describe, expect, it } from 'vitest';
import {
  canonicalUrl,
  EMPTY_BODY_SHA256,
  MAX_CLOCK_SKEW_MS,
  sha256Hex,
  sign,
  stringToSign,
  verify,
  type ReceivedRequest,
} from './signature.ts';

// The vendor's published worked example (PROTOCOLS.md §3).
const CLIENT_ID = '1KAD46OrT9HafiKdsXeg';
const SECRET = '4OHBOnWOqaEC1mWXOpVL3yV50s0qGSRC';
const T = '1588925778000';
const NONCE = '5138cc3a9033d69856923fd07b491173';
const VECTOR = '9E48A3E93B302EEECC803C7241985D0A34EB944F40FB573C7B5C2A82158AF13E';
const AREA_ID = '29a33e8796834b1efa6';
const CALL_ID = '8afdb70ab2ed11eb85290242ac130003';

function vectorRequest(
  overrides: Partial<ReceivedRequest> = {},
  headers: Record<string, string> = {},
): ReceivedRequest {
  return {
    method: 'GET',
    url: '/v1.0/token?grant_type=1',
    body: '',
    headers: {
      client_id: CLIENT_ID,
      sign: VECTOR,
      sign_method: 'HMAC-SHA256',
      t: T,
      nonce: NONCE,
      'signature-headers': 'area_id:call_id',
      area_id: AREA_ID,
      call_id: CALL_ID,
      ...headers,
    },
    ...overrides,
  };
}

const tokenOptions = { clientId: CLIENT_ID, secret: SECRET, tokenCall: true, now: Number(T) };

/** Signs a business call for the tampering cases. */
function businessRequest(url: string, body: string, accessToken: string): ReceivedRequest {
  const signature = sign({
    clientId: CLIENT_ID,
    secret: SECRET,
    accessToken,
    t: T,
    nonce: NONCE,
    stringToSign: stringToSign({ method: 'POST', body, url: canonicalUrl(url) }),
  });
  return {
    method: 'POST',
    url,
    body,
    headers: {
      client_id: CLIENT_ID,
      sign: signature,
      sign_method: 'HMAC-SHA256',
      t: T,
      nonce: NONCE,
      access_token: accessToken,
    },
  };
}

describe('Tuya signature', () => {
  it('reproduces the vendor vector 9E48A3E9...AF13E', () => {
    expect(sha256Hex('')).toBe(EMPTY_BODY_SHA256);
    const toSign = stringToSign({
      method: 'GET',
      body: '',
      signedHeaders: [
        ['area_id', AREA_ID],
        ['call_id', CALL_ID],
      ],
      url: '/v1.0/token?grant_type=1',
    });
    expect(toSign).toBe(
      `GET\n${EMPTY_BODY_SHA256}\narea_id:${AREA_ID}\ncall_id:${CALL_ID}\n\n/v1.0/token?grant_type=1`,
    );
    expect(sign({ clientId: CLIENT_ID, secret: SECRET, t: T, nonce: NONCE, stringToSign: toSign })).toBe(VECTOR);
    expect(verify(vectorRequest(), tokenOptions)).toEqual({ ok: true });
  });

  it('sorts the query by key for the url part', () => {
    expect(canonicalUrl('/a')).toBe('/a');
    expect(canonicalUrl('/a?')).toBe('/a');
    expect(canonicalUrl('/a?projectId=9&page=2&pageSize=5')).toBe('/a?page=2&pageSize=5&projectId=9');
  });

  it('refuses a signed header whose value changed (1004)', () => {
    const result = verify(vectorRequest({}, { call_id: `${CALL_ID.slice(0, -1)}4` }), tokenOptions);
    expect(result).toMatchObject({ ok: false, code: 1004 });
  });

  it('refuses a changed body byte (1004)', () => {
    const request = businessRequest('/v1.0/x', '{"projectId":"1"}', 'tok');
    expect(verify(request, { ...tokenOptions, tokenCall: false })).toEqual({ ok: true });
    const tampered = { ...request, body: '{"projectId":"2"}' };
    expect(verify(tampered, { ...tokenOptions, tokenCall: false })).toMatchObject({ ok: false, code: 1004 });
  });

  it('refuses a client that signed its query unsorted (1004), accepts the sorted signature', () => {
    const url = '/v1.0/x?projectId=9&page=2';
    const signedUnsorted = sign({
      clientId: CLIENT_ID,
      secret: SECRET,
      accessToken: 'tok',
      t: T,
      nonce: NONCE,
      stringToSign: stringToSign({ method: 'POST', body: '', url }),
    });
    const request = businessRequest(url, '', 'tok');
    expect(verify(request, { ...tokenOptions, tokenCall: false })).toEqual({ ok: true });
    const unsorted = { ...request, headers: { ...request.headers, sign: signedUnsorted } };
    expect(verify(unsorted, { ...tokenOptions, tokenCall: false })).toMatchObject({ ok: false, code: 1004 });
  });

  it('binds business signatures to the access token (1004 with another token)', () => {
    const request = businessRequest('/v1.0/x', '', 'tok');
    const swapped = { ...request, headers: { ...request.headers, access_token: 'other' } };
    expect(verify(swapped, { ...tokenOptions, tokenCall: false })).toMatchObject({ ok: false, code: 1004 });
  });

  it(`accepts t within ±${MAX_CLOCK_SKEW_MS / 60000} min and refuses a stale or malformed t (1013)`, () => {
    const t = Number(T);
    expect(verify(vectorRequest(), { ...tokenOptions, now: t + MAX_CLOCK_SKEW_MS })).toEqual({ ok: true });
    expect(verify(vectorRequest(), { ...tokenOptions, now: t - MAX_CLOCK_SKEW_MS })).toEqual({ ok: true });
    expect(verify(vectorRequest(), { ...tokenOptions, now: t + MAX_CLOCK_SKEW_MS + 1 })).toMatchObject({ code: 1013 });
    expect(verify(vectorRequest({}, { t: '1588925778' }), tokenOptions)).toMatchObject({ code: 1013 });
    expect(verify(vectorRequest({}, { t: '' }), tokenOptions)).toMatchObject({ code: 1013 });
  });

  it('refuses a lower-case sign, another sign_method or a missing sign (1004) and an unknown client (1005)', () => {
    expect(verify(vectorRequest({}, { sign: VECTOR.toLowerCase() }), tokenOptions)).toMatchObject({ code: 1004 });
    expect(verify(vectorRequest({}, { sign_method: 'MD5' }), tokenOptions)).toMatchObject({ code: 1004 });
    expect(verify(vectorRequest({}, { sign: '' }), tokenOptions)).toMatchObject({ code: 1004 });
    expect(verify(vectorRequest({}, { client_id: 'someone-else' }), tokenOptions)).toMatchObject({ code: 1005 });
  });
});
