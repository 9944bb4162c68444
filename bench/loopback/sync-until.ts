import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { THROTTLED_MEANING } from '../../electron/core/cloud/aliyun/codes.ts';
import { createCore, type Core } from '../../electron/core/compose.ts';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/types.ts';
import {
  BENCH_APP,
  BENCH_DEVICE,
  benchUserIds,
  type SyncDriverMessage,
  type SyncUntilReport,
} from './sync-protocol.ts';
import { roundMs, runDriver } from '../framework/driver.ts';

function nextMessage(): Promise<SyncDriverMessage> {
  return new Promise((resolve) => process.once('message', (message) => resolve(message as SyncDriverMessage)));
}

function tell(message: SyncDriverMessage): void {
  process.send?.(message);
}

async function call<C extends Channel>(core: Core, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await dispatch(core.handlers, channel, request);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value as ResponseOf<C>;
}

async function waitFor(check: () => boolean, capMs: number): Promise<boolean> {
  const deadline = performance.now() + capMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 20));
  }
  return true;
}

/**
 * Waits until the sync queue holds nothing queued or running, or `deadline` passed. It wakes when the job's
 * pass ends (not by polling the queue's counts often: that would take the app's own time from the sync).
 */
async function waitUntilDrained(core: Core, jobId: string, deadline: number): Promise<boolean> {
  const drained = (): boolean => {
    const counts = core.services.sync.counts();
    return counts.queued === 0 && counts.running === 0;
  };
  while (!drained()) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    const tick = new Promise<'tick'>((done) => (timer = setTimeout(() => done('tick'), Math.min(left, 1000))));
    const passEnded = core.services.jobs.whenIdle(jobId).then(() => 'ended' as const);
    const woke = await Promise.race([passEnded, tick]);
    // A job waiting for the cloud (no pass running) answers at once: then look again a little later.
    if (woke === 'ended' && !drained()) await new Promise((done) => setTimeout(done, 50));
    clearTimeout(timer);
  }
  return true;
}

/** Items the journal left failed, by raw code; throttled ones (403 "Request Limited") apart. */
function failures(core: Core, jobId: string): { throttled: number; other: Record<string, number> } {
  const rows = core.services.db.sqlite
    .prepare(
      `SELECT raw_code AS rawCode, reason, COUNT(*) AS n FROM aliyun_items
      WHERE job_id = ? AND state = 'final' AND outcome = 'failed' GROUP BY raw_code, reason`,
    )
    .all(jobId) as { rawCode: string | null; reason: string | null; n: number }[];
  let throttled = 0;
  const other: Record<string, number> = {};
  for (const row of rows) {
    if (row.rawCode === String(THROTTLED_MEANING.code) && row.reason === THROTTLED_MEANING.message) throttled += row.n;
    else other[row.rawCode ?? 'none'] = (other[row.rawCode ?? 'none'] ?? 0) + row.n;
  }
  return { throttled, other };
}

/**
 * The app side of the sync benchmark, forked by `bench/benchmarks/sync.ts` with an IPC channel. The parent
 * runs the Alibaba gateway simulator on 127.0.0.1 and keeps it offline (connections refused) until told. This
 * driver builds the app's real core (`createCore`, fresh data directory, an encrypted credential file with a
 * fresh passphrase, the app's own timings), configures Alibaba Cloud through `cloud:set-config`, journals
 * `--items` removals from one device with `cloud-removal:start`, waits until every one is queued
 * (`cloud-unreachable`), says `queued`, waits for `online`, then calls `sync:now` through the contract and
 * times it until the sync queue holds nothing queued or running (or `--cap-ms` passed), and reports.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      origin: { type: 'string' },
      items: { type: 'string', default: '5000' },
      'batch-size': { type: 'string', default: '10' },
      'requests-per-second': { type: 'string', default: '50' },
      'cap-ms': { type: 'string', default: '120000' },
    },
    strict: true,
  });
  if (!values.origin) throw new Error('--origin URL (the gateway simulator) is required.');
  const items = Number(values.items);
  const capMs = Number(values['cap-ms']);
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-bench-sync-'));
  process.env.FCOM_SECRET_KEY = randomBytes(16).toString('hex');
  const core = createCore({ dataDir, target: 'cli', mdnsPolicy: 'off' });
  try {
    await call(core, 'cloud:set-config', {
      cloud: 'aliyun',
      settings: {
        host: values.origin,
        projectId: BENCH_APP.projectId,
        batchSize: Number(values['batch-size']),
        requestsPerSecond: Number(values['requests-per-second']),
      },
      secrets: { appKey: BENCH_APP.appKey, appSecret: BENCH_APP.appSecret },
    });
    const sync = core.services.sync;
    const queueStart = performance.now();
    const { jobId } = await call(core, 'cloud-removal:start', {
      userIds: benchUserIds(items),
      scopeType: 'IOT_ID',
      scopeIds: [BENCH_DEVICE],
      label: 'sync benchmark',
    });
    const allQueued = await waitFor(() => sync.counts().queued === items, 60_000);
    const queuedBeforeSync = sync.counts().queued;
    const msToQueue = performance.now() - queueStart;
    tell({ type: 'queued', queued: queuedBeforeSync, msToQueue });
    if ((await nextMessage()).type !== 'online') throw new Error('expected "online" from the benchmark');

    const cpuStart = process.cpuUsage();
    const started = performance.now();
    await call(core, 'sync:now', {});
    const drained = await waitUntilDrained(core, jobId, started + capMs);
    const msToDrain = drained ? performance.now() - started : null;
    const cpu = process.cpuUsage(cpuStart);
    const failed = failures(core, jobId);
    const report: SyncUntilReport = {
      items,
      queuedBeforeSync,
      msToQueue: roundMs(msToQueue),
      msToDrain: msToDrain === null ? null : roundMs(msToDrain),
      counts: sync.counts(),
      outcomes: core.services.jobs.summary(jobId).counts,
      unresolvedThrottled: failed.throttled,
      otherFailures: failed.other,
      cpuMs: roundMs((cpu.user + cpu.system) / 1000),
      ...(allQueued ? {} : { error: `only ${queuedBeforeSync} of ${items} were queued while the cloud was offline` }),
      ...(drained ? {} : { error: `the queue was not drained within ${capMs / 1000} s` }),
    };
    tell({ type: 'report', report });
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runDriver('sync-until', main);
