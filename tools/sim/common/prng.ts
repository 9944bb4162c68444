/** A small seeded pseudo-random generator (mulberry32): the same seed always gives the same sequence. */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A version-4-shaped UUID drawn from this sequence. */
  uuid(): string;
}

const HEX = '0123456789abcdef';

/** Creates a {@link Prng} from a 32-bit seed (strings are hashed to one). */
export function createPrng(seed: number | string): Prng {
  let state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() needs a non-empty list');
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    // 32 hex digits drawn in order, the version digit set to 4, then one more draw for the variant digit (a
    // site's 10,000-person terminal draws 40,000 of these at start: string building, not arrays).
    uuid: () => {
      let s = '';
      for (let i = 0; i < 32; i++) s += HEX[int(0, 15)];
      const variant = HEX[(int(0, 15) & 0x3) | 0x8];
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20)}`;
    },
  };
}

/** FNV-1a hash of a string to a 32-bit unsigned seed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
