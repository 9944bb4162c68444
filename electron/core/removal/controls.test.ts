import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../compose.ts';
import { openDatabase } from '../db/database.ts';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import type { TerminalDriver } from '../drivers/driver.ts';
import { realDrivers } from './sessions.ts';
import {
  acknowledgedThenResent,
  addTerminals,
  deleteRequests,
  idsSent,
  listOf,
  reopenCore,
  startTerminal,
  testCore,
  waitUntil,
  type SimTerminal,
} from '../../../test/support/removal/test-kit.ts';

const people = generatePeople('controls', 60);
const listed = people.slice(0, 50);

describe('removal jobs: cancel, pause, resume, restart, verification, faces', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const terminal = async (...args: Parameters<typeof startTerminal>): Promise<SimTerminal> => {
    const sim = await startTerminal(...args);
    cleanups.push(() => sim.cutOff());
    return sim;
  };
  const core = (...args: Parameters<typeof testCore>) => {
    const made = testCore(...args);
    cleanups.push(made.cleanup);
    return made;
  };

  it('cancel lets the request in flight finish and cancels every item not sent', async () => {
    const sophon = await terminal('sophon', 'SPH-C', people, { perItemLatencyMs: 10 });
    const { core: app } = core({ sophonBatchSize: 5 });
    await addTerminals(app, [sophon]);
    const { jobId } = app.services.removal.start({
      mode: 'people',
      items: listOf(listed),
      devices: 'all',
      verify: false,
    });
    await waitUntil(() => deleteRequests(sophon.device).length >= 2, 5000, 'two batches');
    expect(app.services.jobs.cancel(jobId)).toBe(true);
    const summary = await app.services.jobs.whenIdle(jobId);
    expect(summary.state).toBe('cancelled');
    expect(summary.counts.removed + summary.counts.cancelled).toBe(50);
    expect(summary.counts.cancelled).toBeGreaterThan(0);
    // What was removed is exactly what the terminal acknowledged; nothing cancelled was sent.
    const acknowledged = deleteRequests(sophon.device).flatMap((r) => r.acknowledged ?? []);
    expect(acknowledged).toHaveLength(summary.counts.removed);
    const cancelled = app.services.jobs.show({ jobId, outcome: 'cancelled', offset: 0, limit: 100 }).items;
    const sent = new Set(deleteRequests(sophon.device).flatMap(idsSent));
    expect(cancelled.filter((i) => sent.has(i.nativeId))).toEqual([]);
    expect(app.services.jobs.cancel(jobId)).toBe(false);
  });

  it('pause stops new requests until resume, then the job completes', async () => {
    const panel = await terminal('basip', 'BAS-P', people, { perItemLatencyMs: 5 });
    const { core: app } = core({ basipBatchSize: 5 });
    await addTerminals(app, [panel]);
    const { jobId } = app.services.removal.start({
      mode: 'people',
      items: listOf(listed),
      devices: 'all',
      verify: false,
    });
    await waitUntil(() => deleteRequests(panel.device).length >= 2, 5000, 'two batches');
    expect(app.services.jobs.pause(jobId).state).toBe('paused');
    const paused = await app.services.jobs.whenIdle(jobId);
    expect(paused.state).toBe('paused');
    const sentWhilePaused = deleteRequests(panel.device).length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(deleteRequests(panel.device)).toHaveLength(sentWhilePaused);
    expect(paused.counts.pending).toBeGreaterThan(0);
    expect(app.services.jobs.resume(jobId).state).toBe('running');
    const done = await app.services.jobs.whenIdle(jobId);
    expect(done).toMatchObject({ state: 'done', counts: { removed: 50 } });
    expect(acknowledgedThenResent(panel.device)).toEqual([]);
  });

  it('pause puts the batch claimed ahead back: no item is left sending, and every send is counted once', async () => {
    // A lane claims its next batch while a request is out (lane.ts): a pause must not leave it claimed.
    const panel = await terminal('basip', 'BAS-A', people, { perItemLatencyMs: 5 });
    const made = core({ basipBatchSize: 5 });
    await addTerminals(made.core, [panel]);
    const { jobId } = made.core.services.removal.start({
      mode: 'people',
      items: listOf(listed),
      devices: 'all',
      verify: false,
    });
    await waitUntil(() => deleteRequests(panel.device).length >= 3, 5000, 'three batches');
    made.core.services.jobs.pause(jobId);
    expect((await made.core.services.jobs.whenIdle(jobId)).state).toBe('paused');
    const sends = new Map<string, number>();
    for (const id of deleteRequests(panel.device).flatMap(idsSent)) {
      sends.set(id.toLowerCase(), (sends.get(id.toLowerCase()) ?? 0) + 1);
    }
    const db = openDatabase(join(made.dir, DATABASE_FILE));
    try {
      const items = db.sqlite
        .prepare(`SELECT native_id AS id, state, attempts FROM job_items WHERE job_id = ? ORDER BY seq`)
        .all(jobId) as { id: string; state: string; attempts: number }[];
      expect(items).toHaveLength(50);
      expect(items.filter((i) => i.state === 'sending')).toEqual([]);
      expect(items.filter((i) => i.attempts !== (sends.get(i.id) ?? 0))).toEqual([]);
      expect(items.some((i) => i.state === 'pending')).toBe(true);
    } finally {
      db.close();
    }
  });

  it('a job interrupted by shutdown resumes at the next start without sending an unanswered batch again', async () => {
    // The panel deletes at once, then dribbles its first answer out over 1.5 s: shutdown comes meanwhile.
    const panel = await terminal('basip', 'BAS-R', people, { slowBodyMs: 1500 });
    const first = testCore({ basipBatchSize: 10 });
    cleanups.push(async () => rmSync(first.dir, { recursive: true, force: true }));
    await addTerminals(first.core, [panel]);
    panel.device.knobs.set({ faults: [{ kind: 'slow-body', count: 1, pathIncludes: '/identifier/items/link' }] });
    const request = { mode: 'people' as const, items: listOf(listed), devices: 'all' as const, verify: false };
    const { jobId } = first.core.services.removal.start(request);
    await waitUntil(() => deleteRequests(panel.device).length === 1, 5000, 'the first delete');
    await first.core.close();
    const db = openDatabase(join(first.dir, DATABASE_FILE));
    const open = db.sqlite.prepare(`SELECT COUNT(*) AS n FROM job_batches WHERE state = 'sending'`).get();
    db.close();
    expect(open).toEqual({ n: 1 });
    // Next start in the same data directory: the host resumes interrupted jobs by itself.
    const second = await reopenCore(first.dir, [panel]);
    cleanups.push(() => second.close());
    const summary = await second.services.jobs.whenIdle(jobId);
    expect(summary).toMatchObject({ state: 'done', counts: { removed: 50, failed: 0 } });
    expect(acknowledgedThenResent(panel.device)).toEqual([]);
    const linkIds = deleteRequests(panel.device).flatMap(idsSent);
    expect(new Set(linkIds).size).toBe(linkIds.length);
    expect(linkIds).toHaveLength(50);
  });

  it('verification confirms removed items are gone and fails the ones a terminal still lists', async () => {
    const honest = await terminal('sophon', 'SPH-V', people);
    const liar = await terminal('sophon', 'SPH-LIAR', people);
    // The liar answers "removed" per item, as if the terminal confirmed it, without removing anything.
    const drivers = (kind: 'sophon' | 'basip', timeoutMs: number): TerminalDriver => {
      const driver = realDrivers(kind, timeoutMs);
      return {
        ...driver,
        session: (endpoint, credentials) => {
          const session = driver.session(endpoint, credentials);
          if (endpoint.port !== liar.port) return session;
          return {
            ...session,
            removePeople: async (ids) =>
              ids.map((id) => ({ id, outcome: 'removed', evidence: 'answer', rawCode: 'success', reason: null })),
          };
        },
      };
    };
    const { core: app } = core({}, { removal: { backoff: { baseMs: 10, maxMs: 50 }, drivers } });
    await addTerminals(app, [honest, liar]);
    const { jobId } = app.services.removal.start({
      mode: 'people',
      items: listOf(listed),
      devices: 'all',
      verify: true,
    });
    const summary = await app.services.jobs.whenIdle(jobId);
    expect(summary).toMatchObject({ state: 'done', verified: 50, unverified: 0, counts: { removed: 50, failed: 50 } });
    const failed = app.services.jobs.show({ jobId, outcome: 'failed', offset: 0, limit: 1 }).items[0];
    expect(failed).toMatchObject({ terminal: liar.serial, rawCode: 'verify:present', verified: false });
    expect(failed?.reason).toMatch(/^Still present after removal/);
  });

  it('faces-only removes single Sophon faces and records BAS-IP targets as failed at plan time', async () => {
    const sophon = await terminal('sophon', 'SPH-F', people.slice(0, 3));
    const panel = await terminal('basip', 'BAS-F', people.slice(0, 3));
    const { core: app } = core();
    await addTerminals(app, [sophon, panel]);
    const page = await app.services.discovery.listPeople(sophon.serial, 0, 10);
    const faces = page.items.map((p, i) => ({
      line: i + 2,
      identity_id: p.id,
      face_id: (p.extra.face_ids ?? '').split(',')[0] as string,
    }));
    const facesBefore = sophon.device.stats().faces;
    const { jobId, plan } = app.services.removal.start({
      mode: 'faces-only',
      items: faces,
      devices: 'all',
      verify: true,
    });
    expect(plan.unplannableItems).toBe(3);
    const summary = await app.services.jobs.whenIdle(jobId);
    expect(summary.counts).toMatchObject({ removed: 3, failed: 3 });
    expect(summary.verified).toBe(3);
    expect(sophon.device.stats()).toMatchObject({ people: 3, faces: facesBefore - 3 });
    const failed = app.services.jobs.show({ jobId, outcome: 'failed', offset: 0, limit: 5 }).items;
    expect(failed.every((i) => i.terminal === panel.serial && i.rawCode === 'plan:no-id')).toBe(true);
    expect((await app.services.jobs.retryFailed(jobId)).retried).toBe(0);
  });
});
