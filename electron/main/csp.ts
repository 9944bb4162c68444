import { isTrustedSenderUrl } from './trusted-sender.ts';

/**
 * The app page's Content Security Policy, sent as a response header (in addition to the `<meta>` tag of
 * renderer/index.html, which must say the same: test/security checks both). Only the app's own scripts and
 * styles, no plugins, no `<base>`, no form posts; connections only to itself (the renderer reaches terminals
 * through the contract, never directly).
 */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** Response headers as Electron's `webRequest` hands them over (any case, values as arrays). */
export type ResponseHeaders = Record<string, string[] | string>;

/** The headers with every existing CSP header replaced by `policy` (header names are case-insensitive). */
export function withCspHeader(
  headers: ResponseHeaders | undefined,
  policy: string = APP_CSP,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}

/** Whether a response is one of the app's own pages (a document of the built renderer, or the dev server's). */
export function isAppDocument(
  details: { url: string; resourceType: string },
  rendererFileUrl: string,
  devServerUrl?: string,
): boolean {
  if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') return false;
  return isTrustedSenderUrl(details.url, rendererFileUrl, devServerUrl);
}
