import { describe, expect, it } from 'vitest';
import { capabilityLine, formatCount, formatLastSeen, formatPeople, pageCount } from './format.ts';

describe('device formatting', () => {
  it('shows people as count / capacity, count alone, or nothing', () => {
    const join = (count: string, capacity: string) => `${count} / ${capacity}`;
    expect(formatPeople({ peopleCount: 1200, capacity: 5000 }, 'en', join)).toBe('1,200 / 5,000');
    expect(formatPeople({ peopleCount: 120, capacity: null }, 'en', join)).toBe('120');
    expect(formatPeople({ peopleCount: null, capacity: 5000 }, 'en', join)).toBeNull();
  });

  it('formats the last-seen time in the interface language', () => {
    expect(formatLastSeen(null, 'en')).toBeNull();
    const at = Date.UTC(2025, 0, 31, 8, 5, 9);
    expect(formatLastSeen(at, 'en')).toContain('05:09');
    expect(formatLastSeen(at, 'zh-CN')).toMatch(/2025/);
  });

  it('formats counts and times in each locale asked for, one after the other (formatters kept per locale)', () => {
    expect(formatCount(1_234_567, 'en')).toBe('1,234,567');
    expect(formatCount(1_234_567, 'de')).toBe('1.234.567');
    expect(formatCount(1_234_567, 'en')).toBe('1,234,567');
    const at = Date.UTC(2025, 0, 2, 3, 4, 5);
    expect(formatLastSeen(at, 'zh-CN')).not.toBe(formatLastSeen(at, 'en'));
    expect(formatLastSeen(at, 'en')).toBe(
      new Intl.DateTimeFormat('en', { dateStyle: 'short', timeStyle: 'medium' }).format(at),
    );
  });

  it('shows what a terminal can do from its kind and API level, and a panel on API v0 as too old', () => {
    expect(capabilityLine({ kind: 'sophon', apiVersion: 'v2' })).toEqual({
      api: 'v2',
      keys: ['identityId', 'faces', 'list'],
    });
    expect(capabilityLine({ kind: 'basip', apiVersion: 'v1' })).toEqual({ api: 'v1', keys: ['linkId', 'uid', 'list'] });
    expect(capabilityLine({ kind: 'basip', apiVersion: 'v0' })).toEqual({ api: 'v0', keys: ['tooOld'] });
    expect(capabilityLine({ kind: 'unknown', apiVersion: null })).toEqual({ api: null, keys: ['none'] });
  });

  it('counts pages, at least one', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(120, 50)).toBe(3);
    expect(pageCount(301, 50)).toBe(7);
  });
});
