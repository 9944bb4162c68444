// ESLint flat config. Beyond the usual rules it enforces the architecture:
// - `electron` may not be imported from electron/core, shared/ or renderer/ (they run without Electron);
// - raw `ipcMain` / `ipcRenderer` only in the two wrappers (electron/main/ipc.ts, electron/preload/index.ts).
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
const rawIpcSyntax = [
  { selector: 'MemberExpression[property.name=/^(ipcMain|ipcRenderer)$/]', message: NO_RAW_IPC.message },
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
    files: IPC_WRAPPERS,
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  prettier,
);
