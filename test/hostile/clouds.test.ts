import { afterAll, describe, expect, it } from 'vitest';
import { createAliyunClient } from '../../electron/core/cloud/aliyun/client.ts';
import { AliyunError } from '../../electron/core/cloud/aliyun/errors.ts';
import { toCloudError } from '../../electron/core/cloud/cloud-errors.ts';
import { createTuyaClient } from '../../electron/core/cloud/tuya/client.ts';
import { TuyaError } from '../../electron/core/cloud/tuya/errors.ts';
import { connectionsLeft, startHostile, type HostileKind } from './servers.ts';
import { recordTiming, timingTable } from './timings.ts';

/**
 * The cloud clients against a hostile "cloud" (a captive portal or a broken proxy behaves like one): each
 * attempt must give up within the configured time-out, the whole exchange included, with the client's
 * classified network error, and leave no connection open.
 */

const TIMEOUT_MS = 500;
const MARGIN_MS = 1_000;
const KINDS: HostileKind[] = [
  'silent',
  'drip-head',
  'drip-body',
  'endless-body',
  'gzip-bomb',
  'huge-header',
  'redirect-302',
];

afterAll(() => {
  console.log(
    `Cloud clients against hostile servers (time-out ${TIMEOUT_MS} ms, one attempt):\n${timingTable('cloud')}`,
  );
});

async function givesUp(kind: HostileKind, cloud: 'tuya' | 'aliyun', call: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${kind}/${cloud}: still no answer after 5 s`)), 5_000);
  });
  const error = await Promise.race([
    call().then(
      () => undefined,
      (e: unknown) => e,
    ),
    hung,
  ]).finally(() => clearTimeout(timer));
  const elapsed = performance.now() - started;
  recordTiming('cloud', kind, cloud, elapsed);
  expect(error, `${kind}/${cloud}`).toBeInstanceOf(cloud === 'tuya' ? TuyaError : AliyunError);
  expect(toCloudError(error, cloud).code, `${kind}/${cloud}`).not.toBe('CANCELLED');
  expect(elapsed, `${kind}/${cloud} took ${Math.round(elapsed)} ms`).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
}

describe('cloud clients against hostile servers', () => {
  it.each(KINDS)('%s: one attempt gives up within the time-out with a classified error', async (kind) => {
    const server = await startHostile(kind, { redirectTo: 'http://localhost:1/' });
    try {
      const origin = `http://127.0.0.1:${server.endpoint.port}`;
      const tuya = createTuyaClient({
        baseUrl: origin,
        clientId: 'id',
        clientSecret: 'secret',
        fetchTimeoutMs: TIMEOUT_MS,
        proxy: false,
        backoff: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      });
      const aliyun = createAliyunClient({
        host: origin,
        appKey: 'key',
        appSecret: 'secret',
        projectId: 'project',
        auth: { kind: 'project' },
        timeoutMs: TIMEOUT_MS,
        retry: { maxAttempts: 1 },
      });
      await Promise.all([
        givesUp(kind, 'tuya', () => tuya.token()),
        givesUp(kind, 'aliyun', () => aliyun.cloudToken()),
      ]);
      expect(await connectionsLeft(server), 'connections left open').toBe(0);
    } finally {
      await server.close();
    }
  });
});
