import { app, type Session, type WebContents } from 'electron';
import { withCspHeader } from './csp.ts';

/** Reports what a guard blocked (the app passes its logger). */
export type GuardLog = (line: string) => void;

const guarded = new WeakSet<WebContents>();

/**
 * Denies a page every way out of the app: new windows, navigation and redirects (main frame and subframes),
 * and `<webview>` tags. Applied to every web contents the app creates (see {@link installAppGuards}), the main
 * window's included; calling it twice on the same contents does nothing more.
 */
export function guardWebContents(contents: WebContents, log: GuardLog = () => undefined): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    log(`Blocked a new window: ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    log(`Blocked navigation to ${event.url}`);
  });
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // will-navigate above handles the main frame
    event.preventDefault();
    log(`Blocked frame navigation to ${event.url}`);
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log(`Blocked a redirect to ${event.url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a <webview>.');
  });
}

/**
 * What has to happen before the app is ready: the Chromium sandbox for every renderer (`app.enableSandbox()`,
 * whatever a window's own preferences say) and the guard on every web contents created from now on.
 */
export function installAppGuards(log: GuardLog = () => undefined): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
}

/**
 * Hardens a session: every permission request and check refused (camera, microphone, notifications,
 * geolocation, HID/serial/USB devices, ...), downloads refused (the app saves files itself, through native
 * dialogs), and the app's documents served with the CSP header (in addition to their `<meta>` tag).
 */
export function guardSession(
  session: Session,
  isAppDocument: (details: { url: string; resourceType: string }) => boolean,
  log: GuardLog = () => undefined,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`Refused permission ${permission}.`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event, item) => {
    event.preventDefault();
    log(`Blocked a download from ${item.getURL()}`);
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (isAppDocument(details)) callback({ responseHeaders: withCspHeader(details.responseHeaders) });
    else callback({});
  });
}
