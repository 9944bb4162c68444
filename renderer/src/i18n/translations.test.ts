import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

describe('translations', () => {
  const english = leaves(en);
  const chinese = leaves(zhCN);

  it('have the same keys and the same placeholders in every language', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) {
      const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
      expect(placeholders(chinese.get(key) ?? ''), key).toEqual(placeholders(text));
      expect(chinese.get(key)?.trim(), key).not.toBe('');
    }
  });

  it('explain every error code in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(english.get(`errors.${code}`), code).toBeTruthy();
      expect(chinese.get(`errors.${code}`), code).toBeTruthy();
    }
  });
});
