import { createMemorySecretStore } from '../../../electron/core/secrets/memory-secret-store.ts'; /**
 * TEST-ONLY helpers of the cloud jobs: a core with fast waits over a temporary data directory, contract calls,
 * the simulators configured through `cloud:set-config`, and a loopback proxy that loses answers on purpose.
 * Nothing in the app imports this file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/types.ts';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/compose.ts';
import { dispatch } from '../../../electron/core/ipc/dispatch.ts';
import type { SecretStore } from '../../../electron/core/secrets/secret-store.ts';

/** Credentials in memory, shared between the cores of one test (a restart keeps them). */
export const memorySecrets = createMemorySecretStore;

/** Fast waits: short back-off, quick polling, a short settle time for lost issue calls. */
export const FAST: NonNullable<CoreOptions['cloud']> = {
  clients: {
    tuya: { backoff: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, fetchTimeoutMs: 2000 },
    aliyun: { timeoutMs: 2000, retry: { maxAttempts: 8, baseMs: 50, maxMs: 500 } },
  },
  jobs: {
    retryMs: 50,
    backoff: { baseMs: 5, maxMs: 20 },
    follow: { pollMs: 15, maxPollMs: 60 },
    settleMs: 400,
  },
};

/** A core over a data directory (a fresh one unless given), with fast cloud waits. */
export function cloudCore(
  options: { dir?: string; secrets?: SecretStore; resumeJobs?: boolean } & Partial<CoreOptions> = {},
) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'fcom-cloud-'));
  const secrets = options.secrets ?? memorySecrets();
  const core: Core = createCore({
    dataDir: dir,
    target: 'cli',
    mdnsPolicy: 'off',
    cloud: FAST,
    ...options,
    secrets,
  });
  let closed: Promise<void> | undefined;
  return {
    core,
    dir,
    secrets,
    /** Calls a channel through the contract; a failed Result throws its error payload. */
    async call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      const result = await dispatch(core.handlers, channel, request);
      if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
      return result.value as ResponseOf<C>;
    },
    /** The failed Result's error of a call that must fail. */
    async refusal<C extends Channel>(channel: C, request: RequestOf<C>) {
      const result = await dispatch(core.handlers, channel, request);
      if (result.ok) throw new Error(`${channel} succeeded: ${JSON.stringify(result.value)}`);
      return result.error;
    },
    /** Closes the core (once, however often it is called). */
    close: () => (closed ??= core.close()),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Waits until `check` holds (polling every 10 ms), failing after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A loopback proxy in front of a simulator that forwards every request but may drop chosen answers. */
export interface LossyProxy {
  origin: string;
  /** Drops the answers of the next `count` requests whose path contains `pathIncludes` (after they were served). */
  loseAnswers(pathIncludes: string, count: number): void;
  /** Paths whose answer was dropped. */
  lost: string[];
  close(): Promise<void>;
}

/** Starts a {@link LossyProxy} on 127.0.0.1 in front of `target` (an http origin). */
export async function startLossyProxy(target: string): Promise<LossyProxy> {
  const upstream = new URL(target);
  const rules: { pathIncludes: string; count: number }[] = [];
  const lost: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const rule = rules.find((r) => r.count > 0 && path.includes(r.pathIncludes));
    if (rule) rule.count -= 1;
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, path, method: req.method, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          if (rule) {
            // The cloud did the work; the answer never reaches the app.
            lost.push(path);
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    loseAnswers: (pathIncludes, count) => rules.push({ pathIncludes, count }),
    lost,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
