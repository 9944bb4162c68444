import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '../..');

/** A browser host started for one test, with its own temporary data directory. */
export interface HostProcess {
  url: string;
  dataDir: string;
  process: ChildProcess;
}

/**
 * Passphrase of the credential file in a test's temporary data directory (the host keeps credentials in an
 * encrypted file and refuses to store any without one).
 */
export const E2E_SECRET_KEY = 'fcom-e2e-only-passphrase';

/**
 * Starts `electron/host/main.ts` on a free 127.0.0.1 port and waits for its ready line. mDNS stays inside
 * private network namespaces (`FCOM_MDNS=isolated-only`); `env` adds or overrides variables.
 */
export async function startHostProcess(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'electron/host/main.ts'), '--ready-json', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FCOM_MDNS: 'isolated-only', FCOM_SECRET_KEY: E2E_SECRET_KEY, ...env },
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('exit', (code) => reject(new Error(`The host exited early with code ${code}.`)));
    lines.once('line', (line) => resolveUrl((JSON.parse(line) as { url: string }).url));
  });
  return { url, dataDir, process: child };
}

/** Opens the app and waits for the app-ready signal (never a sleep). */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
}

/** Playwright test with a fresh browser host (and data directory) per test. */
export const test = base.extend<{ host: HostProcess }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one needs none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fcom-e2e-'));
    const host = await startHostProcess(dataDir);
    await use(host);
    host.process.kill('SIGTERM');
    await new Promise((done) => host.process.once('exit', done));
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
