import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../../../electron/core/compose.ts';
import { COMMAND_HELP } from './commands.ts';
import { childEnv, controlChild } from './control.ts';
import { configureDemoClouds, seedDemoCredentials, trustDemoTerminals } from './demo-credentials.ts';
import { electronBinary, RENDERER_INDEX, startHostProcess } from './host-process.ts';
import { startRelay } from './relay.ts';
import { startSession, type Session } from './session.ts';
import { SITE_ARG_OPTIONS, startSiteFromArgs } from './site-args.ts';
import { describeSite, tryFirst } from './summary.ts';

const RELAY_MAIN = resolve(import.meta.dirname, 'relay-main.ts');

/**
 * `npm run demo -- [--work-dir DIR]` plus the options of `sim`: the app against a simulated site (seed
 * "demo"). The browser host runs inside the laptop namespace (so discovery sees only the site) and is
 * bridged to 127.0.0.1:P of this machine, the same port P it listens on there, through a unix socket: a
 * relay here (127.0.0.1:P → socket) and one in the laptop namespace (socket → 127.0.0.1:P). Without
 * namespaces the terminals and the host run on 127.0.0.1 here. Ctrl-C stops it all.
 */
async function main(session: Session): Promise<void> {
  const { values } = parseArgs({
    options: { ...SITE_ARG_OPTIONS, seed: { type: 'string', default: 'demo' }, 'work-dir': { type: 'string' } },
    strict: true,
  });
  if (!existsSync(RENDERER_INDEX)) {
    throw new Error('the UI is not built (out/renderer/index.html): run `npm run demo`, which builds it first.');
  }
  const started = Date.now();
  const ownWorkDir = !values['work-dir'];
  const workDir = values['work-dir'] ? resolve(values['work-dir']) : mkdtempSync(join(tmpdir(), 'fcom-demo-'));
  const socketPath = join(workDir, 'host.sock');
  session.onStop(async () => {
    rmSync(socketPath, { force: true });
    if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
  });

  const { site, clouds } = await startSiteFromArgs(values, session);

  let port = 0;
  if (site.mode === 'namespaces') {
    const outside = await startRelay({ host: '127.0.0.1', port: 0 }, { path: socketPath });
    session.onStop(() => outside.close());
    port = outside.port;
    const inside = controlChild(
      site.runInLaptop(process.execPath, [RELAY_MAIN, `--unix=${socketPath}`, `--to-port=${port}`], {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        env: childEnv(),
      }),
      'laptop relay',
    );
    session.onStop(() => inside.stop());
    await inside.ready;
  }
  const host = await startHostProcess(site.runInLaptop, port, join(workDir, 'data'));
  session.onStop(() => host.stop());
  await seedDemoCredentials(host.ready);
  if (clouds) await configureDemoClouds(host.ready, clouds.clouds);
  const stopTrusting = trustDemoTerminals(host.ready, site.terminals);
  session.onStop(async () => stopTrusting());

  console.log(describeSite(site, clouds?.clouds).join('\n'));
  console.log('');
  if (site.mode === 'namespaces') {
    console.log(`The app runs inside the laptop namespace ${site.laptopNamespace}; its discovery sees only the site.`);
  } else {
    console.log('The app runs here on 127.0.0.1, beside the terminals (loopback mode: no network namespaces).');
  }
  const electron = electronBinary();
  console.log(
    electron
      ? `An Electron binary is installed (${electron}): \`npx electron .\` can later be run on this site too.`
      : 'No Electron binary in this checkout, so the demo uses the browser host.',
  );
  console.log(`\nFace Commissioner (demo) is ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Open:\n`);
  console.log(`  ${host.ready.url}\n`);
  console.log(`Data: ${host.ready.dataDir}\n`);
  console.log(`${tryFirst(site, clouds?.clouds).join('\n')}\n\n${COMMAND_HELP}`);
  session.acceptCommands({ site, clouds, appDatabase: join(host.ready.dataDir, DATABASE_FILE) });
}

const session = startSession();
main(session).catch((error: unknown) => {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  session.stop('start failed', 1);
});
