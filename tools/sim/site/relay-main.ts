import { parseArgs } from 'node:util';
import { serveControl } from './control.ts';
import { startRelay } from './relay.ts';

/**
 * The laptop-namespace half of the demo's bridge: `node tools/sim/site/relay-main.ts --unix PATH
 * --to-port P`, started with an IPC channel. Relays connections on the unix socket PATH to
 * 127.0.0.1:P inside its own namespace; reports ready once listening; `stop` (or the harness going
 * away) closes it and removes the socket file.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      unix: { type: 'string' },
      'to-port': { type: 'string' },
      'to-host': { type: 'string', default: '127.0.0.1' },
    },
    strict: true,
  });
  if (!values.unix || !values['to-port']) throw new Error('--unix PATH and --to-port P are required.');
  const relay = await startRelay({ path: values.unix }, { host: values['to-host'], port: Number(values['to-port']) });
  const sendReady = serveControl(
    { stop: () => relay.close() },
    () => void relay.close().finally(() => process.exit(0)),
  );
  process.on('SIGTERM', () => void relay.close().finally(() => process.exit(0)));
  sendReady({ path: values.unix });
}

main().catch((error: unknown) => {
  console.error(`relay could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
