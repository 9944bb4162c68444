import { capabilitiesOf, isApiV0 } from '../../../../shared/domain/capabilities.ts';
import type { Terminal } from '../../../../shared/domain/terminal.ts';

/** An i18n key under `devices.capability` naming one thing a terminal can do (or that it can do nothing). */
export type CapabilityKey = 'identityId' | 'linkId' | 'uid' | 'faces' | 'list' | 'none' | 'tooOld';

/**
 * The capability line of a terminal, from its kind and API level (never its credentials): the API level and
 * the keys of what it can do, `tooOld` alone for a BAS-IP panel on API v0, `none` alone for an unknown kind.
 */
export function capabilityLine(terminal: Pick<Terminal, 'kind' | 'apiVersion'>): {
  api: string | null;
  keys: CapabilityKey[];
} {
  const caps = capabilitiesOf(terminal);
  if (isApiV0(terminal)) return { api: caps.api, keys: ['tooOld'] };
  const keys: CapabilityKey[] = [];
  if (caps.removeByIdentityId) keys.push('identityId');
  if (caps.removeByLinkId) keys.push('linkId');
  if (caps.removeByUid) keys.push('uid');
  if (caps.removeSingleFaces) keys.push('faces');
  if (caps.listPeople) keys.push('list');
  return { api: caps.api, keys: keys.length === 0 ? ['none'] : keys };
}

/**
 * Formatters by locale, made once: making an `Intl` formatter costs about as much as a hundred uses of one, and
 * the Jobs view formats hundreds of counts as it opens (50 terminals' counts and progress): 24 ms of its first
 * render made formatters, a tenth of the time until its table was usable (a 500,000-item job).
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function dateTimeFormat(locale: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
    dateTimeFormats.set(locale, format);
  }
  return format;
}

function numberFormat(locale: string): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format;
}

/** When a terminal was last seen, as a local date and time in the interface language; null when never. */
export function formatLastSeen(lastSeen: number | null, locale: string): string | null {
  if (lastSeen === null) return null;
  return dateTimeFormat(locale).format(lastSeen);
}

/** A whole number with the locale's digit grouping. */
export function formatCount(value: number, locale: string): string {
  return numberFormat(locale).format(value);
}

/**
 * The people column: "count / capacity" when both are known, "count" when only the count is, null when
 * the count is unknown. `joined` renders the pair in the interface language.
 */
export function formatPeople(
  terminal: Pick<Terminal, 'peopleCount' | 'capacity'>,
  locale: string,
  joined: (count: string, capacity: string) => string,
): string | null {
  if (terminal.peopleCount === null) return null;
  const count = formatCount(terminal.peopleCount, locale);
  return terminal.capacity === null ? count : joined(count, formatCount(terminal.capacity, locale));
}

/** How many pages `total` items fill at `pageSize` a page (at least one, so "Page 1 of 1" for none). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
