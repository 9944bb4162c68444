import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP } from '../../electron/main/csp.ts';
import { checkCsp, checkCspLiterals, checkHtml } from './csp-checks.ts';
import { formatFinding, type Finding, type SourceFile } from './findings.ts';
import { checkMainProcess } from './project-checks.ts';
import { checkSourceFile } from './source-checks.ts';

// The CI security scan of the Electron shell (see README.md): the sources and the built bundles, for
// electronegativity's high and medium classes. The checks themselves are proven able to fail in checks.test.ts.

const ROOT = resolve(import.meta.dirname, '../..');

function sourcesIn(folder: string): SourceFile[] {
  const dir = join(ROOT, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => ({ file: `${folder}/${name}`, text: readFileSync(join(dir, name), 'utf8') }));
}

function read(path: string): SourceFile {
  return { file: relative(ROOT, path), text: readFileSync(path, 'utf8') };
}

function report(findings: Finding[]): string[] {
  return findings.map(formatFinding);
}

const BUNDLES = {
  main: join(ROOT, 'out/main/index.js'),
  preload: join(ROOT, 'out/preload/index.cjs'),
  renderer: join(ROOT, 'out/renderer/index.html'),
};
const missingBundle = Object.values(BUNDLES).find((path) => !existsSync(path));
const SKIP_REASON = `${missingBundle ? relative(ROOT, missingBundle) : ''} is missing: run \`npm run build\` first (npm test builds before the unit tests)`;

describe('security scan of the sources', () => {
  const main = sourcesIn('electron/main');
  const preload = sourcesIn('electron/preload');

  it('finds the files it is meant to scan', () => {
    expect(main.map((s) => s.file)).toEqual(
      expect.arrayContaining(['electron/main/index.ts', 'electron/main/window.ts']),
    );
    expect(preload.map((s) => s.file)).toContain('electron/preload/index.ts');
  });

  it('main process files: no insecure construct', () => {
    expect(report(main.flatMap((source) => checkSourceFile(source, main)))).toEqual([]);
  });

  it('main process as a whole: every guard installed', () => {
    expect(report(checkMainProcess(main))).toEqual([]);
  });

  it('preload: ipcRenderer never handed to the page, no channel pass-through', () => {
    expect(report(preload.flatMap((source) => checkSourceFile(source, preload)))).toEqual([]);
  });

  it('the renderer page: a strict CSP, no webview, no inline script, nothing over http:', () => {
    expect(report(checkHtml(read(join(ROOT, 'renderer/index.html'))))).toEqual([]);
  });

  it('the CSP header policy is strict', () => {
    expect(report(checkCsp(APP_CSP, 'electron/main/csp.ts'))).toEqual([]);
  });
});

describe('security scan of the built bundles', () => {
  it('out/main/index.js: no insecure construct, every guard, a strict CSP header', (context) => {
    if (missingBundle) context.skip(SKIP_REASON);
    const bundle = read(BUNDLES.main);
    expect(report([...checkSourceFile(bundle), ...checkMainProcess([bundle]), ...checkCspLiterals(bundle)])).toEqual(
      [],
    );
  });

  it('out/preload/index.cjs: ipcRenderer never handed to the page', (context) => {
    if (missingBundle) context.skip(SKIP_REASON);
    expect(report(checkSourceFile(read(BUNDLES.preload)))).toEqual([]);
  });

  it('out/renderer/index.html: a strict CSP, no webview, no inline script, nothing over http:', (context) => {
    if (missingBundle) context.skip(SKIP_REASON);
    expect(report(checkHtml(read(BUNDLES.renderer)))).toEqual([]);
  });
});
