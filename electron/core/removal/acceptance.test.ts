import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import { auditOutcomes } from '../../../test/audit/ground-truth.ts';
import type { Core } from '../compose.ts';
import {
  acknowledgedThenResent,
  addTerminals,
  deleteRequests,
  listOf,
  startTerminal,
  testCore,
  waitUntil,
  type SimTerminal,
} from '../../../test/support/removal/test-kit.ts';

/**
 * Issue 5's acceptance, in one process: 2,000 people removed from 20 simulated terminals (10 Sophon,
 * 10 BAS-IP) with injected 503s everywhere, one terminal answering "busy" to 30% of its requests, and one cut off
 * in the middle of the job and brought back later on the same port.
 */
const population = generatePeople('site', 125);
const onTerminals = population.slice(0, 120);
// 100 people the terminals hold, and 5 they never held.
const list = listOf([...population.slice(0, 100), ...population.slice(120, 125)]);

describe('acceptance: 2,000 removals on 20 terminals with faults and a terminal cut off mid-job', () => {
  const terminals: SimTerminal[] = [];
  let app: Core;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    for (let i = 0; i < 10; i++) terminals.push(await startTerminal('sophon', `SPH-${i}`, onTerminals));
    for (let i = 0; i < 10; i++) terminals.push(await startTerminal('basip', `BAS-${i}`, onTerminals));
    ({ core: app, cleanup } = testCore({ sophonBatchSize: 10, basipBatchSize: 10, concurrency: 8, maxAttempts: 10 }));
    await addTerminals(app, terminals);
    for (const t of terminals) t.device.knobs.set({ perItemLatencyMs: 1, faults: [{ kind: 'http503', rate: 0.1 }] });
    terminals[3]?.device.knobs.set({
      faults: [
        { kind: 'busy', rate: 0.3 },
        { kind: 'http503', rate: 0.1 },
      ],
    });
  });
  afterAll(async () => {
    await cleanup();
    for (const t of terminals) await t.cutOff();
  });

  it('ends every item right, and the cut-off terminal finishes after it returns', { timeout: 60_000 }, async () => {
    const cut = terminals[14] as SimTerminal;
    const started = Date.now();
    const { jobId, plan } = app.services.removal.start({ mode: 'people', items: list, devices: 'all', verify: true });
    expect(plan).toMatchObject({ totalItems: 2100, offline: [] });
    expect(plan.terminals).toHaveLength(20);

    // Cut the panel off once it has acknowledged some batches.
    await waitUntil(() => deleteRequests(cut.device).filter((r) => r.status === 200).length >= 3, 15_000, 'progress');
    await cut.cutOff();
    const waiting = await app.services.jobs.whenIdle(jobId);
    expect(waiting.state).toBe('running');
    const beforeReturn = app.services.jobs.show({ jobId, terminal: cut.serial, offset: 0, limit: 1 }).terminals;
    const cutCounts = beforeReturn.find((t) => t.serial === cut.serial)?.counts;
    expect(cutCounts?.queued).toBeGreaterThan(0);
    expect(cutCounts?.removed).toBeGreaterThanOrEqual(30);
    expect(cutCounts?.failed).toBe(0);
    expect(app.services.inventory.get(cut.serial)?.online).toBe(false);
    // Everything else is finished.
    expect(waiting.counts.queued).toBe(cutCounts?.queued);
    expect(waiting.counts.pending).toBe(0);

    // Discovery sees the panel again: its queued items run by themselves.
    await cut.bringBack();
    await app.services.health.checkAll();
    await waitUntil(() => app.services.jobs.summary(jobId).state === 'done', 20_000, 'the job to finish');
    const summary = await app.services.jobs.whenIdle(jobId);
    expect(summary.counts).toEqual({
      removed: 2000,
      'already-absent': 100,
      failed: 0,
      queued: 0,
      cancelled: 0,
      pending: 0,
      unconfirmed: 0,
    });
    expect(summary).toMatchObject({ verified: 2100, unverified: 0 });
    // The ground-truth audit: no item reported removed or already absent that its terminal still holds.
    const items = app.services.jobs.show({ jobId, offset: 0, limit: 1000 }).items;
    for (let offset = 1000; offset < 2100; offset += 1000) {
      items.push(...app.services.jobs.show({ jobId, offset, limit: 1000 }).items);
    }
    expect(items).toHaveLength(2100);
    const devices = new Map(terminals.map((t) => [t.serial, t.device]));
    expect(auditOutcomes(items, devices)).toEqual([]);
    for (const t of terminals) {
      expect(acknowledgedThenResent(t.device), t.serial).toEqual([]);
      const acknowledged = deleteRequests(t.device).flatMap((r) => r.acknowledged ?? []);
      expect(new Set(acknowledged).size, t.serial).toBe(acknowledged.length);
      if (t.kind === 'sophon') expect(t.device.stats().people, t.serial).toBe(20);
    }
    const faults = terminals.flatMap((t) => t.device.log.all().filter((r) => r.fault !== undefined));
    expect(faults.filter((r) => r.fault === 'http503').length).toBeGreaterThan(10);
    expect(faults.filter((r) => r.fault === 'busy').length).toBeGreaterThan(3);
    console.info(
      `acceptance: 2,100 items on 20 terminals in ${Date.now() - started} ms, ${faults.length} faults injected`,
    );
  });
});
