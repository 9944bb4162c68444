import { _electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { invokeThroughPage, waitForAppReady, type AppUnderTest, type SavedFile } from '../app-target.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
/** The built main process, what package.json's `main` names (`npm run build` makes it). */
const BUILT_MAIN = join(ROOT, 'out/main/index.js');

/** How to start the Electron app for one test. */
export interface ElectronLaunch {
  /** The Electron executable (findElectronBinary). */
  executablePath: string;
  /** Passed as `--user-data-dir`: the database, credentials, logs and window state go there. */
  dataDir: string;
  /** The content size to give the window, as Playwright's `viewport` option does for a browser page. */
  viewport: { width: number; height: number } | null;
}

/** Starts Electron on the built app with its own data directory and waits for the window to be app-ready. */
async function startElectron(options: ElectronLaunch): Promise<{ electronApp: ElectronApplication; page: Page }> {
  if (!existsSync(BUILT_MAIN)) {
    throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` before the e2e tests.`);
  }
  // Chromium refuses to start as root with its sandbox on (CI containers run as root); the page keeps
  // Electron's renderer sandbox (`sandbox: true`, no Node) either way.
  const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const electronApp = await _electron.launch({
    executablePath: options.executablePath,
    // The app directory: Electron runs package.json's `main`, out/main/index.js, as the packaged app would.
    args: [ROOT, `--user-data-dir=${options.dataDir}`, ...rootOnly],
    cwd: ROOT,
    env: { ...withoutRunAsNode(process.env), FCOM_MDNS: 'isolated-only' },
  });
  try {
    const page = await electronApp.firstWindow();
    if (options.viewport) {
      await electronApp.evaluate(({ BrowserWindow }, size) => {
        BrowserWindow.getAllWindows()[0]?.setContentSize(size.width, size.height);
      }, options.viewport);
    }
    await waitForAppReady(page);
    return { electronApp, page };
  } catch (error) {
    await electronApp.close();
    throw error;
  }
}

/** The environment without ELECTRON_RUN_AS_NODE, which would start Electron as plain Node instead of the app. */
function withoutRunAsNode(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.ELECTRON_RUN_AS_NODE;
  return copy;
}

/**
 * The app as the Electron shell runs it, through Playwright's `_electron` launcher: its first window is the
 * page, contract calls go through the preload's `window.api`. A restart closes Electron and starts it again
 * with the same `--user-data-dir` (a new window: read `app.page` again).
 */
export async function launchElectronApp(options: ElectronLaunch): Promise<AppUnderTest> {
  let current = await startElectron(options);
  let running = true;
  const app: AppUnderTest = {
    target: 'electron',
    get page() {
      return current.page;
    },
    dataDir: options.dataDir,
    get url() {
      return current.page.url();
    },
    get process() {
      return current.electronApp.process();
    },
    async open() {
      await current.page.reload();
      await waitForAppReady(current.page);
    },
    invoke: (channel, request) => invokeThroughPage(current.page, channel, request),
    saveFile: (action) => saveThroughDialog(current.electronApp, action),
    async restart() {
      await app.close();
      current = await startElectron(options);
      running = true;
    },
    async close() {
      if (!running) return;
      running = false;
      await current.electronApp.close();
    },
  };
  return app;
}

/**
 * Answers the next native Save dialogs of the main process with a file in a fresh temporary folder (named as
 * the app suggested), runs `action`, and returns what the app wrote there.
 */
async function saveThroughDialog(electronApp: ElectronApplication, action: () => Promise<void>): Promise<SavedFile> {
  const folder = mkdtempSync(join(tmpdir(), 'fcom-e2e-save-'));
  try {
    await electronApp.evaluate(({ dialog }, into) => {
      const answer = async (...args: unknown[]) => {
        const options = args[args.length - 1] as { defaultPath?: string };
        const name = (options.defaultPath ?? 'saved-file').split(/[\\/]/).pop() ?? 'saved-file';
        return { canceled: false, filePath: `${into}/${name}` };
      };
      Object.assign(dialog, { showSaveDialog: answer });
    }, folder);
    await action();
    await expect.poll(() => readdirSync(folder).length, { message: 'the app wrote the saved file' }).toBe(1);
    const name = readdirSync(folder)[0] ?? '';
    return { name, content: readFileSync(join(folder, name), 'utf8') };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
