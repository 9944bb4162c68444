import { describe, expect, it } from 'vitest';
import { nameKey, pinyinOf, pinyinTerm } from './names.ts';

describe('name keys', () => {
  it('matches names exactly whatever their width, case and spacing', () => {
    expect(nameKey('  Zhang   Wei ')).toBe(nameKey('zhang wei'));
    expect(nameKey('ＬＩ　Ｎａ')).toBe('li na');
    expect(nameKey('张伟')).not.toBe(nameKey('张玮'));
  });

  it('gives toneless pinyin and initials from a phrase dictionary (polyphonic characters read right)', () => {
    expect(pinyinOf('张伟')).toEqual({ full: 'zhangwei', initials: 'zw' });
    expect(pinyinOf('重庆').full).toBe('chongqing');
    expect(pinyinOf('吕秀兰').full).toBe('luxiulan');
    expect(pinyinOf('Zoë Müller')).toEqual({ full: 'zoemuller', initials: 'zm' });
  });

  it('reads a search term as pinyin letters without spaces, tones or accents', () => {
    expect(pinyinTerm('Zhāng Wěi')).toBe('zhangwei');
    expect(pinyinTerm("xi'an")).toBe('xian');
    expect(pinyinTerm('张伟')).toBeNull();
    expect(pinyinTerm('100001')).toBeNull();
  });
});
