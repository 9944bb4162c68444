import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toErrorPayload } from '../../../../shared/errors.ts';
import { fullJitterDelay } from './backoff.ts';
import { TuyaError, tuyaErrorFromCode, tuyaErrorFromTransport } from './errors.ts';
import { camelKey, camelizeKeys } from './keys.ts';
import { collectPages, idSchema, intSchema, parsePage, textSchema, type Page } from './schemas.ts';

describe('key normalisation', () => {
  it('camelises snake_case keys deeply and leaves values and camelCase keys alone', () => {
    expect(camelKey('access_auth_id')).toBe('accessAuthId');
    expect(camelKey('record_list_v_o_list')).toBe('recordListVOList');
    expect(camelKey('hasMore')).toBe('hasMore');
    expect(camelKey('_')).toBe('_');
    expect(camelizeKeys({ has_more: true, list: [{ person_id: 'a_b', structure_ids: ['x_y'] }], t: 1 })).toEqual({
      hasMore: true,
      list: [{ personId: 'a_b', structureIds: ['x_y'] }],
      t: 1,
    });
  });

  it('prefers the camelCase spelling when both are present', () => {
    expect(camelizeKeys({ access_auth_id: 'snake', accessAuthId: 'camel' })).toEqual({ accessAuthId: 'camel' });
    expect(camelizeKeys({ accessAuthId: 'camel', access_auth_id: 'snake' })).toEqual({ accessAuthId: 'camel' });
  });
});

describe('defensive readers', () => {
  const Item = z.object({ id: idSchema, name: textSchema, count: intSchema });

  it('accepts numbers for strings and numeric strings for numbers; odd optional values become null', () => {
    expect(Item.parse({ id: 15, name: 7, count: '12' })).toEqual({ id: '15', name: '7', count: 12 });
    expect(Item.parse({ id: 'x', name: { no: 1 }, count: 'many' })).toEqual({ id: 'x', name: null, count: null });
    expect(Item.parse({ id: 'x' })).toEqual({ id: 'x', name: null, count: null });
  });

  it('fails a page with a missing id as a bad-response TuyaError naming the item', () => {
    expect(parsePage({ total: '2', list: [{ id: 'a' }], has_more: 1 }, Item, 'things')).toEqual({
      items: [{ id: 'a', name: null, count: null }],
      total: 2,
      hasMore: null,
    });
    let caught: unknown;
    try {
      parsePage({ list: [{ id: 'a' }, { name: 'no id' }] }, Item, 'things');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TuyaError);
    expect(caught).toMatchObject({ kind: 'bad-response', code: 'INTERNAL' });
    expect((caught as TuyaError).detail).toMatch(/^things item 1: id/);
  });

  it('reads pages until hasMore is false, or without hasMore until a short page or the total', async () => {
    const pages = (sizes: number[], hasMore: boolean | null, total: number | null) => {
      const asked: number[] = [];
      const fetch = (page: number): Promise<Page<number>> => {
        asked.push(page);
        const size = sizes[page - 1] ?? 0;
        return Promise.resolve({
          items: Array.from({ length: size }, (_, i) => page * 100 + i),
          total,
          hasMore: hasMore === null ? null : page < sizes.length,
        });
      };
      return { asked, fetch };
    };
    const a = pages([2, 2, 1], true, null);
    expect(await collectPages(a.fetch, 2)).toHaveLength(5);
    expect(a.asked).toEqual([1, 2, 3]);
    const b = pages([2, 2, 2, 2], null, 4);
    expect(await collectPages(b.fetch, 2)).toHaveLength(4);
    expect(b.asked).toEqual([1, 2]);
    const c = pages([2, 1], null, null);
    expect(await collectPages(c.fetch, 2)).toHaveLength(3);
    expect(c.asked).toEqual([1, 2]);
  });
});

describe('error mapping', () => {
  it('maps Tuya codes to kinds and AppError codes', () => {
    const cases: Array<[number, string, string]> = [
      [1004, 'auth', 'UNAUTHORIZED'],
      [1010, 'auth', 'UNAUTHORIZED'],
      [1013, 'clock', 'UNAUTHORIZED'],
      [1106, 'forbidden', 'UNAUTHORIZED'],
      [1199, 'throttled', 'NETWORK'],
      [1110, 'throttled', 'NETWORK'],
      [500, 'server', 'NETWORK'],
      [1000, 'not-found', 'NOT_FOUND'],
      [1100, 'invalid', 'VALIDATION'],
      [2017, 'invalid', 'VALIDATION'],
    ];
    for (const [tuyaCode, kind, code] of cases) {
      expect(tuyaErrorFromCode(tuyaCode, 'm')).toMatchObject({ tuyaCode, kind, code, tuyaMsg: 'm' });
    }
    expect(tuyaErrorFromCode(1199, null).mayHaveArrived).toBe(false);
    expect(tuyaErrorFromCode(1199, null).retryable).toBe(true);
    expect(tuyaErrorFromCode(1004, null).retryable).toBe(false);
    expect(tuyaErrorFromCode(1013, null, { serverTime: 0, now: 3 * 60_000 }).message).toMatch(/about 3 minutes ahead/);
    expect(tuyaErrorFromCode(1013, null, { serverTime: 10 * 60_000, now: 0 }).message).toMatch(/10 minutes behind/);
  });

  it('tells a connection never made from one that may have delivered the request', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const timeout = Object.assign(new Error('timeout of 20000ms exceeded'), { code: 'ECONNABORTED' });
    expect(tuyaErrorFromTransport(refused)).toMatchObject({ kind: 'network', mayHaveArrived: false });
    expect(tuyaErrorFromTransport(timeout)).toMatchObject({ kind: 'network', mayHaveArrived: true });
    expect(tuyaErrorFromTransport(timeout, true)).toMatchObject({ kind: 'cancelled', code: 'CANCELLED' });
  });

  it('travels over IPC with the Tuya code and msg in details', () => {
    expect(toErrorPayload(tuyaErrorFromCode(1106, 'permission deny'))).toEqual({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/does not allow this account/) as unknown as string,
      details: { source: 'tuya', kind: 'forbidden', tuyaCode: 1106, tuyaMsg: 'permission deny' },
    });
  });
});

describe('full jitter', () => {
  it('draws from [0, min(cap, base·2^(n-1)))', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 3000 };
    expect([1, 2, 3, 4, 5].map((n) => fullJitterDelay(n, policy, () => 1))).toEqual([499, 999, 1999, 2999, 2999]);
    expect(fullJitterDelay(3, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(2, policy, () => 0.5)).toBe(500);
  });
});
