/** Debian's Chromium, which the e2e tests and the UI benchmark drive (`FCOM_CHROMIUM` names another). */
export const CHROMIUM_PATH = process.env.FCOM_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags for Chromium under test: no sandbox (CI runs as root), no GPU, and nothing that reaches out to the
 * network by itself (QUIC, background networking, component updates, sync, first-run pages).
 */
export const CHROMIUM_TEST_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
