/**
 * What a start of the app may take from its environment and command line, as a pure function (unit-tested
 * without Electron; index.ts only applies it). A packaged build is what technicians run: there, whoever sets the
 * environment or the shortcut must not get the app's IPC trust or a debugger, so
 * - `ELECTRON_RENDERER_URL` (the electron-vite dev server) is ignored: the page is always the built one;
 * - `--remote-debugging-port`, `--remote-debugging-pipe` and the Node inspector switches refuse the start (fail
 *   safe: Chromium may have opened the port before the app's code ran, so removing the switch is not enough).
 * A development build (not packaged) takes a dev server URL only on this computer (http(s) to localhost,
 * 127.0.0.1 or [::1]).
 */

/** Debugging switches a packaged build refuses (Chromium's and Node's spellings, without the dashes). */
export const DEBUG_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
] as const;

/** What the start of the app sees. */
export interface LaunchInput {
  /** `app.isPackaged`. */
  readonly isPackaged: boolean;
  /** `process.env.ELECTRON_RENDERER_URL`. */
  readonly rendererUrlEnv: string | undefined;
  /** Whether Chromium's command line has a switch (`app.commandLine.hasSwitch`). */
  readonly hasSwitch: (name: string) => boolean;
  /** `process.argv` (Node's `--inspect=…` forms are looked for here too). */
  readonly argv: readonly string[];
}

/** What the start may use, and what it ignored or must refuse (for the log and the message). */
export interface LaunchPolicy {
  /** The dev server to load instead of the built page; only in a development build. */
  readonly devServerUrl: string | undefined;
  /** Inputs ignored, by name (logged). */
  readonly ignored: readonly string[];
  /** Debugging switches present in a packaged build: the app must not start. */
  readonly refusedSwitches: readonly string[];
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function localDevServer(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTS.has(url.hostname)
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** Decides what this start may use (see the file's comment). */
export function launchPolicy(input: LaunchInput): LaunchPolicy {
  const ignored: string[] = [];
  let devServerUrl: string | undefined;
  if (input.rendererUrlEnv !== undefined && input.rendererUrlEnv !== '') {
    devServerUrl = input.isPackaged ? undefined : localDevServer(input.rendererUrlEnv);
    if (devServerUrl === undefined) ignored.push('ELECTRON_RENDERER_URL');
  }
  const refusedSwitches = input.isPackaged
    ? DEBUG_SWITCHES.filter(
        (name) =>
          input.hasSwitch(name) || input.argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`)),
      )
    : [];
  return { devServerUrl, ignored, refusedSwitches };
}

/**
 * What a packaged build says when it refuses a debugging switch: what happened and what to do, in English and
 * Simplified Chinese (the settings, and so the language, are not read yet at that point).
 */
export function refusedStartMessage(switches: readonly string[]): string {
  const list = switches.map((name) => `--${name}`).join(', ');
  return (
    `Face Commissioner did not start: this build does not accept ${list} (it would let another program control the app). Start it without that option.\n\n` +
    `Face Commissioner 未启动：此版本不接受 ${list}（它会让其他程序控制本应用）。请去掉该选项后再启动。`
  );
}
