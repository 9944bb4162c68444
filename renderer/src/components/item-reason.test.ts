import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/index.ts';
import { itemReasonText } from './item-reason.ts';

describe('itemReasonText', () => {
  it('renders known codes in Chinese, never the core’s English detail', async () => {
    const i18n = await createI18n('zh-CN');
    const say = (rawCode: string | null, reason: string | null) =>
      itemReasonText(i18n.t.bind(i18n), 'zh-CN', { rawCode, reason });
    expect(say('auth', 'Credentials rejected: The panel refused the user name or password.')).toContain('凭据');
    // A refused login whose raw code is the vendor's own words: still the credentials sentence, not "refused with code".
    const refusedLogin = {
      rawCode: 'Wrong login or password',
      reason: 'Credentials rejected: …',
      failureCode: 'credentials' as const,
    };
    expect(itemReasonText(i18n.t.bind(i18n), 'zh-CN', refusedLogin)).toBe(say('auth', null));
    expect(say('HTTP_503', 'The terminal answered 503.')).toBe(
      '终端拒绝了请求（HTTP 503）。请重试失败项；如仍被拒绝，请检查终端。',
    );
    expect(say('plan:no-id', 'No identity_id for "x"')).toContain('编号');
    expect(say('task:partly-failed', '1 of 10 people were not sent')).toContain('部分人员');
    // An unknown vendor code is named in a Chinese sentence; no code and no reason says nothing.
    expect(say('INTERNAL_ERROR', 'The terminal refused deleteidentities (INTERNAL_ERROR).')).toContain(
      'INTERNAL_ERROR',
    );
    expect(say('INTERNAL_ERROR', 'The terminal refused deleteidentities.')).not.toMatch(/refused/);
    expect(say(null, null)).toBeNull();
    expect(say('task:succeeded', null)).toBeNull();
  });

  it('keeps the core’s detailed English in English, and translates a code that has no detail', async () => {
    const i18n = await createI18n('en');
    const say = (rawCode: string | null, reason: string | null) =>
      itemReasonText(i18n.t.bind(i18n), 'en', { rawCode, reason });
    expect(say('HTTP_500', 'The terminal refused deleteidentities (INTERNAL_ERROR).')).toBe(
      'The terminal refused deleteidentities (INTERNAL_ERROR).',
    );
    expect(say('recheck:unreadable', null)).toMatch(/did not confirm this item/);
  });
});
