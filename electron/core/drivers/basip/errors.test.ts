import { describe, expect, it } from 'vitest';
import { ADMIN_NEEDED_MESSAGE, errorFromAnswer, isTokenRejected, readBasipError } from './errors.ts';

describe('BAS-IP error answers', () => {
  it('reads both error shapes and nothing else', () => {
    expect(readBasipError({ error: 'Wrong JSON body' })).toEqual({ code: null, message: 'Wrong JSON body' });
    expect(readBasipError({ error: true })).toEqual({ code: null, message: null });
    expect(readBasipError({ error: { code: 'not_valid', message: 'bad' } })).toEqual({
      code: 'not_valid',
      message: 'bad',
    });
    expect(readBasipError({ error: { code: 'system_error' } })).toEqual({ code: 'system_error', message: null });
    expect(readBasipError({ error: 'x'.repeat(10_000) })?.message).toHaveLength(200);
    expect(readBasipError({ error: false })).toBeUndefined();
    expect(readBasipError({ result: [] })).toBeUndefined();
    expect(readBasipError('error')).toBeUndefined();
    expect(readBasipError(undefined)).toBeUndefined();
  });

  it('maps legacy answers by status and text', () => {
    const cases: Array<[number, unknown, string]> = [
      [400, { error: 'Wrong JSON body' }, 'invalid'],
      [400, { error: 'Wrong JSON body: no value for `link_ids`' }, 'invalid'],
      [400, { error: true }, 'invalid'],
      [400, { error: 'Wrong login or password' }, 'auth'],
      [401, { error: 'Log In' }, 'auth'],
      [403, { error: 'Administrator rights required' }, 'auth'],
      [500, { error: 'Internal server error' }, 'retryable'],
      [503, undefined, 'retryable'],
      [200, { error: 'Device is busy' }, 'retryable'],
      [429, undefined, 'retryable'],
      [404, undefined, 'invalid'],
    ];
    for (const [status, body, kind] of cases)
      expect([status, body, errorFromAnswer(status, body).kind]).toEqual([status, body, kind]);
  });

  it('maps coded answers by code first', () => {
    const coded = (code: string): unknown => ({ error: { code, message: 'm' } });
    expect(errorFromAnswer(400, coded('invalid_authentication')).kind).toBe('auth');
    expect(errorFromAnswer(400, coded('permission_denied')).message).toBe(ADMIN_NEEDED_MESSAGE);
    expect(errorFromAnswer(400, coded('not_valid')).kind).toBe('invalid');
    expect(errorFromAnswer(400, coded('system_error')).kind).toBe('retryable');
    const error = errorFromAnswer(503, coded('system_error'));
    expect([error.rawCode, error.status]).toEqual(['system_error', 503]);
    expect(isTokenRejected(400, coded('invalid_authentication'))).toBe(true);
    expect(isTokenRejected(401, { error: 'Log In' })).toBe(true);
    expect(isTokenRejected(403, { error: 'Administrator rights required' })).toBe(false);
  });
});
