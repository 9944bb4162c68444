import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../../../shared/domain/terminal.ts';
import { createI18n } from '../../i18n/index.ts';
import { createAppStore } from '../../store/app-store.ts';
import { StoreProvider } from '../../store/store-context.tsx';
import { fakeApi } from '../../store/testing/fake-api.ts';
import { terminal } from '../../store/testing/terminals.ts';
import { TrustTerminal } from './TrustTerminal.tsx';

async function render(shown: Terminal, language: 'en' | 'zh-CN' = 'en'): Promise<string> {
  const store = createAppStore(fakeApi().api);
  const rendered = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(
    <I18nextProvider i18n={await createI18n(language)}>
      <StoreProvider store={rendered}>
        <TrustTerminal terminal={shown} />
      </StoreProvider>
    </I18nextProvider>,
  );
}

describe('TrustTerminal', () => {
  it('offers nothing for a trusted terminal and "Trust" for one only discovered', async () => {
    expect(await render(terminal())).toBe('');
    const html = await render(terminal({ trust: 'untrusted', pin: null, source: 'mdns' }));
    expect(html).toContain('Trust this terminal');
    expect(html).toContain('sent no credentials');
  });

  it('names the claimant of a conflict and both ways out, in English and Chinese', async () => {
    const conflicting = terminal({
      trust: 'conflict',
      conflict: { reason: 'serial-elsewhere', address: '10.0.0.66', port: 80, serial: 'SER-1', kind: 'basip', at: 1 },
    });
    const html = await render(conflicting);
    expect(html).toContain('A device at 10.0.0.66:80 claims to be this terminal');
    expect(html).toContain('Keep it where it was trusted');
    expect(html).toContain('Move it to 10.0.0.66:80 and trust it there');
    const zh = await render(conflicting, 'zh-CN');
    expect(zh).toContain('10.0.0.66:80 上的设备声称是此终端');
  });
});
