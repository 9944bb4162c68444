/**
 * An estimated duration in the interface language ("3 seconds", "12 minutes", "1.5 hours"), rounded up;
 * null when it is under a second (the caller says so in words).
 */
export function formatDuration(ms: number, locale: string): string | null {
  if (ms < 1000) return null;
  const unit = (value: number, name: 'second' | 'minute' | 'hour') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long', maximumFractionDigits: 1 }).format(
      value,
    );
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return unit(seconds, 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return unit(minutes, 'minute');
  return unit(Math.ceil(minutes / 6) / 10, 'hour');
}
