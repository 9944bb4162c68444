import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, resolveAppAsset } from './app-protocol.ts';
import { isAppPageUrl } from './web-policy.ts';
import { isTrustedSenderUrl } from './trusted-sender.ts';

const ROOT = join('/opt', 'fcom', 'resources', 'app.asar', 'out', 'renderer');

describe('the app:// scheme', () => {
  it('serves files of the renderer folder, / as the index', () => {
    expect(resolveAppAsset(APP_INDEX_URL, ROOT)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppAsset('app://face-commissioner/', ROOT)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppAsset('app://face-commissioner/assets/index-abc.js?v=1#x', ROOT)).toBe(
      join(ROOT, 'assets', 'index-abc.js'),
    );
  });

  it.each(['app://face-commissioner/../../secrets.json', 'app://face-commissioner/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps %s inside the renderer folder (the URL parser resolves the dots first)',
    (url) => {
      const file = resolveAppAsset(url, ROOT);
      expect(file === null || file.startsWith(`${ROOT}/`)).toBe(true);
    },
  );

  it.each([
    'app://face-commissioner/assets/..%2f..%2fx',
    'app://face-commissioner/a%5c..%5c..%5cx',
    'app://face-commissioner/x%00.html',
    'app://other-host/index.html',
    'file:///opt/fcom/resources/app.asar/out/renderer/index.html',
    'https://face-commissioner/index.html',
    'app://face-commissioner/%E0%A4%A',
    'garbage',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(url, ROOT)).toBeNull();
  });

  it('the app page and the trusted IPC sender are the app:// page, not a file of the same path', () => {
    const page = { rendererUrl: APP_INDEX_URL };
    expect(isAppPageUrl('app://face-commissioner/index.html#/jobs', page)).toBe(true);
    expect(isAppPageUrl('app://face-commissioner/other.html', page)).toBe(false);
    expect(isAppPageUrl('app://evil/index.html', page)).toBe(false);
    expect(isAppPageUrl('file:///index.html', page)).toBe(false);
    expect(isTrustedSenderUrl('app://face-commissioner/index.html', APP_INDEX_URL)).toBe(true);
    expect(isTrustedSenderUrl('https://face-commissioner/index.html', APP_INDEX_URL)).toBe(false);
  });
});
