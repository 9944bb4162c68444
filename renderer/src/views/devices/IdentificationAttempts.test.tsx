import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { IdentificationRecord } from '../../../../shared/domain/terminal.ts';
import { createI18n } from '../../i18n/index.ts';
import { IdentificationAttempts } from './IdentificationAttempts.tsx';

const record: IdentificationRecord = {
  at: 1_700_000_000_000,
  chosenKind: null,
  attempts: [
    {
      kind: 'basip',
      authenticated: false,
      port: 80,
      request: 'GET /api/v1/info',
      status: 404,
      contentType: 'text/html',
      excerpt: '<img src=x onerror=alert(1)>',
      failure: null,
    },
    {
      kind: 'sophon',
      authenticated: true,
      port: 5555,
      request: 'POST /sophon/v2/face/login',
      status: null,
      contentType: null,
      excerpt: '',
      failure: 'timeout',
    },
  ],
};

async function render(language: 'en' | 'zh-CN', value: IdentificationRecord | undefined): Promise<string> {
  return renderToStaticMarkup(
    <I18nextProvider i18n={await createI18n(language)}>
      <IdentificationAttempts record={value} />
    </I18nextProvider>,
  );
}

describe('IdentificationAttempts', () => {
  it('lists each request and its answer in the interface language, device text as text', async () => {
    const html = await render('en', record);
    expect(html).toContain('What was tried');
    expect(html).toContain('BAS-IP · port 80 · <code>GET /api/v1/info</code> → 404 text/html');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('(with the credentials) → no answer (no answer in time)');
    const chinese = await render('zh-CN', { ...record, chosenKind: 'basip' });
    expect(chinese).toContain('尝试过的识别');
    expect(chinese).toContain('此设备按 BAS-IP 添加');
    expect(chinese).toContain('无应答（超时未应答）');
  });

  it('renders nothing without a record', async () => {
    expect(await render('en', undefined)).toBe('');
  });
});
