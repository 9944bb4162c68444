import { WebSocket } from 'ws';
import type { CloudInfo } from './clouds.ts';
import type { HostReady } from './host-process.ts';

/** The simulators' factory credentials, saved as the demo's site defaults per kind. */
export const DEMO_CREDENTIALS = {
  sophon: { username: 'admin', password: 'admin' },
  basip: { username: 'admin', password: '123456' },
} as const;

/** One contract call the demo makes in its app. */
interface DemoCall {
  channel: string;
  request: unknown;
  /** What the call does, for the error when the app refuses it. */
  what: string;
}

/**
 * Makes contract calls in the demo's app, in order, through its own contract (the WebSocket of the browser host,
 * with its token and origin), as a technician would in the UI; throws with the app's own message when it refuses.
 */
async function callDemoApp(ready: HostReady, calls: readonly DemoCall[], timeoutMs = 5000): Promise<void> {
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
    for (const call of calls) {
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
      ws.send(JSON.stringify({ type: 'invoke', id: requestId, channel: call.channel, request: call.request }));
      const result = await answer;
      if (!result.ok) throw new Error(`The demo could not ${call.what}: ${result.error?.message ?? 'unknown error'}`);
    }
  } finally {
    ws.close();
  }
}

/**
 * Saves the simulators' credentials as the site defaults of the demo's app, so the demo's panels show
 * "credentials ok" as a technician's would after typing them once.
 */
export async function seedDemoCredentials(ready: HostReady, timeoutMs = 5000): Promise<void> {
  const calls = Object.entries(DEMO_CREDENTIALS).map(([kind, credentials]) => ({
    channel: 'devices:set-credentials',
    request: { target: { kind }, credentials },
    what: `save the ${kind} credentials`,
  }));
  await callDemoApp(ready, calls, timeoutMs);
}

/**
 * Configures both simulated clouds in the demo's app (address, project, credentials), as a technician would in
 * Settings, so pushes and Alibaba removals work at once. Clouds the site did not start are left alone.
 */
export async function configureDemoClouds(
  ready: HostReady,
  clouds: readonly CloudInfo[],
  timeoutMs = 5000,
): Promise<void> {
  const calls: DemoCall[] = [];
  for (const cloud of clouds) {
    const c = cloud.credentials;
    if (cloud.name === 'tuya') {
      calls.push({
        channel: 'cloud:set-config',
        request: {
          cloud: 'tuya',
          settings: { baseUrl: cloud.origin, projectId: c.projectId ?? '' },
          secrets: { clientId: c.clientId ?? '', clientSecret: c.clientSecret ?? '' },
        },
        what: 'configure the Tuya cloud',
      });
    } else {
      calls.push({
        channel: 'cloud:set-config',
        request: {
          cloud: 'aliyun',
          settings: { host: cloud.origin, projectId: c.projectId ?? '', auth: 'project' },
          secrets: { appKey: c.appKey ?? '', appSecret: c.appSecret ?? '', iotToken: c.iotToken ?? '' },
        },
        what: 'configure Alibaba Cloud',
      });
    }
  }
  await callDemoApp(ready, calls, timeoutMs);
}

/** How often the demo looks for its own terminals in the app's inventory, and for how long. */
const TRUST_POLL_MS = 500;
const TRUST_FOR_MS = 120_000;

/**
 * Trusts the demo's own terminals in its app, through the app's contract, as a technician would with the
 * Trust button: terminals found by mDNS or a sweep start untrusted and get no credentials, so the demo
 * confirms each simulated terminal (by serial, only at the address the simulator really has) once it shows
 * up in the inventory. Runs in the background until every one is trusted or two minutes passed; the returned
 * function stops it.
 */
export function trustDemoTerminals(
  ready: HostReady,
  terminals: readonly { serial: string; address: string }[],
): () => void {
  const origin = new URL(ready.url).origin;
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws?token=${encodeURIComponent(ready.token)}`, { origin });
  const expected = new Map(terminals.map((t) => [t.serial, t.address]));
  let id = 1000;
  let timer: NodeJS.Timeout | undefined;
  const started = Date.now();
  const invoke = (channel: string, request: unknown): Promise<{ ok: boolean; value?: unknown }> => {
    const requestId = ++id;
    return new Promise((resolve) => {
      const onMessage = (data: Buffer): void => {
        const message = JSON.parse(data.toString()) as { type: string; id?: number; result?: { ok: boolean } };
        if (message.type === 'result' && message.id === requestId && message.result) {
          ws.off('message', onMessage);
          resolve(message.result);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ type: 'invoke', id: requestId, channel, request }));
    });
  };
  const round = async (): Promise<void> => {
    const listed = await invoke('devices:list', {});
    const rows = (listed.ok ? listed.value : []) as { serial: string; address: string; trust?: string }[];
    const ours = rows.filter((r) => r.trust === 'untrusted' && expected.get(r.serial) === r.address);
    if (ours.length > 0) await invoke('devices:trust', { serials: ours.map((r) => r.serial) });
    const trusted = rows.filter((r) => expected.has(r.serial) && r.trust !== 'untrusted').length + ours.length;
    if (trusted >= expected.size || Date.now() - started > TRUST_FOR_MS) {
      ws.close();
      return;
    }
    timer = setTimeout(() => void round().catch(() => ws.close()), TRUST_POLL_MS);
    timer.unref();
  };
  ws.once('open', () => void round().catch(() => ws.close()));
  ws.once('error', () => undefined);
  return () => {
    if (timer) clearTimeout(timer);
    ws.close();
  };
}
