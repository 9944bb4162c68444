import { describe, expect, it } from 'vitest';
import { formatIpv4, parseSubnet } from './netns.ts';
import { fieldVariety, kindAt, peopleFor, serialFor, subsetFor } from './population.ts';
import { pageLog } from './terminal-protocol.ts';
import type { LoggedRequest } from '../common/request-log.ts';

describe('site composition', () => {
  it('alternates kinds on a mixed site and gives unique, stable serials', () => {
    expect([0, 1, 2, 3].map((i) => kindAt('mixed', i))).toEqual(['sophon', 'basip', 'sophon', 'basip']);
    expect(kindAt('basip', 0)).toBe('basip');
    const serials = Array.from({ length: 200 }, (_, i) => serialFor('s', kindAt('mixed', i), i));
    expect(new Set(serials).size).toBe(200);
    expect(serialFor('s', 'sophon', 4)).toBe(serials[4]);
    expect(serials[1]).toMatch(/^BIP\d{9}$/);
  });

  it('draws each terminal a stable subset of one population, so people repeat across terminals', () => {
    const a = subsetFor('site', 0, 100, 50);
    expect(a).toEqual(subsetFor('site', 0, 100, 50));
    expect(new Set(a).size).toBe(50);
    expect(a).toEqual([...a].sort((x, y) => x - y));
    const b = subsetFor('site', 1, 100, 50);
    expect(b).not.toEqual(a);
    expect(a.filter((i) => b.includes(i)).length).toBeGreaterThan(10);
    const shared = a.find((i) => b.includes(i))!;
    const onA = peopleFor('site', 0, 100, 50).find((p) => p.index === shared);
    const onB = peopleFor('site', 1, 100, 50).find((p) => p.index === shared);
    expect(onA).toEqual(onB);
    expect(subsetFor('site', 0, 10, 50)).toHaveLength(10);
  });

  it('gives every fourth BAS-IP panel older firmware and some terminals the firmware variants', () => {
    expect(fieldVariety(3, 'basip')).toEqual({ firmware: '3.8.2' });
    expect(fieldVariety(1, 'basip')).toEqual({ knobs: { variants: ['link-id-null', 'no-totals'] } });
    expect(fieldVariety(5, 'basip')).toEqual({ knobs: { pageCap: 20 } });
    expect(fieldVariety(7, 'basip')).toEqual({ firmware: '3.8.2' });
    expect(fieldVariety(2, 'sophon')).toEqual({ knobs: { variants: ['batch-not-found', 'int-codes'] } });
    expect(fieldVariety(3, 'sophon')).toEqual({});
    expect(fieldVariety(4, 'sophon')).toEqual({});
  });
});

describe('subnets', () => {
  it('parses CIDR subnets and formats addresses', () => {
    expect(parseSubnet('10.77.0.0/24')).toEqual({ base: 0x0a4d0000, prefixLength: 24 });
    expect(parseSubnet('10.77.3.9/16').base).toBe(0x0a4d0000);
    expect(formatIpv4(0x0a4d0000 + 12)).toBe('10.77.0.12');
    expect(() => parseSubnet('10.77.0.0/28')).toThrow(/prefix/);
    expect(() => parseSubnet('300.1.1.1/24')).toThrow();
  });
});

describe('pageLog', () => {
  const entries: LoggedRequest[] = Array.from({ length: 5 }, (_, i) => ({
    seq: i + 1,
    at: 0,
    method: 'POST',
    path: i % 2 ? '/a/delete' : '/a/list',
    query: {},
    body: null,
    status: 200,
  }));

  it('pages after a sequence number and filters by path', () => {
    expect(pageLog(entries, { limit: 2 })).toMatchObject({ next: 2, more: true });
    expect(pageLog(entries, { after: 2, limit: 2 }).entries.map((e) => e.seq)).toEqual([3, 4]);
    expect(pageLog(entries, { after: 4, limit: 2 })).toMatchObject({ next: 5, more: false });
    expect(pageLog(entries, { pathIncludes: 'delete' }).entries.map((e) => e.seq)).toEqual([2, 4]);
    expect(pageLog(entries, { after: 5 })).toEqual({ entries: [], next: 5, more: false });
  });
});
