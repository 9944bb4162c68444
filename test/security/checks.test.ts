import { describe, expect, it } from 'vitest';
import { checkCsp, checkCspLiterals, checkHtml, metaCsp } from './csp-checks.ts';
import type { Rule } from './findings.ts';
import { checkMainProcess } from './project-checks.ts';
import { checkSourceFile } from './source-checks.ts';

// Every check of the scan fed a deliberately bad snippet (it must fail) and, where useful, the safe form
// (it must pass): a scan that cannot fail proves nothing.

function rules(text: string, file = 'bad.ts'): Rule[] {
  return checkSourceFile({ file, text }).map((finding) => finding.rule);
}

const SAFE_WINDOW = `new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } });`;

describe('checkSourceFile: insecure webPreferences', () => {
  it.each<[string, string, Rule]>([
    ['nodeIntegration true', `const w = { webPreferences: { nodeIntegration: true } };`, 'NODE_INTEGRATION'],
    ['nodeIntegration !0 (minified)', `const p = { preload: x, nodeIntegration: !0 };`, 'NODE_INTEGRATION'],
    ['nodeIntegrationInWorker', `const p = { preload: x, nodeIntegrationInWorker: true };`, 'NODE_INTEGRATION'],
    ['nodeIntegrationInSubFrames', `const p = { preload: x, nodeIntegrationInSubFrames: true };`, 'NODE_INTEGRATION'],
    ['contextIsolation false', `const p = { webPreferences: { contextIsolation: false } };`, 'CONTEXT_ISOLATION'],
    ['contextIsolation !1', `const p = { preload: x, contextIsolation: !1 };`, 'CONTEXT_ISOLATION'],
    ['contextIsolation unknown', `const p = { preload: x, contextIsolation: isDev };`, 'CONTEXT_ISOLATION'],
    ['sandbox false', `const p = { webPreferences: { sandbox: false } };`, 'SANDBOX'],
    ['webSecurity false', `const p = { preload: x, webSecurity: false };`, 'WEB_SECURITY'],
    ['allowRunningInsecureContent', `const p = { preload: x, allowRunningInsecureContent: true };`, 'INSECURE_CONTENT'],
    ['experimentalFeatures', `const p = { preload: x, experimentalFeatures: true };`, 'EXPERIMENTAL_FEATURES'],
    ['enableBlinkFeatures', `const p = { preload: x, enableBlinkFeatures: 'CSSVariables' };`, 'BLINK_FEATURES'],
    ['webviewTag', `const p = { webPreferences: { webviewTag: true } };`, 'WEBVIEW_TAG'],
    ['enableRemoteModule', `const p = { preload: x, enableRemoteModule: true };`, 'REMOTE_MODULE'],
  ])('fails on %s', (_name, snippet, rule) => {
    expect(rules(snippet)).toContain(rule);
  });

  it('passes secure values, and ignores a sandbox key outside webPreferences', () => {
    expect(
      rules(`const p = { webPreferences: { nodeIntegration: false, contextIsolation: true, sandbox: true, webSecurity: true,
        allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false } };
        const iframe = { sandbox: false };`),
    ).toEqual([]);
  });
});

describe('checkSourceFile: windows, URLs, IPC and the rest', () => {
  it.each<[string, string, Rule]>([
    ['a window without webPreferences', `new BrowserWindow({ width: 800 });`, 'WEB_PREFERENCES_NOT_EXPLICIT'],
    [
      'a window relying on defaults',
      `new BrowserWindow({ webPreferences: { preload: p } });`,
      'WEB_PREFERENCES_NOT_EXPLICIT',
    ],
    ['a view with options in a variable', `new WebContentsView(options);`, 'WEB_PREFERENCES_NOT_EXPLICIT'],
    ['openExternal of a variable', `shell.openExternal(url);`, 'OPEN_EXTERNAL'],
    ['openExternal of an http literal', `shell.openExternal('http://example.com');`, 'OPEN_EXTERNAL'],
    ['openExternal of a file: URL', `shell.openExternal(\`file://\${path}\`);`, 'OPEN_EXTERNAL'],
    ['loadURL over http', `win.loadURL('http://example.com/app');`, 'HTTP_URL_LOADED'],
    ['loadURL of an http template', 'win.loadURL(`http://${host}/`);', 'HTTP_URL_LOADED'],
    ['ipcRenderer exposed', `contextBridge.exposeInMainWorld('ipc', ipcRenderer);`, 'RAW_IPC_EXPOSED'],
    ['ipcRenderer in an object', `contextBridge.exposeInMainWorld('api', { ipcRenderer });`, 'RAW_IPC_EXPOSED'],
    [
      'a raw method reference',
      `contextBridge.exposeInMainWorld('api', { send: ipcRenderer.send });`,
      'RAW_IPC_EXPOSED',
    ],
    [
      'exposed through a variable',
      `const api = { on: electron.ipcRenderer.on }; contextBridge.exposeInMainWorld('api', api);`,
      'RAW_IPC_EXPOSED',
    ],
    [
      'a channel pass-through',
      `const api = { invoke: (channel, data) => ipcRenderer.invoke(channel, data) };`,
      'IPC_CHANNEL_PASSTHROUGH',
    ],
    ['the remote module import', `import { remote } from 'electron';`, 'REMOTE_MODULE'],
    ['@electron/remote', `import * as remote from '@electron/remote/main';`, 'REMOTE_MODULE'],
    ['require(electron).remote', `const r = require('electron').remote;`, 'REMOTE_MODULE'],
    ['require @electron/remote', `require('@electron/remote/main').initialize();`, 'REMOTE_MODULE'],
    [
      'certificate errors accepted',
      `app.on('certificate-error', (e, wc, url, err, cert, callback) => { e.preventDefault(); callback(true); });`,
      'CERTIFICATE_ERROR',
    ],
    ['a trusting verify proc', `ses.setCertificateVerifyProc((req, callback) => callback(0));`, 'CERTIFICATE_ERROR'],
    ['ignore-certificate-errors', `app.commandLine.appendSwitch('ignore-certificate-errors');`, 'INSECURE_SWITCH'],
    ['disable-web-security', `app.commandLine.appendSwitch('disable-web-security');`, 'INSECURE_SWITCH'],
    [
      'permissions granted',
      `ses.setPermissionRequestHandler((wc, permission, callback) => callback(true));`,
      'PERMISSION_GRANTED',
    ],
    [
      'permissions granted on a condition',
      `ses.setPermissionRequestHandler((wc, p, callback) => callback(p === 'media'));`,
      'PERMISSION_GRANTED',
    ],
    [
      "electron-log/main's IPC",
      `ipcMain.on('__ELECTRON_LOG__', (_, message) => log(message));`,
      'UNCHECKED_IPC_LISTENER',
    ],
  ])('fails on %s', (_name, snippet, rule) => {
    expect(rules(snippet)).toContain(rule);
  });

  it('passes the safe forms', () => {
    const safe = `
      ${SAFE_WINDOW}
      shell.openExternal('https://example.com/help');
      shell.openExternal(validatedExternalUrl(url));
      win.loadURL(devServerUrl);
      win.loadURL('https://example.com/');
      const api = { invoke: (channel, request) => ipcRenderer.invoke(PREFIX + channel, request) };
      contextBridge.exposeInMainWorld('api', api);
      app.on('certificate-error', (e, wc, url, err, cert, callback) => callback(false));
      ses.setPermissionRequestHandler((wc, permission, callback) => callback(false));
      app.commandLine.appendSwitch('lang', 'en');`;
    expect(rules(safe)).toEqual([]);
  });

  it('reports the line of the problem in bundles (JavaScript)', () => {
    const [finding] = checkSourceFile({
      file: 'out/main/index.js',
      text: '\n\nconst p = { preload: x, sandbox: !1 };',
    });
    expect(finding).toMatchObject({ rule: 'SANDBOX', line: 3, file: 'out/main/index.js' });
  });
});

describe('checkMainProcess', () => {
  const guarded = `
    app.enableSandbox();
    app.on('web-contents-created', (_e, contents) => guard(contents));
    function guard(contents) {
      contents.setWindowOpenHandler(() => ({ action: 'deny' }));
      contents.on('will-navigate', (event) => event.preventDefault());
      contents.on('will-redirect', (event) => event.preventDefault());
      contents.on('will-attach-webview', (event) => event.preventDefault());
    }
    session.setPermissionRequestHandler((c, p, callback) => callback(false));
    session.setPermissionCheckHandler(() => false);
    session.webRequest.onHeadersReceived((d, callback) => callback({}));
    ${SAFE_WINDOW}`;

  it('passes a main process with every guard, even split over files', () => {
    expect(checkMainProcess([{ file: 'a.ts', text: guarded }])).toEqual([]);
    const [first, second] = guarded.split('session.setPermissionRequestHandler');
    expect(
      checkMainProcess([
        { file: 'a.ts', text: first ?? '' },
        { file: 'b.ts', text: `session.setPermissionRequestHandler${second}` },
      ]),
    ).toEqual([]);
  });

  it.each<[string, string, Rule]>([
    [
      'no window open handler',
      "contents.setWindowOpenHandler(() => ({ action: 'deny' }));",
      'WINDOW_OPEN_HANDLER_MISSING',
    ],
    ['a handler that allows', "({ action: 'deny' })", 'WINDOW_OPEN_HANDLER_MISSING'],
    [
      'no will-navigate guard',
      "contents.on('will-navigate', (event) => event.preventDefault());",
      'NAVIGATION_GUARD_MISSING',
    ],
    [
      'no will-redirect guard',
      "contents.on('will-redirect', (event) => event.preventDefault());",
      'NAVIGATION_GUARD_MISSING',
    ],
    [
      'no webview guard',
      "contents.on('will-attach-webview', (event) => event.preventDefault());",
      'NAVIGATION_GUARD_MISSING',
    ],
    [
      'no web-contents-created guard',
      "app.on('web-contents-created', (_e, contents) => guard(contents));",
      'NAVIGATION_GUARD_MISSING',
    ],
    [
      'no permission request handler',
      'session.setPermissionRequestHandler((c, p, callback) => callback(false));',
      'PERMISSION_HANDLER_MISSING',
    ],
    ['no permission check handler', 'session.setPermissionCheckHandler(() => false);', 'PERMISSION_HANDLER_MISSING'],
    ['no enableSandbox', 'app.enableSandbox();', 'SANDBOX_NOT_ENFORCED'],
    ['no CSP header', 'session.webRequest.onHeadersReceived((d, callback) => callback({}));', 'CSP_HEADER_MISSING'],
  ])('fails with %s', (_name, removed, rule) => {
    const replacement = removed === "({ action: 'deny' })" ? "({ action: 'allow' })" : '';
    const text = guarded.replace(removed, replacement);
    expect(text).not.toBe(guarded);
    expect(checkMainProcess([{ file: 'main.ts', text }]).map((f) => f.rule)).toContain(rule);
  });

  it('fails a navigation handler that does not prevent the navigation', () => {
    const text = guarded.replace(
      "contents.on('will-navigate', (event) => event.preventDefault());",
      "contents.on('will-navigate', (event) => log(event.url));",
    );
    expect(checkMainProcess([{ file: 'main.ts', text }]).map((f) => f.rule)).toEqual(['NAVIGATION_GUARD_MISSING']);
  });

  it('asks nothing of a process that opens no window', () => {
    expect(checkMainProcess([{ file: 'cli.ts', text: 'console.log(1);' }])).toEqual([]);
  });
});

describe('checkCsp', () => {
  const strict = "default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

  it('passes a strict policy', () => {
    expect(checkCsp(strict, 'x')).toEqual([]);
  });

  it.each<[string, string | undefined, Rule]>([
    ['a missing policy', undefined, 'CSP_MISSING'],
    ['an empty policy', '  ', 'CSP_MISSING'],
    ['no default-src', "script-src 'self'; object-src 'none'", 'CSP_NO_DEFAULT_SRC'],
    [
      'unsafe-inline scripts',
      "default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'",
      'CSP_UNSAFE_SCRIPT',
    ],
    [
      'unsafe-eval scripts',
      "default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'",
      'CSP_UNSAFE_SCRIPT',
    ],
    ['unsafe-inline through default-src', "default-src 'self' 'unsafe-inline'; object-src 'none'", 'CSP_UNSAFE_SCRIPT'],
    ['data: scripts', "default-src 'self'; script-src 'self' data:; object-src 'none'", 'CSP_UNSAFE_SCRIPT'],
    ['http: scripts', "default-src 'self'; script-src http://cdn.example.com; object-src 'none'", 'CSP_UNSAFE_SCRIPT'],
    ['no script rule at all', "img-src 'self'", 'CSP_UNSAFE_SCRIPT'],
    ['a * source', "default-src 'self'; connect-src *; object-src 'none'", 'CSP_WILDCARD'],
    ['a *.host source', "default-src 'self'; img-src https://*.example.com; object-src 'none'", 'CSP_WILDCARD'],
    ['a scheme-wide source', "default-src 'self'; connect-src https:; object-src 'none'", 'CSP_WILDCARD'],
    ['plugins allowed', "default-src 'self'; object-src 'self'", 'CSP_OBJECT_SRC'],
  ])('fails on %s', (_name, policy, rule) => {
    expect(checkCsp(policy, 'x').map((f) => f.rule)).toContain(rule);
  });
});

describe('checkHtml and checkCspLiterals', () => {
  const good = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; object-src 'none'" />
    <script type="module" src="./assets/index.js"></script>`;

  it('reads the meta CSP and passes a strict page', () => {
    expect(metaCsp(good)).toBe("default-src 'self'; object-src 'none'");
    expect(checkHtml({ file: 'index.html', text: good })).toEqual([]);
  });

  it.each<[string, string, Rule]>([
    ['a page without CSP', '<html><body></body></html>', 'CSP_MISSING'],
    ['a lax meta CSP', `<meta http-equiv="Content-Security-Policy" content="default-src *">`, 'CSP_WILDCARD'],
    ['a webview', `${good}<webview src="https://example.com"></webview>`, 'WEBVIEW_TAG'],
    ['an inline script', `${good}<script>window.x = 1</script>`, 'INLINE_SCRIPT'],
    ['a script over http', `${good}<script src="http://cdn.example.com/a.js"></script>`, 'HTTP_URL_LOADED'],
  ])('fails on %s', (_name, html, rule) => {
    expect(checkHtml({ file: 'index.html', text: html }).map((f) => f.rule)).toContain(rule);
  });

  it('checks the CSP literals of a bundle, and needs one', () => {
    expect(checkCspLiterals({ file: 'm.js', text: `const CSP = "default-src 'self'; object-src 'none'";` })).toEqual(
      [],
    );
    expect(
      checkCspLiterals({ file: 'm.js', text: `const CSP = "default-src * 'unsafe-eval'";` }).map((f) => f.rule),
    ).toEqual(expect.arrayContaining(['CSP_UNSAFE_SCRIPT', 'CSP_WILDCARD', 'CSP_OBJECT_SRC']));
    expect(checkCspLiterals({ file: 'm.js', text: 'const x = 1;' }).map((f) => f.rule)).toEqual(['CSP_HEADER_MISSING']);
  });
});
