import { describe, expect, it } from 'vitest';
import { DriverError } from '../driver.ts';
import { interpret } from './api.ts';
import { failureKindOf, parseErrorAnswer } from './errors.ts';

function thrown(fn: () => unknown): DriverError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DriverError);
    return error as DriverError;
  }
  throw new Error('expected a DriverError');
}

const errorBody = (code: unknown, message: unknown = 'x'): string =>
  JSON.stringify({ error: { code, message, status: 'S' } });

describe('failureKindOf', () => {
  it.each([
    ['INVALID_ARGUMENTS', 400, 'invalid'],
    ['MISSING_ARGUMENTS', 400, 'invalid'],
    ['INVALID_REQUEST_JSON', 400, 'invalid'],
    ['UNSUPPORT_CONTENT_TYPE', 415, 'invalid'],
    ['GROUP_LEN_ERROR', 400, 'invalid'],
    ['PASSWORD_ERROR', 401, 'auth'],
    ['PASSWORD_ERROR', 200, 'auth'],
    ['INTERNAL_ERROR', 500, 'retryable'],
    ['INTERNAL_ERROR', 200, 'retryable'],
    ['DEVICE_BUSY', 503, 'retryable'],
    ['BUSY', 200, 'retryable'],
    ['SOMETHING_NEW', 503, 'retryable'],
    ['SOMETHING_NEW', 429, 'retryable'],
    ['SOMETHING_NEW', 400, 'invalid'],
  ] as const)('%s at HTTP %i is %s', (code, status, kind) => {
    expect(failureKindOf(code, status)).toBe(kind);
  });
});

describe('parseErrorAnswer', () => {
  it('reads the documented shape and tolerates missing message/status', () => {
    expect(parseErrorAnswer({ error: { code: 'ID_NOT_FOUND', message: 'm', status: 'NOT_FOUND' } })).toEqual({
      code: 'ID_NOT_FOUND',
      numeric: null,
      message: 'm',
      status: 'NOT_FOUND',
    });
    expect(parseErrorAnswer({ error: { code: 'X', message: [] } })).toEqual({
      code: 'X',
      numeric: null,
      message: '',
      status: '',
    });
  });

  it('reads numbers in message and status as text', () => {
    expect(parseErrorAnswer({ error: { code: 'X', message: 42, status: 404 } })).toMatchObject({
      message: '42',
      status: '404',
    });
  });

  it('names integer codes (a number or digits) by the vendor table, else keeps their decimal text', () => {
    expect(parseErrorAnswer({ error: { code: 2 } })).toMatchObject({ code: 'ID_NOT_FOUND', numeric: 2 });
    expect(parseErrorAnswer({ error: { code: 6 } })).toMatchObject({ code: 'INVALID_ARGUMENTS', numeric: 6 });
    expect(parseErrorAnswer({ error: { code: '12' } })).toMatchObject({ code: 'UNSUPPORT_CONTENT_TYPE', numeric: 12 });
    expect(parseErrorAnswer({ error: { code: 1 } })?.code).toBe('GROUP_LEN_ERROR');
    expect(parseErrorAnswer({ error: { code: 99 } })).toMatchObject({ code: '99', numeric: 99 });
  });

  it('refuses other shapes (BAS-IP string errors, odd numbers, arrays, huge codes)', () => {
    expect(parseErrorAnswer({ error: 'Wrong JSON body' })).toBeUndefined();
    for (const code of [-1, 2.5, Number.MAX_SAFE_INTEGER + 2, '', true, null, {}]) {
      expect(parseErrorAnswer({ error: { code } }), String(code)).toBeUndefined();
    }
    expect(parseErrorAnswer({ error: [] })).toBeUndefined();
    expect(parseErrorAnswer([{ error: { code: 'X' } }])).toBeUndefined();
    expect(parseErrorAnswer({ error: { code: 'X'.repeat(10_000) } })).toBeUndefined();
    expect(parseErrorAnswer(null)).toBeUndefined();
  });

  it('cuts a huge message', () => {
    expect(parseErrorAnswer({ error: { code: 'X', message: 'm'.repeat(100_000) } })?.message).toHaveLength(200);
  });
});

describe('interpret', () => {
  it('answers the object of a 2xx JSON success', () => {
    expect(interpret('op', 200, '{"result":true}')).toEqual({ result: true });
  });

  it('maps Sophon error bodies by code, keeping code and status', () => {
    const error = thrown(() => interpret('deleteface', 404, errorBody('ID_NOT_FOUND', '未找到的ID值: 1')));
    expect(error).toMatchObject({ kind: 'invalid', rawCode: 'ID_NOT_FOUND', status: 404 });
    expect(error.message).toContain('deleteface');
    expect(thrown(() => interpret('login', 401, errorBody('PASSWORD_ERROR'))).kind).toBe('auth');
    expect(thrown(() => interpret('x', 500, errorBody('INTERNAL_ERROR'))).kind).toBe('retryable');
  });

  it('maps integer codes to the names the driver branches on, at any status', () => {
    const notFound = thrown(() => interpret('deleteidentities', 404, errorBody(2, '未找到的ID值: 1')));
    expect(notFound).toMatchObject({ kind: 'invalid', rawCode: 'ID_NOT_FOUND', status: 404 });
    expect(notFound.message).toContain('ID_NOT_FOUND [2]');
    expect(thrown(() => interpret('deleteidentities', 200, errorBody(6))).rawCode).toBe('INVALID_ARGUMENTS');
    // Codes outside the table fall back on the HTTP status.
    expect(thrown(() => interpret('login', 401, errorBody(13)))).toMatchObject({ kind: 'auth', rawCode: '13' });
    expect(thrown(() => interpret('x', 500, errorBody(14)))).toMatchObject({ kind: 'retryable', rawCode: '14' });
  });

  it('makes every 5xx retryable, whatever the body', () => {
    for (const body of ['', '<html>oops</html>', '{"a":1}', 'null']) {
      const error = thrown(() => interpret('x', 503, body));
      expect(error).toMatchObject({ kind: 'retryable', status: 503, rawCode: 'HTTP_503' });
    }
  });

  it('treats hostile or foreign bodies as retryable "unexpected answer", never crashing', () => {
    const cases: [number, unknown][] = [
      [200, '<!doctype html><html><body>router login</body></html>'],
      [200, ''],
      [200, undefined],
      [200, 12],
      [200, '[1,2,3]'],
      [200, '"text"'],
      [200, '{"broken": '],
      [404, '<html>Not Found</html>'],
      [404, '{"message":"not here"}'],
      [400, '{"error":"Wrong JSON body"}'],
      [200, '['.repeat(100_000) + ']'.repeat(100_000)],
    ];
    for (const [status, body] of cases) {
      const error = thrown(() => interpret('getidentities', status, body));
      expect(error.kind).toBe('retryable');
      expect(error.rawCode).toBe('UNEXPECTED_ANSWER');
      expect(error.message).toMatch(/unexpected answer to getidentities/);
    }
  });
});
