import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/index.ts';
import { createAppStore } from '../../store/app-store.ts';
import { StoreProvider } from '../../store/store-context.tsx';
import { fakeApi } from '../../store/testing/fake-api.ts';
import { terminal } from '../../store/testing/terminals.ts';
import { TerminalRow } from './TerminalRow.tsx';

describe('TerminalRow', () => {
  it('renders hostile advertised text as text, never as markup', async () => {
    const store = createAppStore(fakeApi().api);
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>' + 'A'.repeat(8 * 1024);
    store.getState().receiveTerminal(terminal({ serial: '<b>S</b>', name: hostile, model: '"><svg onload=alert(3)>' }));
    // Server rendering reads the store's initial state; hand it the current one.
    const rendered = { ...store, getInitialState: store.getState };
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={await createI18n('en')}>
        <StoreProvider store={rendered}>
          <TerminalRow serial="<b>S</b>" rowIndex={2} />
        </StoreProvider>
      </I18nextProvider>,
    );
    expect(html).not.toMatch(/<img|<script|<svg|<b>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;');
    expect(html).toContain('&lt;b&gt;S&lt;/b&gt;');
    expect(html).toContain('role="cell"');
    expect(html).toContain('Online');
  });
});
