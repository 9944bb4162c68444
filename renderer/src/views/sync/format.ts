/** A time as the locale shows date and time, or '' when there is none. */
export function formatTime(ms: number | null, locale: string): string {
  if (ms === null) return '';
  return new Date(ms).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'medium' });
}
