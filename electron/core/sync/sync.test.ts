import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import { AppError } from '../../../shared/errors.ts';
import { createSophonDriver } from '../drivers/sophon/index.ts';
import { dispatch } from '../ipc/dispatch.ts';
import { createJournal } from '../removal/journal.ts';
import {
  acknowledgedThenResent,
  addTerminals,
  deleteRequests,
  idsSent,
  listOf,
  startTerminal,
  testCore,
  waitUntil,
  type SimTerminal,
} from '../../../test/support/removal/test-kit.ts';
import { terminalCredentialsKey, writeCredentials } from '../secrets/secret-store.ts';

/**
 * The exactly-once rules of the sync queue (README.md), each against simulated terminals on 127.0.0.1 and the
 * real removal engine: queued work and its reasons, drift before replay, no re-send after a crash, "not found"
 * is done, needs-attention actions, and the history of discards.
 */
const people = generatePeople('sync', 40);
const sims: SimTerminal[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const sim of sims.splice(0)) await sim.cutOff();
});

async function setUp(kind: 'sophon' | 'basip' = 'sophon', password?: string) {
  const sim = await startTerminal(kind, `${kind.toUpperCase()}-SYNC`, people);
  sims.push(sim);
  const { core, dir } = testCore({ sophonBatchSize: 5, basipBatchSize: 5, maxAttempts: 2 });
  let open = true;
  /** Closes the core once (a test may close it early to start another on the same data). */
  const close = async (): Promise<void> => {
    if (open) await core.close();
    open = false;
  };
  cleanups.push(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });
  await addTerminals(core, [sim], password);
  return { sim, core, dir, close };
}

/** Deletes sent after log position `mark`, as ids. */
function idsSentAfter(sim: SimTerminal, mark: number): string[] {
  return deleteRequests(sim.device)
    .filter((r) => r.seq > mark)
    .flatMap(idsSent);
}

describe('the sync queue over the removal journal', () => {
  it('queues work for an offline terminal with its reason, records drift before replay, and finishes on Sync now', async () => {
    const { sim, core } = await setUp();
    const { removal, sync, status, jobs } = core.services;
    await sim.cutOff();
    const { jobId } = removal.start({
      mode: 'people',
      items: listOf(people.slice(0, 10)),
      devices: [sim.serial],
      verify: false,
    });
    await jobs.whenIdle(jobId);

    // Queued, with the reason and when; the status bar badge counts them.
    expect(sync.counts()).toMatchObject({ queued: 10, running: 0, done: 0 });
    expect(status.get()).toMatchObject({ queuedOperations: 10, attentionOperations: 0 });
    const queued = sync.list({ state: 'queued', offset: 0, limit: 100 });
    expect(queued.matching).toBe(10);
    expect(queued.items[0]).toMatchObject({ source: 'removal', reasonCode: 'terminal-offline', target: sim.serial });
    expect(queued.items.every((op) => op.queuedAt !== null && op.id.startsWith('removal:'))).toBe(true);
    expect(sync.status().targets).toEqual([
      expect.objectContaining({ target: sim.serial, reachable: false, queued: 10, needsAttention: 0 }),
    ]);

    // Someone else removes three of them while they wait (ones never sent: a request whose answer was lost
    // when the terminal went away is settled by the re-check instead).
    await sim.bringBack();
    const other = createSophonDriver({ timeoutMs: 2000 }).session(
      { address: '127.0.0.1', port: sim.port, scheme: 'http' },
      undefined,
    );
    const gone = people.slice(7, 10).map((p) => p.identityId);
    await other.removePeople(gone, 'identity_id');
    const mark = sim.device.log.all().at(-1)?.seq ?? 0;

    const result = await sync.syncNow();
    expect(result).toMatchObject({ terminalsOnline: 1, terminalsOffline: 0, queued: 10 });
    await jobs.whenIdle(jobId);
    expect(sync.counts()).toMatchObject({ queued: 0, running: 0, done: 10, 'needs-attention': 0 });
    expect(jobs.summary(jobId).state).toBe('done');

    // Drift: the three were already absent when the terminal was read again, and were never sent.
    const done = sync.list({ state: 'done', offset: 0, limit: 100 }).items;
    const drifted = done.filter((op) => op.reasonCode === 'drift-absent');
    expect(drifted.map((op) => op.subject).sort()).toEqual([...gone].sort());
    expect(drifted.every((op) => op.outcome === 'already-absent' && op.drift !== null)).toBe(true);
    expect(idsSentAfter(sim, mark).filter((id) => gone.includes(id))).toEqual([]);
    expect(core.services.syncHistory.drift()).toHaveLength(3);
    expect(done.every((op) => op.syncedAt !== null && op.queuedAt !== null)).toBe(true);
  });

  it('never applies again an operation the terminal acknowledged before a crash', async () => {
    const { sim, core, dir, close } = await setUp();
    await sim.cutOff();
    const { jobId } = core.services.removal.start({
      mode: 'people',
      items: listOf(people.slice(0, 10)),
      devices: [sim.serial],
      verify: false,
    });
    await core.services.jobs.whenIdle(jobId);
    // The crash: a batch was recorded 'sending', the terminal applied it, and the process died before the answer.
    const batch = createJournal(core.services.db).claimBatch(jobId, sim.serial, 5);
    expect(batch?.items).toHaveLength(5);
    await sim.bringBack();
    const applied = (batch?.items ?? []).map((i) => i.nativeId);
    await createSophonDriver({ timeoutMs: 2000 })
      .session({ address: '127.0.0.1', port: sim.port, scheme: 'http' }, undefined)
      .removePeople(applied, 'identity_id');
    const mark = sim.device.log.all().at(-1)?.seq ?? 0;
    await close();

    // A new process: Sync now settles the unanswered batch by reading, and sends only what is left.
    const { core: again, cleanup } = testCore({}, { dataDir: dir });
    cleanups.unshift(cleanup);
    await again.services.sync.syncNow();
    await again.services.jobs.whenIdle(jobId);
    expect(again.services.sync.counts()).toMatchObject({ done: 10, queued: 0, running: 0 });
    expect(idsSentAfter(sim, mark).filter((id) => applied.includes(id))).toEqual([]);
    expect(acknowledgedThenResent(sim.device)).toEqual([]);
    const rechecked = again.services.sync.list({ state: 'done', offset: 0, limit: 100 }).items;
    expect(
      rechecked
        .filter((op) => op.rawCode === 'recheck:absent')
        .map((op) => op.subject)
        .sort(),
    ).toEqual([...applied].sort());
  });

  it('treats "not found" as done for a delete', async () => {
    const { sim, core } = await setUp();
    const strangers = generatePeople('nobody', 3, 900000);
    const { jobId } = core.services.removal.start({
      mode: 'people',
      items: listOf(strangers),
      devices: [sim.serial],
      verify: false,
    });
    await core.services.jobs.whenIdle(jobId);
    const done = core.services.sync.list({ state: 'done', offset: 0, limit: 10 });
    expect(done.matching).toBe(3);
    expect(done.items.every((op) => op.outcome === 'already-absent' && op.rawCode === 'ID_NOT_FOUND')).toBe(true);
    expect(core.services.sync.counts()['needs-attention']).toBe(0);
  });

  it('moves rejected credentials to needs attention; retry after fixing them, discard keeps the history', async () => {
    const { sim, core } = await setUp('basip', 'wrong-password');
    const { sync, removal, status, jobs } = core.services;
    const { jobId } = removal.start({
      mode: 'people',
      items: listOf(people.slice(0, 2)),
      devices: [sim.serial],
      verify: false,
    });
    await jobs.whenIdle(jobId);
    const attention = sync.list({ state: 'needs-attention', offset: 0, limit: 10 }).items;
    expect(attention).toHaveLength(2);
    expect(attention[0]).toMatchObject({ reasonCode: 'credentials', retryable: true });
    expect(attention[0]?.reason).toMatch(/^Credentials rejected/);
    expect(status.get().attentionOperations).toBe(2);
    const [first, second] = attention.map((op) => op.id) as [string, string];

    // Discard needs the confirmation in the request itself.
    const unconfirmed = await dispatch(core.handlers, 'sync:discard', { selection: { ids: [second] } });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(sync.discard({ ids: [second] })).toEqual({ discarded: 1 });

    // Fix the credentials, retry the other one.
    await writeCredentials(core.services.secrets, terminalCredentialsKey(sim.serial), {
      username: 'admin',
      password: '123456',
    });
    expect(sync.retry({ ids: [first] })).toEqual({ retried: 1 });
    await waitUntil(() => sync.counts().done === 1, 10_000, 'the retried item');
    await jobs.whenIdle(jobId);

    expect(sync.counts()).toMatchObject({ done: 1, discarded: 1, 'needs-attention': 0, queued: 0 });
    expect(jobs.summary(jobId).state).toBe('done');
    const discarded = sync.list({ state: 'discarded', offset: 0, limit: 10 }).items[0];
    expect(discarded).toMatchObject({
      id: second,
      reasonCode: 'discarded',
      discardedBy: expect.stringMatching(/\(fcom\)$/),
    });
    expect(discarded?.discardedAt).toEqual(expect.any(Number));
    expect(core.services.syncHistory.actions().map((a) => [a.opId, a.action])).toEqual([
      [second, 'discard'],
      [first, 'retry'],
    ]);

    // Done and discarded operations are never run again, retried or discarded.
    await sync.syncNow();
    await jobs.whenIdle(jobId);
    expect(sync.counts()).toMatchObject({ done: 1, discarded: 1 });
    expect(() => sync.retry({ ids: [second] })).toThrow(AppError);
    expect(() => sync.discard({ ids: [first] })).toThrow(/only queued operations/);
    expect(() => sync.discard({ ids: ['cloud:1'] })).toThrow(/no operation cloud:1/);
  });

  it('runs one sync at a time', async () => {
    const { core } = await setUp();
    const first = core.services.sync.syncNow();
    expect(core.services.sync.syncNow()).toBe(first);
    expect(core.services.sync.status().syncing).toBe(true);
    await first;
    expect(core.services.sync.status()).toMatchObject({ syncing: false, lastSyncAt: expect.any(Number) });
  });
});
