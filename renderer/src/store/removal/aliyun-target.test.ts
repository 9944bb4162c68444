import { describe, expect, it } from 'vitest';
import {
  aliyunRequestCount,
  EMPTY_ALIYUN_TARGET,
  MAX_ALIYUN_SCOPE_IDS,
  parseScopeIds,
  planAliyunRemoval,
  scopeIdsVerdict,
} from './aliyun-target.ts';

describe('parseScopeIds', () => {
  it('splits on new lines, spaces, commas and semicolons (Chinese ones too), trims and keeps the first of each id', () => {
    const parsed = parseScopeIds('  dev-a\r\ndev-b , dev-c;dev-d，dev-e；dev-f、dev-a\t\n\n dev_g.1 ');
    expect(parsed.ids).toEqual(['dev-a', 'dev-b', 'dev-c', 'dev-d', 'dev-e', 'dev-f', 'dev_g.1']);
    expect(parsed.duplicates).toBe(1);
    expect(parsed.invalid).toEqual([]);
    expect(scopeIdsVerdict(parsed)).toBeNull();
  });

  it('reports what is not an id: other characters, a prefix, more than 128 characters', () => {
    const long = 'x'.repeat(129);
    const parsed = parseScopeIds(`ok-1 iot:dev-2 "quoted" 设备3 ${long} ${'y'.repeat(128)}`);
    expect(parsed.ids).toEqual(['ok-1', 'y'.repeat(128)]);
    expect(parsed.invalid).toEqual([
      { id: 'iot:dev-2', problem: 'characters' },
      { id: '"quoted"', problem: 'characters' },
      { id: '设备3', problem: 'characters' },
      { id: long, problem: 'tooLong' },
    ]);
    expect(scopeIdsVerdict(parsed)).toEqual({ kind: 'invalid', id: 'iot:dev-2', problem: 'characters', count: 4 });
  });

  it('asks for at least one id, and at most the limit of one removal', () => {
    expect(scopeIdsVerdict(parseScopeIds(' \n , ;'))).toEqual({ kind: 'empty' });
    const many = Array.from({ length: MAX_ALIYUN_SCOPE_IDS + 1 }, (_, i) => `d${i}`).join('\n');
    expect(scopeIdsVerdict(parseScopeIds(many))).toEqual({ kind: 'tooMany', count: MAX_ALIYUN_SCOPE_IDS + 1 });
    const enough = Array.from({ length: MAX_ALIYUN_SCOPE_IDS }, (_, i) => `d${i}`).join('\n');
    expect(scopeIdsVerdict(parseScopeIds(enough))).toBeNull();
  });
});

describe('aliyunRequestCount', () => {
  it('counts one request per batch of users per device or space', () => {
    expect(aliyunRequestCount(6, 2, 4)).toBe(4);
    expect(aliyunRequestCount(8, 3, 4)).toBe(6);
    expect(aliyunRequestCount(1, 1, 10)).toBe(1);
    expect(aliyunRequestCount(0, 5, 10)).toBe(0);
    expect(aliyunRequestCount(5, 0, 10)).toBe(0);
  });
});

describe('planAliyunRemoval', () => {
  const users = 3;
  const defaults = { userType: 'OPEN' as const, batchSize: 2 };

  it('builds the cloud-removal:start request with the default user type unless one was chosen', () => {
    const target = { ...EMPTY_ALIYUN_TARGET, enabled: true, scopeType: 'SPACE_ID' as const, idsText: 's-1\ns-2 s-1' };
    expect(planAliyunRemoval(target, users, defaults)).toEqual({
      plan: {
        request: { userType: 'OPEN', scopeType: 'SPACE_ID', scopeIds: ['s-1', 's-2'] },
        users: 3,
        pairs: 6,
        requests: 4,
        batchSize: 2,
      },
    });
    const chosen = planAliyunRemoval({ ...target, userType: 'PHONE' }, users, defaults);
    expect('plan' in chosen && chosen.plan.request).toMatchObject({ userType: 'PHONE' });
  });

  it('says why it cannot plan: bad or missing ids, or people without an id', () => {
    const target = { ...EMPTY_ALIYUN_TARGET, enabled: true, idsText: 'dev/1' };
    expect(planAliyunRemoval(target, users, defaults)).toEqual({
      problem: { kind: 'ids', verdict: { kind: 'invalid', id: 'dev/1', problem: 'characters', count: 1 } },
    });
    expect(planAliyunRemoval({ ...target, idsText: '' }, users, defaults)).toEqual({
      problem: { kind: 'ids', verdict: { kind: 'empty' } },
    });
    expect(planAliyunRemoval({ ...target, idsText: 'dev-1' }, 0, defaults)).toEqual({ problem: { kind: 'noUsers' } });
  });
});
