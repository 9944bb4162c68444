import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackApp, type AppTarget, type AppUnderTest } from './app-target.ts';
import { launchBrowserHostApp, loadAppPage, type HostProcess } from './browser-host-app.ts';
import { launchElectronApp } from './electron/electron-app-target.ts';
import { findElectronBinary } from './electron/electron-binary.ts';
import { TERMINAL_COLUMNS, type TerminalColumn } from '../../renderer/src/store/devices/terminal-table.ts';

export type { AppTarget, AppUnderTest } from './app-target.ts';
export { E2E_SECRET_KEY, startHostProcess, type HostProcess } from './browser-host-app.ts';

/** The option a Playwright project sets to pick the target (`use: { appTarget: 'electron' }`). */
export interface AppTargetOptions {
  appTarget: AppTarget;
}

/** What every test gets. */
interface AppFixtures {
  /** The app under test on the project's target: page, data directory, contract calls, restart and close. */
  app: AppUnderTest;
  /** The Electron executable on the electron target (the test is skipped, with the reason, where it is missing). */
  electronExecutable: string | undefined;
  /**
   * The older name of the app, kept for specs written before `app`: `url` (open it with openApp), `dataDir`,
   * `process`. On Electron, `url` is the window's own address.
   */
  host: HostProcess;
}

/** Chromium for the browser host, launched only when a test asks for it (the electron target never does). */
interface WorkerFixtures {
  chromiumForHost: () => Promise<Browser>;
}

/**
 * Opens the app's address in `page` (a reload when it is already there: a fresh start of the renderer) and
 * waits for the app-ready signal (never a sleep).
 */
export async function openApp(page: Page, url: string): Promise<void> {
  await loadAppPage(page, url);
}

/**
 * Playwright test with a fresh app (and data directory) per test, on the target the project names:
 * the browser host in Chromium, or Electron through `_electron` where its binary is installed.
 */
export const test = base.extend<AppTargetOptions & AppFixtures, WorkerFixtures>({
  appTarget: ['browser-host', { option: true }],
  chromiumForHost: [
    async ({ playwright }, use) => {
      let launched: Promise<Browser> | undefined;
      // The config's launchOptions (executablePath, args) apply to this launch as to Playwright's own browser.
      await use(() => (launched ??= playwright.chromium.launch()));
      if (launched) await (await launched).close();
    },
    { scope: 'worker' },
  ],
  // Automatic, so every test of the electron project is skipped with the reason before its hooks or
  // simulators start, never run against something else and reported as passed.
  electronExecutable: [
    async ({ appTarget }, use, testInfo) => {
      if (appTarget !== 'electron') return use(undefined);
      const binary = findElectronBinary();
      testInfo.skip('missing' in binary, `Electron project skipped: ${'missing' in binary ? binary.missing : ''}`);
      await use('path' in binary ? binary.path : undefined);
    },
    { auto: true },
  ],
  app: async ({ appTarget, electronExecutable, chromiumForHost, viewport }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), `fcom-e2e-${appTarget}-`));
    let context: Awaited<ReturnType<Browser['newContext']>> | undefined;
    try {
      let app: AppUnderTest;
      if (appTarget === 'electron') {
        if (!electronExecutable) throw new Error('The electron target has no Electron executable.');
        app = await launchElectronApp({ executablePath: electronExecutable, dataDir, viewport });
      } else {
        // The config's context options (viewport, tracing) apply to this context as to Playwright's own.
        context = await (await chromiumForHost()).newContext();
        app = await launchBrowserHostApp(await context.newPage(), dataDir);
      }
      const forget = trackApp(app);
      try {
        await use(app);
      } finally {
        forget();
        await app.close();
      }
    } finally {
      await context?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  page: async ({ app }, use) => {
    await use(app.page);
  },
  host: async ({ app }, use) => {
    await use({
      get url() {
        return app.url;
      },
      dataDir: app.dataDir,
      get process() {
        return app.process;
      },
    });
  },
});

export { expect };

/** Where a column's cell sits in a row of the Devices table (its tick box is the first cell). */
export function terminalCell(column: TerminalColumn): number {
  return TERMINAL_COLUMNS.indexOf(column) + 1;
}
