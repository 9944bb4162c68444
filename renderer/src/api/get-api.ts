import type { Api } from '../../../shared/ipc/types.ts';
import { createWebSocketApi } from './ws-client.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    api?: Api;
  }
}

const TOKEN_KEY = 'fcom.hostToken';

/**
 * The contract for this page: the preload's `window.api` inside Electron, otherwise the browser
 * host's WebSocket, authenticated with the token from the address (`#token=`), kept for reloads.
 */
export function getApi(): Api {
  if (window.api) return window.api;
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) sessionStorage.setItem(TOKEN_KEY, fromHash);
  const token = fromHash ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createWebSocketApi(`${scheme}://${window.location.host}/ws?token=${encodeURIComponent(token)}`);
}
