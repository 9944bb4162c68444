import type { Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { invokeThroughPage, waitForAppReady, type AppUnderTest } from './app-target.ts';

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

/** Stops a host (SIGTERM, as the fixture always did) and waits until it has exited. */
export async function stopHostProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

/** Opens `url` in `page` (a reload when the page is already there) and waits for the app-ready signal. */
export async function loadAppPage(page: Page, url: string): Promise<void> {
  // The same address with a `#token=` fragment would only be a fragment navigation: reload instead.
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await waitForAppReady(page);
}

/**
 * The app as the browser host serves it: `electron/host/main.ts` on 127.0.0.1 with `dataDir`, opened in
 * `page` (Chromium). A restart starts a new host on the same data directory (a new port and token) and
 * opens its address in the same page.
 */
export async function launchBrowserHostApp(page: Page, dataDir: string): Promise<AppUnderTest> {
  let host = await startHostProcess(dataDir);
  let running = true;
  const app: AppUnderTest = {
    target: 'browser-host',
    page,
    dataDir,
    get url() {
      return host.url;
    },
    get process() {
      return host.process;
    },
    open: () => loadAppPage(page, host.url),
    invoke: (channel, request) => invokeThroughPage(page, channel, request),
    async saveFile(action) {
      const downloading = page.waitForEvent('download');
      await action();
      const download = await downloading;
      return { name: download.suggestedFilename(), content: readFileSync(await download.path(), 'utf8') };
    },
    async restart() {
      await app.close();
      host = await startHostProcess(dataDir);
      running = true;
      await loadAppPage(page, host.url);
    },
    async close() {
      if (!running) return;
      running = false;
      await stopHostProcess(host.process);
    },
  };
  try {
    await loadAppPage(page, host.url);
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
