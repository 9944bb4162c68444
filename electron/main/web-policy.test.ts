import { describe, expect, it } from 'vitest';
import {
  describeUrl,
  downloadAllowed,
  frameNavigationAllowed,
  isAppPageUrl,
  navigationAllowed,
  permissionDecision,
  redirectAllowed,
  webviewAllowed,
  windowOpenDecision,
  type AppPage,
} from './web-policy.ts';

const page = 'file:///opt/fcom/resources/app.asar/out/renderer/index.html';
const packaged: AppPage = { rendererUrl: page };
const dev: AppPage = { rendererUrl: page, devServerUrl: 'http://localhost:5173' };

/** Everything that is not the app: the web, other files, script and data URLs, browser-internal pages. */
const AWAY = [
  'https://example.com/',
  'http://example.com/login?password=x',
  'http://127.0.0.1:8080/',
  'http://192.168.1.20/cgi-bin/admin',
  'file:///etc/passwd',
  'file:///tmp/evil.html',
  'file:///opt/fcom/resources/app.asar/out/renderer/other.html',
  'file:///opt/fcom/resources/app.asar/out/renderer/index.html.evil/x',
  'file://attacker.example/opt/fcom/resources/app.asar/out/renderer/index.html',
  'javascript:alert(1)',
  "javascript:location='file:///opt/fcom/resources/app.asar/out/renderer/index.html'",
  'data:text/html,<script>alert(1)</script>',
  `data:text/html;base64,${Buffer.from('<h1>x</h1>').toString('base64')}`,
  'blob:file:///2d6f4a1e-0000-4000-8000-000000000000',
  'devtools://devtools/bundled/inspector.html',
  'chrome://settings',
  'about:blank',
  'view-source:file:///opt/fcom/resources/app.asar/out/renderer/index.html',
  'mailto:support@example.com',
  '',
  'not a url',
  '/opt/fcom/resources/app.asar/out/renderer/index.html',
];

describe('isAppPageUrl', () => {
  it('is the renderer file itself, with any query or hash', () => {
    for (const url of [page, `${page}#/devices`, `${page}?lang=zh-CN#/jobs`]) {
      expect(isAppPageUrl(url, packaged), url).toBe(true);
    }
  });

  it.each(AWAY)('is not %j', (url) => {
    expect(isAppPageUrl(url, packaged)).toBe(false);
    expect(isAppPageUrl(url, dev)).toBe(false);
  });

  it('is the dev server only when one is configured, and only its exact origin', () => {
    expect(isAppPageUrl('http://localhost:5173/#/jobs', packaged)).toBe(false);
    expect(isAppPageUrl('http://localhost:5173/#/jobs', dev)).toBe(true);
    expect(isAppPageUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppPageUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppPageUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
  });

  it('does not trust a dev server URL that is not http(s), nor a broken renderer URL', () => {
    expect(isAppPageUrl('file:///tmp/x.html', { rendererUrl: page, devServerUrl: 'file:///tmp/x.html' })).toBe(false);
    expect(isAppPageUrl(page, { rendererUrl: 'not a url' })).toBe(false);
  });
});

describe('navigation', () => {
  it('lets the main frame stay on the app page', () => {
    expect(navigationAllowed(`${page}#/settings`, packaged)).toBe(true);
    expect(navigationAllowed('http://localhost:5173/', dev)).toBe(true);
    expect(frameNavigationAllowed(page, true, packaged)).toBe(true);
  });

  it.each(AWAY)('refuses navigating away to %j', (url) => {
    expect(navigationAllowed(url, packaged)).toBe(false);
    expect(navigationAllowed(url, dev)).toBe(false);
    expect(frameNavigationAllowed(url, true, dev)).toBe(false);
  });

  it('never lets a subframe navigate, not even to the app page', () => {
    for (const url of [page, 'http://localhost:5173/', 'https://example.com/', 'about:blank']) {
      expect(frameNavigationAllowed(url, false, dev), url).toBe(false);
    }
  });
});

describe('redirects', () => {
  it.each(AWAY)('refuses a redirect to %j', (url) => {
    expect(redirectAllowed(url, dev)).toBe(false);
  });

  it('follows one that stays on the app page (the dev server)', () => {
    expect(redirectAllowed('http://localhost:5173/index.html', dev)).toBe(true);
    expect(redirectAllowed('http://localhost:5173/index.html', packaged)).toBe(false);
  });
});

describe('new windows, permissions, downloads, webviews', () => {
  it.each([...AWAY, page, 'http://localhost:5173/'])('denies a new window for %j', (url) => {
    expect(windowOpenDecision(url)).toBe('deny');
  });

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'fullscreen',
    'openExternal',
    'hid',
    'serial',
    'usb',
    'midiSysex',
    'pointerLock',
    'unknown',
  ])('refuses the permission %s', (permission) => {
    expect(permissionDecision(permission)).toBe(false);
  });

  it('refuses every download and webview', () => {
    expect(downloadAllowed('https://example.com/setup.exe')).toBe(false);
    expect(downloadAllowed(page)).toBe(false);
    expect(webviewAllowed()).toBe(false);
  });
});

describe('describeUrl', () => {
  it('keeps origin and path, drops query, hash and user info', () => {
    expect(describeUrl('http://admin:pw@10.0.0.5/api/login?password=E10ADC3949BA59ABBE56E057F20F883E#x')).toBe(
      'http://10.0.0.5/api/login',
    );
    expect(describeUrl('javascript:alert(document.cookie)')).toBe('javascript:');
    expect(describeUrl('data:text/html,secret')).toBe('data:');
    expect(describeUrl('nope')).toBe('(not a URL)');
    expect(describeUrl(`https://example.com/${'a'.repeat(500)}`)).toHaveLength(201);
  });
});
