import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../shared/domain/removal.ts';
import type { Terminal } from '../../shared/domain/terminal.ts';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import { startThroughDraft } from '../support/removal/through-draft.ts';
import { startCore, type TestCore } from '../fuzz/harness.ts';
import { connectionsLeft, startHostile, type HostileKind, type HostileServer } from './servers.ts';
import { recordTiming, timingTable } from './timings.ts';

/**
 * A bulk removal job whose terminals are hostile. The engine sends a batch (one time-out), backs off, waits
 * out the request it is unsure of (one more time-out), then re-reads the list up to `maxAttempts` times
 * with back-off before it queues the items for later. So a hostile terminal holds a job for at most
 * (2 + maxAttempts) time-outs plus the back-off, never indefinitely: then the job is idle and says why.
 */

const REQUEST_TIMEOUT_MS = 500;
const MAX_ATTEMPTS = 2;
const BACKOFF = { baseMs: 50, maxMs: 100 };
const MARGIN_MS = 1_500;
/** Send, wait out the unsure request, re-read `maxAttempts` times; a back-off after every try. */
const JOB_BOUND_MS = (2 + MAX_ATTEMPTS) * REQUEST_TIMEOUT_MS + (1 + MAX_ATTEMPTS) * BACKOFF.maxMs + MARGIN_MS;
/** One kind per way of failing (the driver tests cover every kind): no answer, dribble, cap, redirect. */
const KINDS: HostileKind[] = ['silent', 'drip-body', 'endless-body', 'gzip-bomb', 'redirect-307'];

let harness: TestCore;
const servers: HostileServer[] = [];

beforeAll(async () => {
  harness = startCore({
    terminalTimeoutMs: REQUEST_TIMEOUT_MS,
    removal: { backoff: { ...BACKOFF, random: () => 0.999 }, waitingProbeMs: 600_000 },
  });
  const settings = await dispatch(harness.core.handlers, 'settings:update', {
    removal: { requestTimeoutMs: REQUEST_TIMEOUT_MS, maxAttempts: MAX_ATTEMPTS, sophonBatchSize: 2, basipBatchSize: 2 },
  });
  expect(settings.ok).toBe(true);
  const credentials = { target: { kind: 'basip' }, credentials: { username: 'admin', password: '123456' } };
  expect((await dispatch(harness.core.handlers, 'devices:set-credentials', credentials)).ok).toBe(true);
});
afterAll(async () => {
  await harness.close();
  await Promise.all(servers.map((server) => server.close()));
  console.log(
    `Removal jobs against hostile terminals (request time-out ${REQUEST_TIMEOUT_MS} ms, ${MAX_ATTEMPTS} attempts, bound ${JOB_BOUND_MS} ms):\n${timingTable('job')}`,
  );
});

function terminalAt(kind: 'sophon' | 'basip', serial: string, port: number): Terminal {
  return {
    serial,
    kind,
    apiVersion: kind === 'basip' ? 'v1' : 'v2',
    name: serial,
    model: null,
    firmware: null,
    address: '127.0.0.1',
    port,
    online: true,
    lastSeen: 0,
    credentials: 'ok',
    peopleCount: null,
    capacity: null,
    source: 'manual',
    adapter: null,
  };
}

describe('removal jobs against hostile terminals', () => {
  it.each(KINDS)('%s: the job lets go within the time-outs plus back-off, every item accounted for', async (kind) => {
    const server = await startHostile(kind, { passLogin: true, redirectTo: 'http://localhost:1/' });
    servers.push(server);
    const serials = [`JOB-sophon-${kind}`, `JOB-basip-${kind}`];
    harness.core.services.inventory.save(terminalAt('sophon', serials[0] as string, server.endpoint.port));
    harness.core.services.inventory.save(terminalAt('basip', serials[1] as string, server.endpoint.port));
    const items = [1001, 1002, 1003].map((uid, i) => ({ line: i + 1, nativeId: String(uid) }));

    const started = performance.now();
    const invoke = (channel: string, request: unknown) => dispatch(harness.core.handlers, channel, request);
    const start = await startThroughDraft(invoke, { items, devices: serials });
    expect(start.ok, JSON.stringify(start)).toBe(true);
    const { jobId } = start.ok ? (start.value as { jobId: string }) : { jobId: '' };
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${kind}: job still busy after ${JOB_BOUND_MS + 5_000} ms`)),
        JOB_BOUND_MS + 5_000,
      );
    });
    const summary: JobSummary = await Promise.race([harness.core.services.jobs.whenIdle(jobId), stalled]).finally(() =>
      clearTimeout(timer),
    );
    const elapsed = performance.now() - started;
    recordTiming('job', kind, 'idle', elapsed);
    expect(elapsed, `${kind}: the job held on for ${Math.round(elapsed)} ms`).toBeLessThan(JOB_BOUND_MS);

    // Every item is accounted for: nothing is left pending; each is queued for later or failed with a reason.
    expect(summary.total).toBe(items.length * serials.length);
    expect(summary.counts.pending, JSON.stringify(summary)).toBe(0);
    expect(summary.counts.removed + summary.counts['already-absent']).toBe(0);
    expect(summary.counts.queued + summary.counts.failed).toBe(summary.total);
    const detail = await dispatch(harness.core.handlers, 'jobs:show', { jobId, limit: 100 });
    expect(detail.ok).toBe(true);
    if (detail.ok) {
      for (const item of (detail.value as { items: { outcome: string; reason: string | null }[] }).items) {
        if (item.outcome === 'failed') expect(item.reason, JSON.stringify(item)).toBeTruthy();
      }
    }
    expect((await dispatch(harness.core.handlers, 'jobs:cancel', { jobId })).ok).toBe(true);
    expect(await connectionsLeft(server), 'connections left open').toBe(0);
  });
});
