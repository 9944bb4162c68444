import { expect, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/types.ts';
import type { Result } from '../../shared/result.ts';

/** Where the e2e suite runs the app: the browser host in Chromium, or the Electron shell through `_electron`. */
export type AppTarget = 'browser-host' | 'electron';

/**
 * The app one test drives, whatever the target: its page, its data directory, contract calls made through
 * that page, and restart/close. Specs written against this run unchanged on both targets.
 */
export interface AppUnderTest {
  readonly target: AppTarget;
  /** The app's page, open and app-ready. On Electron, restart() opens a new window: read this again after it. */
  readonly page: Page;
  /** Where the app keeps its data (the host's `--data-dir`, Electron's `--user-data-dir`); kept across restarts. */
  readonly dataDir: string;
  /** The page's address: the host's URL with its `#token=` (new after a restart), or the window's file URL. */
  readonly url: string;
  /** The app's main process (the host's Node process, or Electron's main process). */
  readonly process: ChildProcess;
  /** Loads the app's page again (a fresh start of the renderer) and waits for the app-ready signal. */
  open(): Promise<void>;
  /** Calls one contract channel through the page's own bridge (see {@link invokeThroughPage}). */
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Stops the app and starts it again on the same data directory, then waits for the page to be app-ready. */
  restart(): Promise<void>;
  /** Stops the app (idempotent). The fixture closes it after the test in any case. */
  close(): Promise<void>;
  /**
   * Runs `action` (a click that saves a report or an export) and returns the file the app saved: the browser
   * host's download, or, in Electron, the file written where the native Save dialog (answered by the test
   * with a temporary folder) pointed.
   */
  saveFile(action: () => Promise<void>): Promise<SavedFile>;
}

/** A file the app saved during a test: the name it suggested and the text written. */
export interface SavedFile {
  name: string;
  content: string;
}

/** Waits for the renderer's app-ready signal (`data-app-ready` on <html>), never a sleep. */
export async function waitForAppReady(page: Page): Promise<void> {
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
}

/** What a contract call needs inside the page. */
interface PageCall {
  channel: string;
  request: unknown;
  tokenKey: string;
}

/** Where the renderer keeps the host's token across reloads (renderer/src/api/get-api.ts). */
const HOST_TOKEN_KEY = 'fcom.hostToken';

/**
 * Calls a contract channel from inside the app's page, so the call takes the same road as the renderer's:
 * in Electron the preload's `window.api` (context bridge, IPC, the trusted-sender check); in the browser host
 * a WebSocket from the page's own origin with the page's own token (the host's origin and token checks).
 */
export async function invokeThroughPage<C extends Channel>(
  page: Page,
  channel: C,
  request: RequestOf<C>,
): Promise<Result<ResponseOf<C>>> {
  const call: PageCall = { channel, request, tokenKey: HOST_TOKEN_KEY };
  return (await page.evaluate(callContractInPage, call)) as Result<ResponseOf<C>>;
}

/** The page globals the call reads (the e2e code is type-checked without the DOM library). */
interface PageGlobals {
  api?: { invoke(channel: string, request: unknown): Promise<unknown> };
  location: { hash: string; host: string; protocol: string };
  sessionStorage: { getItem(key: string): string | null };
}

/** Runs in the page (serialized by Playwright): nothing outside this function is reachable from it. */
async function callContractInPage(call: PageCall): Promise<unknown> {
  const page = globalThis as unknown as PageGlobals;
  if (page.api) return page.api.invoke(call.channel, call.request);
  const token =
    new URLSearchParams(page.location.hash.slice(1)).get('token') ?? page.sessionStorage.getItem(call.tokenKey) ?? '';
  const scheme = page.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${page.location.host}/ws?token=${encodeURIComponent(token)}`);
  try {
    return await new Promise<unknown>((resolve, reject) => {
      socket.addEventListener('open', () => {
        socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: call.channel, request: call.request }));
      });
      socket.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as { type?: string; id?: number; result?: unknown };
        if (message.type === 'result' && message.id === 1) resolve(message.result);
      });
      socket.addEventListener('close', () => {
        reject(new Error('The host closed the WebSocket before answering: is the page open with its #token=?'));
      });
    });
  } finally {
    socket.close();
  }
}

/** The apps the fixture is running now, so helpers that only know an address can find the app behind it. */
const runningApps = new Set<AppUnderTest>();

/** Records a running app (the fixture calls this after launch and forgets it after the test). */
export function trackApp(app: AppUnderTest): () => void {
  runningApps.add(app);
  return () => runningApps.delete(app);
}

/** The running app whose page address is `url`, if a fixture started one. */
export function findAppByUrl(url: string): AppUnderTest | undefined {
  for (const app of runningApps) if (app.url === url) return app;
  return undefined;
}
