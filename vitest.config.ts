import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code they test; test/ holds the ones that span the app (e2e excluded: Playwright).
export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'shared/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'test/**/*.test.ts',
      'tools/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    exclude: ['test/e2e/**', 'node_modules/**', 'out/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Nothing started by a unit test may multicast on this machine's network: mDNS only in private namespaces.
    env: { FCOM_MDNS: 'isolated-only' },
  },
});
