/** How old an index is, in words ("3 min", "2 h"); "never read" without a complete read. */
export function ageOf(readAt: number | null, now = Date.now()): string {
  if (readAt === null) return 'never read';
  const s = Math.max(0, Math.round((now - readAt) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}
