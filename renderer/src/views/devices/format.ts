import type { Terminal } from '../../../../shared/domain/terminal.ts';

/** When a terminal was last seen, as a local date and time in the interface language; null when never. */
export function formatLastSeen(lastSeen: number | null, locale: string): string | null {
  if (lastSeen === null) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(lastSeen);
}

/** A whole number with the locale's digit grouping. */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
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
