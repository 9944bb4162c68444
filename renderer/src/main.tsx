import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.tsx';
import { getApi } from './api/get-api.ts';
import { createI18n } from './i18n/index.ts';
import { createAppStore } from './store/app-store.ts';
import { connectBridge } from './store/bridge.ts';
import { StoreProvider } from './store/store-context.tsx';
import './styles.css';

/**
 * Boots the renderer: connect to the contract, load settings, pick the language, render, then raise
 * the app-ready signal (`data-app-ready` on <html>) that end-to-end tests wait for.
 */
async function boot(): Promise<void> {
  const api = getApi();
  const store = createAppStore(api);
  await connectBridge(api, store);
  const i18n = await createI18n(store.getState().settings?.language ?? 'en');
  const container = document.getElementById('root');
  if (!container) throw new Error('The page has no #root element.');
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StoreProvider store={store}>
          <App />
        </StoreProvider>
      </I18nextProvider>
    </StrictMode>,
  );
  requestAnimationFrame(() => {
    document.documentElement.dataset.appReady = 'true';
  });
}

void boot();
