import { describe, expect, it } from 'vitest';
import { CLI_MESSAGES, cliMessage } from './messages.ts';
import { formatError } from './output.ts';

const PARAMS = { text: 'x', host: '10.0.0.9', ports: '80', kind: 'basip', usualPort: 80, summary: 'GET / → 404' };

describe('the CLI’s words for core message codes', () => {
  it('name the fcom command that fixes it (not a GUI form), in English and Chinese', () => {
    for (const [code, words] of Object.entries(CLI_MESSAGES)) {
      const params = {
        ...PARAMS,
        serial: 'S1',
        address: '10.0.0.9:80',
        prefix: 'abcd',
        count: 2,
        matches: 'a, b',
        min: 4,
        max: 22,
      };
      for (const language of ['en', 'zh-CN'] as const) {
        const text = words[language](params);
        if (code !== 'add.cancelled') expect(text, `${code} ${language}`).toMatch(/fcom [a-z]+/);
        expect(text, code).not.toMatch(/undefined|\[object/);
        expect(text, code).not.toMatch(/details|Settings ›|menu/i);
      }
      expect(words['zh-CN'](params), code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('replaces the core’s sentence only for a known code', () => {
    const coded = {
      code: 'VALIDATION' as const,
      message: 'core words',
      details: { messageCode: 'address.port-range', params: { text: '1.2.3.4:0' } },
    };
    expect(formatError(coded)).toBe(
      'fcom: "1.2.3.4:0" has a port outside 1-65535. Run for example: fcom devices add 192.168.1.20:5555 (VALIDATION)',
    );
    expect(cliMessage({ ...coded, details: { messageCode: 'nobody.knows' } })).toBeNull();
    expect(formatError({ ...coded, details: { messageCode: 'nobody.knows' } })).toBe('fcom: core words (VALIDATION)');
  });
});
