import { describe, expect, it } from 'vitest';
import type { Rule, SourceFile } from './findings.ts';
import { checkMainProcess } from './project-checks.ts';
import { checkSourceFile } from './source-checks.ts';

// The scan accepts a guard that answers through a policy function of the process (electron/main/web-policy.ts)
// only when that function can return nothing but the safe literal: each accepted form, and each that must fail.

const policy = (text: string): SourceFile => ({ file: 'policy.ts', text });

describe('a permission handler answering through a policy function', () => {
  const handler = `ses.setPermissionRequestHandler((wc, permission, callback) => callback(decide(permission)));`;
  const granted = (project: SourceFile[]): Rule[] =>
    checkSourceFile({ file: 'hardening.ts', text: handler }, project).map((f) => f.rule);

  it('passes when the function, in another file or in the same bundle, only returns false', () => {
    expect(granted([policy('export function decide(_p: string): false { return false; }')])).toEqual([]);
    expect(granted([policy('export const decide = (_p: string) => !1;')])).toEqual([]);
    expect(granted([policy('export const decide = function (_p) { return (false); };')])).toEqual([]);
    const bundle = { file: 'out/main/index.js', text: `function decide(p) { return false; }\n${handler}` };
    expect(checkSourceFile(bundle)).toEqual([]);
  });

  it.each([
    'export function decide(p: string) { return p === "media"; }',
    'export function decide(p: string) { if (p === "usb") return true; return false; }',
    'export function decide(p: string) { return; }',
    'export function decide(p: string) { log(p); }',
    'export const decide = (p: string) => allowed;',
    'export function decide(p: string) { const inner = () => false; return inner() || p === "hid"; }',
  ])('fails when the function may grant: %s', (body) => {
    expect(granted([policy(body)])).toContain('PERMISSION_GRANTED');
  });

  it('fails when the function cannot be found', () => {
    expect(granted([])).toContain('PERMISSION_GRANTED');
    expect(granted([policy('export function other() { return false; }')])).toContain('PERMISSION_GRANTED');
  });
});

describe('a window-open handler answering through a policy function', () => {
  const guards = `
    app.enableSandbox();
    app.on('web-contents-created', (_e, contents) => guard(contents));
    function guard(contents) {
      contents.setWindowOpenHandler(({ url }) => ({ action: decide(url) }));
      contents.on('will-navigate', (event) => { if (!allowed(event.url)) event.preventDefault(); });
      contents.on('will-redirect', (event) => event.preventDefault());
      contents.on('will-attach-webview', (event) => event.preventDefault());
    }
    session.setPermissionRequestHandler((c, p, callback) => callback(false));
    session.setPermissionCheckHandler(() => false);
    session.webRequest.onHeadersReceived((d, callback) => callback({}));
    new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } });`;
  const windowRules = (text: string): Rule[] =>
    checkMainProcess([{ file: 'hardening.ts', text: guards }, policy(text)]).map((f) => f.rule);

  it("passes when every return of the function is 'deny' or { action: 'deny' }", () => {
    expect(windowRules("export function decide(_url: string): 'deny' { return 'deny'; }")).toEqual([]);
    expect(windowRules("export const decide = () => ({ action: 'deny' });")).toEqual([]);
  });

  it.each([
    "export function decide(url) { return url.startsWith('https:') ? 'allow' : 'deny'; }",
    "export function decide(url) { if (url) return 'allow'; return 'deny'; }",
    'export function decide(url) { return verdict; }',
    'export function other() {}',
  ])('fails when the function may allow, or is not there: %s', (text) => {
    expect(windowRules(text)).toEqual(['WINDOW_OPEN_HANDLER_MISSING']);
  });
});
