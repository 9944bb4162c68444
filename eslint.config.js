// ESLint flat config. Beyond the usual rules it enforces the architecture:
// - `electron` may not be imported from electron/core, shared/ or renderer/ (they run without Electron);
// - raw `ipcMain` / `ipcRenderer` only in the two wrappers (electron/main/ipc.ts, electron/preload/index.ts);
// - production code (electron/, renderer/, shared/; not unit tests) never imports test/, tools/ or bench/;
// - the CLI (electron/cli/) reaches the core through the contract only: no `.services`, no services.ts.
// The import graph itself (no cycles, layers) is checked by dependency-cruiser: .dependency-cruiser.cjs.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Files allowed to touch raw IPC objects. */
export const IPC_WRAPPERS = ['electron/main/ipc.ts', 'electron/preload/index.ts'];

const NO_ELECTRON = {
  name: 'electron',
  message: 'electron/core, shared/ and renderer/ must run without Electron: take what you need through a port.',
};
const NO_RAW_IPC = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed IPC wrappers (electron/main/ipc.ts, electron/preload/index.ts), not raw ipcMain/ipcRenderer.',
};
/** Production code never imports the test kits, the simulators or the benchmarks; unit tests beside it may. */
const NO_TEST_KITS = {
  group: ['**/test/**', '**/tools/**', '**/bench/**'],
  message:
    'Production code (electron/, renderer/, shared/) never imports test/, tools/ or bench/: only unit tests may.',
};
/** Unit tests sit beside production code. */
const UNIT_TESTS = ['**/*.test.ts', '**/*.test.tsx'];
const rawIpcSyntax = [
  { selector: 'MemberExpression[property.name=/^(ipcMain|ipcRenderer)$/]', message: NO_RAW_IPC.message },
];
/** The CLI talks to the core like the app and the browser host do: only through the contract. */
const CLI_CONTRACT_ONLY =
  'The CLI reaches the core through the contract only: context.call(channel, request) and context.on(event, cb). Add the channel it lacks (shared/ipc/contract/) instead of using the core services.';
/** Where the CLI must not reach into the core: only its composition root (program.ts) opens one. */
const CLI_FILES = ['electron/cli/**/*.ts'];
const CLI_ROOT = 'electron/cli/program.ts';
const NO_CORE_SERVICES = { group: ['**/core/services.ts', '**/core/services'], message: CLI_CONTRACT_ONLY };
const noServicesSyntax = [
  ...rawIpcSyntax,
  { selector: 'MemberExpression[property.name="services"]', message: CLI_CONTRACT_ONLY },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { paths: [NO_RAW_IPC] }],
      'no-restricted-syntax': ['error', ...rawIpcSyntax],
    },
  },
  {
    files: ['electron/core/**', 'shared/**', 'renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [NO_ELECTRON], patterns: [{ group: ['electron/*'], message: NO_ELECTRON.message }] },
      ],
    },
  },
  {
    files: ['electron/core/**', 'shared/**', 'renderer/**'],
    ignores: UNIT_TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_ELECTRON],
          patterns: [{ group: ['electron/*'], message: NO_ELECTRON.message }, NO_TEST_KITS],
        },
      ],
    },
  },
  {
    files: ['electron/**'],
    ignores: ['electron/core/**', ...UNIT_TESTS],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_RAW_IPC], patterns: [NO_TEST_KITS] }] },
  },
  {
    files: CLI_FILES,
    ignores: [CLI_ROOT, ...UNIT_TESTS],
    rules: {
      'no-restricted-syntax': ['error', ...noServicesSyntax],
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_RAW_IPC],
          patterns: [NO_TEST_KITS, NO_CORE_SERVICES, { group: ['**/core/compose.ts'], message: CLI_CONTRACT_ONLY }],
        },
      ],
    },
  },
  {
    files: UNIT_TESTS.map((glob) => `electron/cli/${glob}`),
    rules: {
      'no-restricted-syntax': ['error', ...noServicesSyntax],
      'no-restricted-imports': ['error', { paths: [NO_RAW_IPC], patterns: [NO_CORE_SERVICES] }],
    },
  },
  {
    files: IPC_WRAPPERS,
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_TEST_KITS] }], 'no-restricted-syntax': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  prettier,
);
