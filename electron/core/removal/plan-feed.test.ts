import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RemovalItem } from '../../../shared/domain/people-import.ts';
import { generatePeople, type SimPerson } from '../../../tools/sim/common/people.ts';
import { join } from 'node:path';
import { DATABASE_FILE, type Core } from '../compose.ts';
import { openDatabase } from '../db/database.ts';
import {
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

const people = generatePeople('plan-feed', 1200);

/** Rows of the job's plan still to be journaled (migration 16), and items journaled so far. */
function journaled(app: Core, jobId: string): { planRows: number; items: number } {
  const sql = app.services.db.sqlite;
  const plan = sql.prepare('SELECT COUNT(*) AS n FROM job_plans WHERE job_id = ?').get(jobId) as { n: number };
  const items = sql.prepare('SELECT COUNT(*) AS n FROM job_items WHERE job_id = ?').get(jobId) as { n: number };
  return { planRows: plan.n, items: items.n };
}

/** Every id each terminal was sent, and whether one was sent twice. */
function sentOnce(terminals: readonly SimTerminal[]): boolean {
  return terminals.every((t) => {
    const ids = deleteRequests(t.device).flatMap(idsSent);
    return new Set(ids).size === ids.length;
  });
}

describe('a large plan is journaled in rounds while its job runs (issue 19)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const terminal = async (kind: 'sophon' | 'basip', serial: string, held: SimPerson[]): Promise<SimTerminal> => {
    const sim = await startTerminal(kind, serial, held);
    cleanups.push(() => sim.cutOff());
    return sim;
  };

  it(
    'sends before the plan is whole; every item ends removed, each sent once, none lost',
    { timeout: 60_000 },
    async () => {
      const sims = [await terminal('sophon', 'FEED-S', people), await terminal('basip', 'FEED-B', people)];
      // 2 items a round: 2,400 items take 1,200 rounds, each its own commit, so the lanes start long before the last.
      const made = testCore({ sophonBatchSize: 50, basipBatchSize: 50 }, { removal: { roundItems: 2 } });
      cleanups.push(made.cleanup);
      const app = made.core;
      await addTerminals(app, sims);
      // The progress events' counts (kept in memory and moved by each round's items): the last must be exact.
      let last: { total: number; done: number } | null = null;
      const progressTotals: number[] = [];
      app.services.bus.onAny((event, payload) => {
        if (event !== 'jobs:progress') return;
        last = payload as { total: number; done: number };
        progressTotals.push(last.total);
      });
      const { jobId, plan } = app.services.removal.start({
        mode: 'people',
        items: listOf(people),
        devices: 'all',
        verify: true,
      });
      expect(plan.totalItems).toBe(2400);
      // The job's total is the plan's from the start: items still to be journaled count as pending.
      expect(app.services.jobs.summary(jobId)).toMatchObject({ total: 2400, counts: { pending: 2400 } });
      // start answered with the first round journaled (1 item of each terminal), the rest to come.
      expect(journaled(app, jobId)).toEqual({ planRows: 1, items: 2 });
      await waitUntil(() => sims.some((s) => deleteRequests(s.device).length > 0), 10_000, 'a first delete');
      // Requests went out while the plan was still being journaled.
      expect(journaled(app, jobId).planRows).toBe(1);
      expect(journaled(app, jobId).items).toBeLessThan(2400);

      const summary = await app.services.jobs.whenIdle(jobId);
      expect(summary.state).toBe('done');
      expect(summary.total).toBe(2400);
      expect(summary.counts.removed).toBe(2400);
      expect(journaled(app, jobId)).toEqual({ planRows: 0, items: 2400 });
      expect(last).toMatchObject({ total: 2400, done: 2400 });
      expect(progressTotals.every((total) => total === 2400)).toBe(true);
      // The terminals' real state: nobody of the list is left, and no id went out twice.
      for (const sim of sims) {
        expect(
          people.filter((p) => sim.device.holds('identity_id', p.identityId) || sim.device.holds('link_id', p.linkId)),
        ).toEqual([]);
      }
      expect(sentOnce(sims)).toBe(true);
    },
  );

  it.each(['before any request', 'while the lanes send and wait for rounds'] as const)(
    'a shutdown %s is completed at the next start: every item journaled once and removed',
    { timeout: 60_000 },
    async (when) => {
      const sims = [
        await terminal('sophon', 'FEED-RS', people.slice(0, 300)),
        await terminal('basip', 'FEED-RB', people.slice(0, 300)),
      ];
      // While sending: batches of 100 and 1 item a terminal a round, so the lanes mostly wait for rounds.
      const waiting = when !== 'before any request';
      const first = testCore(
        { sophonBatchSize: waiting ? 100 : 20, basipBatchSize: waiting ? 100 : 20 },
        { removal: { roundItems: waiting ? 2 : 10 } },
      );
      cleanups.push(async () => rmSync(first.dir, { recursive: true, force: true }));
      await addTerminals(first.core, sims);
      const { jobId } = first.core.services.removal.start({
        mode: 'people',
        items: listOf(people.slice(0, 300)),
        devices: 'all',
        verify: true,
      });
      if (when === 'before any request') {
        // The app stops before the second round: 10 of 600 items are journaled, the rest only planned.
        expect(journaled(first.core, jobId)).toEqual({ planRows: 1, items: 10 });
      } else {
        await waitUntil(() => sims.some((s) => deleteRequests(s.device).length > 0), 10_000, 'a first delete');
        expect(journaled(first.core, jobId).planRows).toBe(1);
      }
      await first.core.close();
      // A shutdown is not a failure: the job is still running, to be resumed.
      const db = openDatabase(join(first.dir, DATABASE_FILE));
      expect(db.sqlite.prepare('SELECT state FROM jobs WHERE id = ?').get(jobId)).toEqual({ state: 'running' });
      db.close();

      const second = await reopenCore(first.dir, sims, { roundItems: 10 });
      cleanups.push(() => second.close());
      await waitUntil(() => journaled(second, jobId).planRows === 0, 20_000, 'the plan journaled whole');
      const summary = await second.services.jobs.whenIdle(jobId);
      expect(summary).toMatchObject({ state: 'done', total: 600, counts: { removed: 600, failed: 0 } });
      for (const sim of sims) {
        expect(
          people
            .slice(0, 300)
            .filter((p) => sim.device.holds('identity_id', p.identityId) || sim.device.holds('link_id', p.linkId)),
        ).toEqual([]);
      }
      expect(sentOnce(sims)).toBe(true);
    },
  );

  it(
    'a job cancelled while its plan is journaled accounts for every planned item: none left pending, none sent after',
    { timeout: 60_000 },
    async () => {
      const sims = [await terminal('sophon', 'FEED-C', people)];
      const made = testCore({ sophonBatchSize: 10 }, { removal: { roundItems: 5 } });
      cleanups.push(made.cleanup);
      const app = made.core;
      await addTerminals(app, sims);
      const { jobId } = app.services.removal.start({
        mode: 'people',
        items: listOf(people),
        devices: 'all',
        verify: false,
      });
      await waitUntil(() => deleteRequests(sims[0]!.device).length > 0, 10_000, 'a first delete');
      expect(app.services.jobs.cancel(jobId)).toBe(true);
      await app.services.jobs.whenIdle(jobId);
      const sentAtCancel = deleteRequests(sims[0]!.device).length;
      await waitUntil(() => journaled(app, jobId).planRows === 0, 20_000, 'the plan journaled whole');
      const summary = app.services.jobs.summary(jobId);
      expect(summary.state).toBe('cancelled');
      expect(summary.total).toBe(1200);
      expect(summary.counts.removed + summary.counts.cancelled).toBe(1200);
      expect(summary.counts.pending).toBe(0);
      // What the terminal removed is what the job says it removed; nothing went out after the cancel settled.
      expect(1200 - sims[0]!.device.stats().people).toBe(summary.counts.removed);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(deleteRequests(sims[0]!.device).length).toBe(sentAtCancel);
    },
  );

  it(
    'a panel whose deletes answer nothing per item is read once its items are all journaled: never-held ids are already absent, never sent',
    { timeout: 60_000 },
    async () => {
      const held = people.slice(0, 40);
      const panel = await terminal('basip', 'FEED-U', held);
      const uidOf = new Map<string, number>();
      const device = panel.device as SimTerminal['device'] & {
        identifiers?: () => { identifier_uid: number; link_id: string | null; identifier_type: string }[];
      };
      for (const item of device.identifiers?.() ?? []) {
        if (item.link_id && item.identifier_type === 'card') uidOf.set(item.link_id.toLowerCase(), item.identifier_uid);
      }
      // 40 held uids, then 20 the panel never gave: the never-held ones are journaled in the last rounds.
      const list: RemovalItem[] = [
        ...held.map((p, i) => ({ line: i + 2, uid: uidOf.get(p.linkId.toLowerCase()) as number, name: p.name })),
        ...Array.from({ length: 20 }, (_, i) => ({ line: 42 + i, uid: 900_000 + i, name: `stranger ${i}` })),
      ];
      expect(list.slice(0, 40).every((row) => typeof row.uid === 'number')).toBe(true);
      const made = testCore({ basipBatchSize: 10 }, { removal: { roundItems: 2 } });
      cleanups.push(made.cleanup);
      const app = made.core;
      await addTerminals(app, [panel]);
      const { jobId } = app.services.removal.start({ mode: 'people', items: list, devices: 'all', verify: true });
      expect(journaled(app, jobId).items).toBe(2);
      const summary = await app.services.jobs.whenIdle(jobId);
      expect(summary).toMatchObject({ state: 'done', total: 60 });
      const items = app.services.jobs.show({ jobId, offset: 0, limit: 100 }).items;
      const strangers = items.filter((i) => Number(i.nativeId) >= 900_000);
      expect(strangers).toHaveLength(20);
      expect(strangers.map((i) => [i.outcome, i.evidence])).toEqual(
        strangers.map(() => ['already-absent', 'read-before']),
      );
      const sent = new Set(deleteRequests(panel.device).flatMap(idsSent));
      expect(strangers.filter((i) => sent.has(i.nativeId))).toEqual([]);
      expect(summary.counts.removed).toBe(40);
      expect(list.slice(0, 40).filter((row) => panel.device.holds('uid', String(row.uid)))).toEqual([]);
    },
  );
});
