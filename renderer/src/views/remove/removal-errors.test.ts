import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/index.ts';
import { errorMessageKey, errorParams } from '../../components/ErrorBanner.tsx';

/** The codes of removal lists and reviewed plans (electron/core/removal-drafts/errors.ts) with their params. */
const CASES = [
  { messageCode: 'removal.draft-gone', params: {} },
  { messageCode: 'removal.plan-gone', params: {} },
  { messageCode: 'removal.plan-stale', params: { count: 2, terminals: 'SPH-1, BAS-2' } },
  { messageCode: 'removal.plan-stale', params: { count: 0, terminals: '' } },
  { messageCode: 'removal.plan-started', params: { jobId: 'job-7' } },
  { messageCode: 'removal.empty-list', params: {} },
  { messageCode: 'removal.no-users', params: {} },
  { messageCode: 'removal.unknown-kind', params: { serial: 'ODD-1' } },
];

describe('removal list and plan errors in the UI', () => {
  it('say what happened and what to do in the chosen language, never the core’s sentence', async () => {
    const zh = await createI18n('zh-CN');
    const en = await createI18n('en');
    for (const details of CASES) {
      const error = { code: 'CONFLICT' as const, message: 'ENGLISH SENTENCE FROM THE CORE', details };
      const key = errorMessageKey(error);
      expect(key).toBe(`codes.${details.messageCode}`);
      for (const i18n of [en, zh]) {
        const text = i18n.t(key, errorParams(error));
        expect(text, `${i18n.language} ${details.messageCode}`).not.toBe(key);
        expect(text).not.toContain('ENGLISH SENTENCE');
        expect(text).not.toMatch(/{{\w+}}/);
      }
    }
    const stale = { code: 'CONFLICT' as const, message: 'm', details: CASES[2] };
    expect(en.t(errorMessageKey(stale), errorParams(stale))).toContain('terminals SPH-1, BAS-2');
    expect(en.t(errorMessageKey(stale), errorParams(stale))).toContain('review the plan again');
    const gone = { code: 'NOT_FOUND' as const, message: 'm', details: CASES[0] };
    expect(zh.t(errorMessageKey(gone), errorParams(gone))).toContain('请重新导入');
  });
});
