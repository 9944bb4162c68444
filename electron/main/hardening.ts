import { app, type Session, type WebContents } from 'electron';
import { withCspHeader } from './csp.ts';
import {
  describeUrl,
  downloadAllowed,
  frameNavigationAllowed,
  navigationAllowed,
  permissionDecision,
  redirectAllowed,
  webviewAllowed,
  windowOpenDecision,
  type AppPage,
} from './web-policy.ts';

/** Reports what a guard blocked (the app passes its logger). */
export type GuardLog = (line: string) => void;

const guarded = new WeakSet<WebContents>();

/**
 * Denies a page every way out of the app: new windows, navigation and redirects away from the app's own page
 * (main frame; subframes never navigate), and `<webview>` tags. The decisions are web-policy.ts's pure
 * functions; this only wires them to Electron's events. Applied to every web contents the app creates (see
 * {@link installAppGuards}), the main window's included; calling it twice on the same contents does nothing more.
 */
export function guardWebContents(contents: WebContents, appPage: AppPage, log: GuardLog = () => undefined): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    log(`Blocked a new window: ${describeUrl(url)}`);
    return { action: windowOpenDecision(url) };
  });
  contents.on('will-navigate', (event) => {
    if (navigationAllowed(event.url, appPage)) return;
    event.preventDefault();
    log(`Blocked navigation to ${describeUrl(event.url)}`);
  });
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // will-navigate above handles the main frame
    if (frameNavigationAllowed(event.url, event.isMainFrame, appPage)) return;
    event.preventDefault();
    log(`Blocked frame navigation to ${describeUrl(event.url)}`);
  });
  contents.on('will-redirect', (event) => {
    if (redirectAllowed(event.url, appPage)) return;
    event.preventDefault();
    log(`Blocked a redirect to ${describeUrl(event.url)}`);
  });
  contents.on('will-attach-webview', (event) => {
    if (webviewAllowed()) return;
    event.preventDefault();
    log('Blocked a <webview>.');
  });
}

/**
 * What has to happen before the app is ready: the Chromium sandbox for every renderer (`app.enableSandbox()`,
 * whatever a window's own preferences say) and the guard on every web contents created from now on.
 */
export function installAppGuards(appPage: AppPage, log: GuardLog = () => undefined): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, appPage, log));
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
    callback(permissionDecision(permission));
  });
  session.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
  session.setDevicePermissionHandler((details) => permissionDecision(details.deviceType));
  session.on('will-download', (event, item) => {
    if (downloadAllowed(item.getURL())) return;
    event.preventDefault();
    log(`Blocked a download from ${describeUrl(item.getURL())}`);
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (isAppDocument(details)) callback({ responseHeaders: withCspHeader(details.responseHeaders) });
    else callback({});
  });
}
