import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH, CHROMIUM_TEST_ARGS } from './test/e2e/chromium.ts';
import { findElectronBinary } from './test/e2e/electron/electron-binary.ts';
import type { AppTargetOptions } from './test/e2e/fixtures.ts';

const electronBinary = findElectronBinary();
if ('missing' in electronBinary && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(`[electron project] skipped: ${electronBinary.missing}`);
}

export default defineConfig<AppTargetOptions>({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    // Debian's Chromium (test/e2e/chromium.ts); Playwright's own browser download is skipped on these machines.
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_TEST_ARGS],
    },
  },
  // Both projects run the same specs (test/e2e/*.spec.ts) through the `app` fixture (test/e2e/fixtures.ts).
  projects: [
    { name: 'browser-host', testIgnore: /electron\//, use: { browserName: 'chromium', appTarget: 'browser-host' } },
    {
      // Electron through Playwright's `_electron`, plus the Electron-only smoke checks in electron/. Where the
      // binary is missing, every test is reported as skipped with the reason (the fixture skips it), never passed.
      // Not here: build.spec.ts reads the built bundles from disk and starts no app (one run is enough), and
      // site.spec.ts opens the address `npm run demo` prints, which only the browser host serves.
      name: 'electron',
      testIgnore: [/[/\\]build\.spec\.ts$/, /[/\\]site\.spec\.ts$/],
      use: { appTarget: 'electron' },
    },
  ],
});
