import { defineConfig } from '@playwright/test';
import { findElectronBinary } from './test/e2e/electron/electron-binary.ts';

const electronBinary = findElectronBinary();
if ('missing' in electronBinary && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(`[electron project] skipped: ${electronBinary.missing}`);
}

/** Debian's Chromium; Playwright's own browser download is skipped on these machines. */
const CHROMIUM = process.env.FCOM_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'browser-host', testIgnore: /electron\//, use: { browserName: 'chromium' } },
    // Runs where the Electron binary exists; elsewhere its tests are reported as skipped, with the reason.
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts$/ },
  ],
});
