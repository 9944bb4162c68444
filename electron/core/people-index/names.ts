import { pinyin } from 'pinyin-pro';

/**
 * Name keys of the people index: exact matching (`nameKey`) and pinyin-insensitive search (`pinyinOf`). Pinyin
 * comes from `pinyin-pro` (a maintained MIT library with a phrase dictionary, so 重庆 reads chong qing, not zhong
 * qing): hand-written tables get polyphonic characters wrong.
 */

const HAN = /\p{Script=Han}/u;

/** The name as compared for an exact match: NFKC (full-width → half-width), trimmed, inner spaces collapsed, lower case. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Whether a text holds Chinese characters. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * The toneless pinyin of a name without spaces ("张伟" → "zhangwei") and its initials ("zw"); for a name without
 * Chinese characters its key without spaces (so "Zhang Wei" finds 张伟 and "li na" finds "Li Na").
 */
export function pinyinOf(name: string): { full: string; initials: string } {
  const cached = PINYIN_CACHE.get(name);
  if (cached) return cached;
  const computed = computePinyin(name);
  // The same people are on many terminals: each name is converted once (bounded: forgotten when full).
  if (PINYIN_CACHE.size >= PINYIN_CACHE_MAX) PINYIN_CACHE.clear();
  PINYIN_CACHE.set(name, computed);
  return computed;
}

/** Names converted so far (a site's people appear on many terminals). */
const PINYIN_CACHE = new Map<string, { full: string; initials: string }>();
const PINYIN_CACHE_MAX = 200_000;

function computePinyin(name: string): { full: string; initials: string } {
  const key = plain(nameKey(name));
  if (!hasHan(key)) {
    const full = key.replace(/[\s\-'.·’]/g, '');
    const initials = key
      .split(/[\s\-'.·’]+/)
      .filter((w) => w !== '')
      .map((w) => w[0] ?? '')
      .join('');
    return { full, initials };
  }
  const syllables = pinyin(key, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).map((s) =>
    plain(s.trim().toLowerCase()),
  );
  const words = syllables.filter((s) => s !== '' && !/^[\s\-'.·]+$/.test(s));
  return { full: words.join('').replace(/[\s\-'.·]/g, ''), initials: words.map((w) => w[0] ?? '').join('') };
}

/** Latin letters without accents ("zoë" → "zoe", "lǚ"/"lü" → "lu"): a search needs no accents or tones. */
function plain(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** A search term as pinyin letters only (spaces, tones and apostrophes dropped), or null when it is not Latin letters. */
export function pinyinTerm(term: string): string | null {
  const key = plain(nameKey(term)).replace(/[\s\-'.·’]/g, '');
  return /^[a-z]+$/.test(key) ? key : null;
}
