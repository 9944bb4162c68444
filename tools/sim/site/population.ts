import { generatePeople, type SimPerson } from '../common/people.ts';
import type { Knobs } from '../common/knobs.ts';
import { createPrng } from '../common/prng.ts';

/** The two kinds of terminal a site can hold. */
export type TerminalKind = 'sophon' | 'basip';

/** What a site is made of: `mixed` alternates Sophon (even indexes) and BAS-IP (odd indexes). */
export type SiteKind = TerminalKind | 'mixed';

/** The kind of terminal `index` on a site of `kind`. */
export function kindAt(kind: SiteKind, index: number): TerminalKind {
  if (kind === 'mixed') return index % 2 === 0 ? 'sophon' : 'basip';
  return kind;
}

/** A deterministic serial number, unique on the site (the index is its last three digits). */
export function serialFor(siteSeed: string, kind: TerminalKind, index: number): string {
  const prng = createPrng(`${siteSeed}/serial/${index}`);
  const body = String(prng.int(100_000, 999_999));
  return `${kind === 'sophon' ? 'SPH' : 'BIP'}${body}${String(index).padStart(3, '0')}`;
}

/** The site population's seed for a site seed. */
export function populationSeed(siteSeed: string): string {
  return `${siteSeed}/people`;
}

/** Size of the site population when each terminal holds `perTerminal` people: each person sits on about half the terminals. */
export function populationSize(perTerminal: number): number {
  return Math.max(perTerminal, perTerminal * 2);
}

/**
 * The people terminal `index` holds: `count` distinct indexes drawn (seeded by site and index) from a
 * population of `size`, ascending. The same person thus appears on many terminals with one identity.
 */
export function subsetFor(siteSeed: string, index: number, size: number, count: number): number[] {
  const take = Math.min(count, size);
  const prng = createPrng(`${siteSeed}/subset/${index}`);
  const pool = Array.from({ length: size }, (_, i) => i);
  for (let i = 0; i < take; i++) {
    const j = prng.int(i, size - 1);
    [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
  }
  return pool.slice(0, take).sort((a, b) => a - b);
}

/** The people terminal `index` holds, taken from the site population (see {@link subsetFor}). */
export function peopleFor(siteSeed: string, index: number, size: number, count: number): SimPerson[] {
  const population = generatePeople(populationSeed(siteSeed), size);
  return subsetFor(siteSeed, index, size, count).map((i) => population[i] as SimPerson);
}

/**
 * The firmware spread of a realistic site, for `sim` and `demo`: every fourth BAS-IP panel still runs
 * 3.8 firmware (the older `/api/v0` only), and some terminals run the firmware variants the vendor
 * documents leave open (knobs.ts, FIRMWARE_VARIANTS): on a mixed site, Sophon terminals 2, 10, 18, …
 * answer a whole `deleteidentities` batch with ID_NOT_FOUND (integer codes), Sophon 6, 14, … cap list pages
 * at 20 silently and send numbers for text fields; BAS-IP panels 1, 9, 17, … answer link deletes with
 * `link_id: null` and list without totals, panels 5, 13, … cap pages at 20. Everything else keeps its
 * simulator's default.
 */
export function fieldVariety(index: number, kind: TerminalKind): { firmware?: string; knobs?: Partial<Knobs> } {
  if (kind === 'basip') {
    if (index % 4 === 3) return { firmware: '3.8.2' };
    if (index % 8 === 1) return { knobs: { variants: ['link-id-null', 'no-totals'] } };
    if (index % 8 === 5) return { knobs: { pageCap: 20 } };
    return {};
  }
  if (index % 8 === 2) return { knobs: { variants: ['batch-not-found', 'int-codes'] } };
  if (index % 8 === 6) return { knobs: { pageCap: 20, variants: ['numeric-values'] } };
  return {};
}
