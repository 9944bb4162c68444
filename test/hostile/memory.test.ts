import { afterAll, describe, expect, it } from 'vitest';
import { DriverError, type Endpoint } from '../../electron/core/drivers/driver.ts';
import { createBasipDriver } from '../../electron/core/drivers/basip/index.ts';
import { createSophonDriver } from '../../electron/core/drivers/sophon/index.ts';
import { answersHttp } from '../../electron/core/discovery/identify.ts';
import { connectionsLeft, startHostile, type HostileKind } from './servers.ts';
import { recordTiming, timingTable } from './timings.ts';

/**
 * Bodies that never end: an endless body, a 1 GB body and a gzip bomb (a few MB on the wire, a gigabyte
 * inflated). With a time-out far longer than the transfer takes, only the 16 MB cap can stop the read; the
 * process's resident memory must stay within a small multiple of that cap.
 */

/** Long enough that the clock never stops these reads: the cap must. */
const TIMEOUT_MS = 15_000;
/** Each read must end long before the time-out: a 16 MB cap is reached in well under a second locally. */
const CAP_REACHED_WITHIN_MS = 8_000;
/** The most resident memory the reads may add, measured at its peak (the cap is 16 MB per answer). */
const MAX_RSS_GROWTH_MB = 200;
const KINDS: HostileKind[] = ['endless-body', 'gigabyte-body', 'gzip-bomb'];

const sophon = createSophonDriver({ timeoutMs: TIMEOUT_MS });
const basip = createBasipDriver({ timeoutMs: TIMEOUT_MS });
const admin = { username: 'admin', password: 'admin' };
const megabytes = (bytes: number): number => Math.round(bytes / 1024 / 1024);

const growthByKind = new Map<HostileKind, number>();

afterAll(() => {
  console.log(`Capped reads of endless bodies (time-out ${TIMEOUT_MS} ms):\n${timingTable('cap')}`);
  console.log(`Peak resident memory growth: ${[...growthByKind].map(([k, mb]) => `${k} +${mb} MB`).join(', ')}`);
});

/** Samples resident memory every few milliseconds while `work` runs; answers its peak growth. */
async function peakGrowth(work: () => Promise<void>): Promise<number> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage().rss) - baseline;
}

const CALLS: { name: string; run(endpoint: Endpoint): Promise<unknown> }[] = [
  { name: 'sophon count', run: (e) => sophon.session(e, admin).countPeople() },
  { name: 'sophon list', run: (e) => sophon.session(e, admin).listPeople(0, 100) },
  { name: 'basip list', run: (e) => basip.session(e, admin).listPeople(0, 100) },
  { name: 'basip remove', run: (e) => basip.session(e, admin).removePeople(['42'], 'uid') },
];

describe('size caps against endless bodies', () => {
  it.each(KINDS)('%s: every read stops at the cap, not the clock, and memory stays bounded', async (kind) => {
    const server = await startHostile(kind, { passLogin: true });
    try {
      const growth = await peakGrowth(async () => {
        for (const call of CALLS) {
          const started = performance.now();
          const error = await call.run(server.endpoint).then(
            () => undefined,
            (e: unknown) => e,
          );
          const elapsed = performance.now() - started;
          recordTiming('cap', kind, call.name, elapsed);
          expect(error, `${kind} / ${call.name}`).toBeInstanceOf(DriverError);
          expect((error as DriverError).kind).toBe('retryable');
          expect((error as DriverError).rawCode, `${kind} / ${call.name}`).not.toBe('TIMEOUT');
          expect((error as DriverError).message).toMatch(/size limit|maxContentLength/);
          expect(elapsed, `${kind} / ${call.name}`).toBeLessThan(CAP_REACHED_WITHIN_MS);
        }
        // Discovery's plain HTTP check reads the head only: it answers at once, whatever the body.
        const started = performance.now();
        expect(await answersHttp(server.endpoint, TIMEOUT_MS)).toBe(true);
        recordTiming('cap', kind, 'answersHttp', performance.now() - started);
        expect(await connectionsLeft(server), 'connections left open').toBe(0);
      });
      growthByKind.set(kind, megabytes(growth));
      expect(megabytes(growth), `${kind}: resident memory grew by ${megabytes(growth)} MB`).toBeLessThan(
        MAX_RSS_GROWTH_MB,
      );
    } finally {
      await server.close();
    }
  });
});
