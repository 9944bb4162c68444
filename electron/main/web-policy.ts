/**
 * The decisions behind the guards of hardening.ts, as pure functions so they are unit-tested without Electron:
 * which navigations, redirects, new windows, permissions and downloads a page gets. hardening.ts only wires
 * them to Electron's events. The answer is always "no", except a main-frame navigation or redirect to the app's
 * own page.
 */

/** The app's own page: the built renderer's `app:` URL (app-protocol.ts), and the dev server during development. */
export interface AppPage {
  rendererUrl: string;
  devServerUrl?: string;
}

/** What a `setWindowOpenHandler` answers. */
export type WindowOpenDecision = 'deny';

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Whether a URL is the app's own page: the renderer's file (same host, which is empty but for a Windows
 * share, and same path; any query or hash), or a page of the dev server's exact origin when one is configured.
 * Other files, web pages, `javascript:`, `data:`, `blob:`, `devtools:` and garbage are not.
 */
export function isAppPageUrl(targetUrl: string, app: AppPage): boolean {
  const target = parse(targetUrl);
  if (!target) return false;
  if (app.devServerUrl) {
    const dev = parse(app.devServerUrl);
    if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:') && target.origin === dev.origin) return true;
  }
  const page = parse(app.rendererUrl);
  // The built page: `app://face-commissioner/index.html` (app-protocol.ts), or a `file:` URL where one is used.
  if (!page || (page.protocol !== 'file:' && page.protocol !== 'app:') || target.protocol !== page.protocol)
    return false;
  return target.host === page.host && target.pathname === page.pathname;
}

/**
 * Whether the main frame may navigate to `targetUrl` (`will-navigate`, and `will-frame-navigate` for the main
 * frame): only to the app's own page. Navigation away from the app is refused.
 */
export function navigationAllowed(targetUrl: string, app: AppPage): boolean {
  return isAppPageUrl(targetUrl, app);
}

/** Whether a frame may navigate: subframes never (the app has none), the main frame as {@link navigationAllowed}. */
export function frameNavigationAllowed(targetUrl: string, isMainFrame: boolean, app: AppPage): boolean {
  return isMainFrame && navigationAllowed(targetUrl, app);
}

/** Whether a server redirect during a navigation may be followed: only one that lands on the app's own page. */
export function redirectAllowed(targetUrl: string, app: AppPage): boolean {
  return isAppPageUrl(targetUrl, app);
}

/**
 * What `window.open`, `target="_blank"` links and form posts to a new window get: always denied, whatever the
 * URL (the app opens no second window and no web page).
 */
export function windowOpenDecision(_url: string): WindowOpenDecision {
  return 'deny';
}

/**
 * Whether a page gets a permission (camera, microphone, notifications, geolocation, clipboard, HID, serial,
 * USB, ...), asked or only checked: never.
 */
export function permissionDecision(_permission: string): false {
  return false;
}

/** Whether a page may start a download: never (the app saves files itself, through native dialogs). */
export function downloadAllowed(_url: string): false {
  return false;
}

/** Whether a `<webview>` may be attached: never. */
export function webviewAllowed(): false {
  return false;
}

/**
 * A URL shortened for a log line: its origin and path without query, hash or user info (a query may carry a
 * password), at most 200 characters.
 */
export function describeUrl(url: string): string {
  const parsed = parse(url);
  if (!parsed) return '(not a URL)';
  const shown =
    parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'file:'
      ? `${parsed.protocol}//${parsed.host}${parsed.pathname}`
      : parsed.protocol;
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}
