/** A time as the locale shows date and time, or '' when there is none. */
export function formatTime(ms: number | null, locale: string): string {
  if (ms === null) return '';
  return new Date(ms).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'medium' });
}

/** The words a target name is put into: react-i18next's `t`, narrowed to what the name needs. */
type Translate = (key: string) => string;

/**
 * A sync target's name in the user's language: a cloud by its product name in that language (the core names
 * clouds by their id: `tuya`, `aliyun`), a terminal by the name the core gives it (its label, else its name).
 */
export function targetNameOf(t: Translate, targetKind: string, target: string, name: string): string {
  if (targetKind !== 'cloud') return name;
  return target === 'tuya' || target === 'aliyun' ? t(`cloudSettings.${target}.title`) : name;
}
