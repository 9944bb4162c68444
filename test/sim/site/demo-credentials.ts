import { WebSocket } from 'ws';
import type { HostReady } from './host-process.ts';

/** The simulators' factory credentials, saved as the demo's site defaults per kind. */
export const DEMO_CREDENTIALS = {
  sophon: { username: 'admin', password: 'admin' },
  basip: { username: 'admin', password: '123456' },
} as const;

/**
 * Saves the simulators' credentials as the site defaults of the demo's app, through the app's own contract
 * (the WebSocket of the browser host, with its token and origin), so the demo's panels show "credentials ok"
 * as a technician's would after typing them once.
 */
export async function seedDemoCredentials(ready: HostReady, timeoutMs = 5000): Promise<void> {
  const origin = new URL(ready.url).origin;
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws?token=${encodeURIComponent(ready.token)}`, { origin });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('The demo app did not accept the connection in time.')),
        timeoutMs,
      );
      ws.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.once('error', reject);
    });
    let id = 0;
    for (const [kind, credentials] of Object.entries(DEMO_CREDENTIALS)) {
      const requestId = ++id;
      const answer = new Promise<{ ok: boolean; error?: { message: string } }>((resolve) => {
        const onMessage = (data: Buffer): void => {
          const message = JSON.parse(data.toString()) as {
            type: string;
            id?: number;
            result?: { ok: boolean; error?: { message: string } };
          };
          if (message.type === 'result' && message.id === requestId && message.result) {
            ws.off('message', onMessage);
            resolve(message.result);
          }
        };
        ws.on('message', onMessage);
      });
      ws.send(
        JSON.stringify({
          type: 'invoke',
          id: requestId,
          channel: 'devices:set-credentials',
          request: { target: { kind }, credentials },
        }),
      );
      const result = await answer;
      if (!result.ok)
        throw new Error(`The demo could not save the ${kind} credentials: ${result.error?.message ?? 'unknown error'}`);
    }
  } finally {
    ws.close();
  }
}
