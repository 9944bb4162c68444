import type { TFunction } from 'i18next';

/** What an item's reason is made of: the core's code (`rawCode`) and its English detail (`reason`). */
export interface CodedReason {
  rawCode: string | null;
  reason: string | null;
  /** The core's code of why, where the vendor's raw code does not say it (`credentials`). */
  failureCode?: 'credentials' | null;
}

/**
 * Why a job item or a queued operation ended as it did, in the user's language (issue 18). Known codes
 * (`auth`, `HTTP_503`, `plan:no-id`, `recheck:unreadable`, `task:failed`, ...) have sentences of their own
 * (`itemReasons`); any other code is named in a sentence of the chosen language. The core's English detail
 * (with the vendor's words and counts) is shown as it is only in English, where it says more than the code;
 * null when there is nothing to say.
 */
export function itemReasonText(t: TFunction, language: string, item: CodedReason): string | null {
  const { rawCode, reason } = item;
  if (reason === null && rawCode === null) return null;
  if (language === 'en' && reason !== null && reason !== '') return reason;
  // The terminal refused the credentials: what to do is the same whatever the vendor's words for it.
  if (item.failureCode === 'credentials') return t('itemReasons.auth');
  if (rawCode === null) return reason === null ? null : t('itemReasons.unknown');
  const http = /^HTTP_(\d{3})$/.exec(rawCode);
  if (http) return t('itemReasons.http', { status: http[1] });
  if (/^[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)?$/.test(rawCode)) {
    const known = t(`itemReasons.${rawCode.replace(':', '.')}`, { defaultValue: '' });
    if (typeof known === 'string' && known !== '') return known;
  }
  return reason === null ? null : t('itemReasons.vendor', { code: rawCode });
}
