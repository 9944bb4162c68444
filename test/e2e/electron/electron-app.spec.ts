import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findElectronBinary } from './electron-binary.ts';

const binary = findElectronBinary();
const ROOT = resolve(import.meta.dirname, '../../..');

test.describe('the Electron app', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  test('opens a hardened window that reaches app-ready and visits every section', async () => {
    if (!('path' in binary)) return;
    const userData = mkdtempSync(join(tmpdir(), 'fcom-electron-'));
    const app = await electron.launch({
      executablePath: binary.path,
      args: [ROOT, `--user-data-dir=${userData}`],
      env: { ...process.env, FCOM_MDNS: 'isolated-only' },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]?.webContents;
        return contents ? { url: contents.getURL() } : null;
      });
      // Served by the app:// protocol (electron/main/app-protocol.ts), never file:// with extra privileges.
      expect(prefs?.url).toBe('app://face-commissioner/index.html');
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      for (const name of ['Devices', 'Remove identities', 'Permissions', 'Jobs', 'Sync queue', 'Settings']) {
        await page.getByRole('button', { name, exact: true }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      }
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
