import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/index.ts';
import { errorMessageKey, errorParams } from './ErrorBanner.tsx';

/** Every message code the core's Devices paths send (electron/core/discovery, electron/core/inventory). */
const CORE_CODES = [
  'address.empty',
  'address.url-unreadable',
  'address.scheme',
  'address.host',
  'address.port-range',
  'address.characters',
  'address.ipv4-range',
  'subnet.form',
  'subnet.prefix-range',
  'subnet.too-wide',
  'add.nothing-answers',
  'add.not-this-kind',
  'add.not-this-kind-login',
  'add.cancelled',
  'device.not-found',
  'people.credentials-refused',
];

describe('core message codes in the UI', () => {
  it('turn into the chosen language, never the core’s English sentence', async () => {
    const zh = await createI18n('zh-CN');
    const en = await createI18n('en');
    for (const code of CORE_CODES) {
      const error = {
        code: 'VALIDATION' as const,
        message: 'ENGLISH SENTENCE FROM THE CORE',
        details: {
          messageCode: code,
          params: { text: 'x', host: '10.0.0.9', ports: '80', serial: 'S', max: 22, kind: 'basip', usualPort: 80 },
        },
      };
      const key = errorMessageKey(error);
      expect(key, code).toBe(`codes.${code}`);
      for (const i18n of [zh, en]) {
        expect(i18n.exists(key), `${i18n.language} ${code}`).toBe(true);
        const text = i18n.t(key, errorParams(error));
        expect(text).not.toContain('ENGLISH SENTENCE');
        expect(text).not.toMatch(/{{\w+}}/);
      }
      expect(zh.t(key, errorParams(error))).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('ignores a malformed code and falls back to the error code’s sentence', () => {
    const error = { code: 'NETWORK' as const, message: 'm', details: { messageCode: '../../x' } };
    expect(errorMessageKey(error)).toBe('errors.NETWORK');
  });
});
