import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBackgroundWork } from '../core/background.ts';
import { createCore } from '../core/compose.ts';
import { resolveDataDir } from '../core/data-dir.ts';
import { createRedactedLog } from '../core/logs/log-line.ts';
import { checkSecretsAtStart } from './startup-checks.ts';
import { startHost } from './server.ts';

/** stderr, redacted like the Electron app's log (no password, token or signature in a terminal or CI log). */
const log = createRedactedLog();

/**
 * `npm run web`: starts the core and serves the app to a browser on 127.0.0.1.
 * Options: --port N (0 picks a free port), --data-dir DIR (or FCOM_DATA_DIR), --renderer-dir DIR,
 * --ready-json (print one JSON line with url, port and token when ready; tests read it).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'ready-json': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  const dataDir = resolveDataDir(values['data-dir']);
  const rendererDir = resolve(values['renderer-dir'] ?? resolve(import.meta.dirname, '../../out/renderer'));
  const core = createCore({ dataDir, target: 'host', onError: log });
  // A wrong passphrase stops here (nothing resumed, nothing sent); a missing one is said once, jobs then refuse.
  const secrets = await checkSecretsAtStart(core.services.secrets);
  if (!secrets.ok) {
    await core.close();
    throw new Error(secrets.message);
  }
  if (secrets.warning) log(secrets.warning);
  const host = await startHost({ handlers: core.handlers, bus: core.services.bus, rendererDir, port });

  startBackgroundWork(core, log);

  if (values['ready-json']) {
    console.log(JSON.stringify({ url: host.url, port: host.port, token: host.token, dataDir }));
  } else {
    console.log(`Face Commissioner is running. Open this address in a browser:\n\n  ${host.url}\n`);
    console.log(`Data: ${dataDir}\nPress Ctrl-C to stop.`);
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log(`Face Commissioner could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
