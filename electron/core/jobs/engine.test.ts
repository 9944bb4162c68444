import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobState } from '../../../shared/domain/job.ts';
import type { JobSummary } from '../../../shared/domain/removal.ts';
import { AppError } from '../../../shared/errors.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { createEventBus } from '../events/event-bus.ts';
import { createJobEngine, type JobEngine } from './engine.ts';
import type { JobKindPlugin } from './job-kind.ts';
import { createJobLeases, type JobLeases } from './job-leases.ts';
import { createJobTable } from './job-table.ts';
import { createJobRun, type UnitEnd } from './run.ts';

/**
 * A fifth kind, as a new one would plug in: its items in memory (two units, "a" and "b"), one pass works a unit's
 * items one at a time until stopped, and a gate holds a unit's pass open until the test lets it go.
 */
function fakeKind(db: Database) {
  const table = createJobTable(db, Date.now);
  const items = new Map<string, { unit: string; done: boolean; failed: boolean }[]>();
  const gates = new Map<string, () => void>();
  const held = new Set<string>();
  const published: string[] = [];
  const pending = (jobId: string, unit?: string) =>
    (items.get(jobId) ?? []).filter((i) => !i.done && (unit === undefined || i.unit === unit));
  const summary = (jobId: string): JobSummary => {
    const row = table.get(jobId);
    const all = items.get(jobId) ?? [];
    return {
      id: jobId,
      kind: 'sync',
      state: row?.state ?? 'failed',
      label: row?.label ?? null,
      total: all.length,
      counts: { removed: all.filter((i) => i.done && !i.failed).length, failed: all.filter((i) => i.failed).length },
    } as unknown as JobSummary;
  };
  const plugin: JobKindPlugin = {
    kinds: ['sync'],
    createRun: (jobId) =>
      createJobRun(jobId, {
        unitsWithWork: (unit) => [...new Set(pending(jobId, unit).map((i) => i.unit))],
        async work(unit, control): Promise<UnitEnd> {
          if (held.has(unit)) await new Promise<void>((resolve) => gates.set(unit, resolve));
          for (const item of pending(jobId, unit)) {
            if (control.stopReason() !== null) return 'stopped';
            item.done = true;
          }
          return 'finished';
        },
        hasWork: (unit) => pending(jobId, unit).length > 0,
        cancelRemaining: () => {
          for (const item of pending(jobId)) Object.assign(item, { done: true, failed: true });
        },
        setState: (state: JobState, error) => table.setState(jobId, state, error ?? null),
        journalState: () => table.get(jobId)?.state,
        publish: () => void published.push(jobId),
        onWaiting: () => undefined,
      }),
    summary,
    show: (query) => ({ job: summary(query.jobId), terminals: [], items: [], matching: 0 }),
    export: (jobId, format) => ({ format, fileName: `${jobId}.${format}`, content: 'x' }) as never,
    retryFailed(jobId) {
      const failed = (items.get(jobId) ?? []).filter((i) => i.failed);
      for (const item of failed) Object.assign(item, { done: false, failed: false });
      return { jobId, retried: failed.length };
    },
    cancelAtRest(jobId) {
      for (const item of pending(jobId)) Object.assign(item, { done: true, failed: true });
      table.setState(jobId, 'cancelled');
    },
    publish: (jobId) => void published.push(jobId),
  };
  return {
    plugin,
    published,
    /** Journals a job of this kind: its row in the shared jobs table, its items here. */
    journal(jobId: string, units: Record<string, number>) {
      table.insert(jobId, 'sync', {}, `fake ${jobId}`);
      items.set(
        jobId,
        Object.entries(units).flatMap(([unit, n]) =>
          Array.from({ length: n }, () => ({ unit, done: false, failed: false })),
        ),
      );
    },
    hold: (unit: string) => held.add(unit),
    release(unit: string) {
      held.delete(unit);
      gates.get(unit)?.();
    },
    items,
  };
}

describe('the job engine: a kind plugs in with one registration', () => {
  let dir = '';
  let dbs: Database[] = [];
  let engines: JobEngine[] = [];
  let leases: JobLeases[] = [];
  const open = (target: 'host' | 'cli') => {
    const db = openDatabase(join(dir, 'fcom.sqlite'));
    const lease = createJobLeases({ db, target, heartbeatMs: 60_000 });
    const engine = createJobEngine({ db, bus: createEventBus(), leases: lease });
    const kind = fakeKind(db);
    engine.register(kind.plugin);
    dbs.push(db);
    leases.push(lease);
    engines.push(engine);
    return { db, engine, kind };
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-engine-'));
  });
  afterEach(async () => {
    for (const engine of engines) await engine.close();
    for (const lease of leases) lease.close();
    for (const db of dbs) db.close();
    dbs = [];
    engines = [];
    leases = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs, lists, shows and exports a job of the new kind, and records it done', async () => {
    const { engine, kind } = open('host');
    kind.journal('job-1', { a: 3, b: 2 });
    engine.start('job-1');
    const done = await engine.whenIdle('job-1');
    expect(done).toMatchObject({ id: 'job-1', state: 'done', total: 5 });
    expect(engine.list().map((j) => j.id)).toEqual(['job-1']);
    expect(engine.show({ jobId: 'job-1', offset: 0, limit: 10 }).job.state).toBe('done');
    expect((await engine.export('job-1', 'csv')).content).toBe('x');
    expect(kind.published).toContain('job-1');
  });

  it('pauses a running job (the unit in flight ends), resumes it to the end, and refuses to resume a done job', async () => {
    const { engine, kind } = open('host');
    kind.journal('job-2', { a: 2, b: 2 });
    kind.hold('a');
    kind.hold('b');
    engine.start('job-2');
    expect(engine.pause('job-2').state).toBe('paused');
    kind.release('a');
    kind.release('b');
    await engine.whenIdle('job-2');
    expect(engine.summary('job-2').state).toBe('paused');
    expect(kind.items.get('job-2')?.every((i) => !i.done)).toBe(true);
    expect(() => engine.pause('job-2')).toThrow(/cannot be paused/);

    engine.resume('job-2');
    expect((await engine.whenIdle('job-2')).state).toBe('done');
    expect(() => engine.resume('job-2')).toThrow(AppError);
  });

  it('cancels a job whether its run lives here or not, and retries failed items in place', async () => {
    const { engine, kind } = open('host');
    kind.journal('job-3', { a: 2 });
    kind.hold('a');
    engine.start('job-3');
    expect(engine.cancel('job-3')).toBe(true);
    kind.release('a');
    expect((await engine.whenIdle('job-3')).state).toBe('cancelled');
    expect(engine.cancel('job-3')).toBe(false);

    // At rest: journaled, never started in this process.
    kind.journal('job-4', { b: 1 });
    expect(engine.cancel('job-4')).toBe(true);
    expect(engine.summary('job-4').state).toBe('cancelled');

    kind.journal('job-5', { a: 1 });
    engine.start('job-5');
    await engine.whenIdle('job-5');
    kind.items.get('job-5')?.forEach((i) => Object.assign(i, { failed: true }));
    const retry = await engine.retryFailed('job-5');
    expect(retry).toEqual({ jobId: 'job-5', retried: 1 });
    expect((await engine.whenIdle('job-5')).counts).toMatchObject({ removed: 1, failed: 0 });
  });

  it('keeps a job in one process: the other engine is refused with who runs it, and resumes it once it is free', async () => {
    const host = open('host');
    const cli = open('cli');
    host.kind.journal('job-6', { a: 1 });
    host.kind.hold('a');
    host.engine.start('job-6');
    expect(() => cli.engine.resume('job-6')).toThrow(/being run by the browser host/);
    expect(() => cli.engine.pause('job-6')).toThrow(/being run by the browser host/);
    expect(cli.engine.resumeInterrupted()).not.toContain('job-6');
    host.kind.release('a');
    expect((await host.engine.whenIdle('job-6')).state).toBe('done');
  });

  it('answers NOT_FOUND with a code for an unknown job, and cancels transient jobs by id', async () => {
    const { engine } = open('host');
    expect(() => engine.summary('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    const { jobId, result } = engine.transient.start(
      'sweep',
      (signal) => new Promise((resolve) => signal.addEventListener('abort', resolve)),
    );
    expect(engine.cancel(jobId)).toBe(true);
    await result;
  });

  it('resumes after a crash the jobs left running, of every registered kind', async () => {
    const first = open('host');
    first.kind.journal('job-7', { a: 2 });
    // A crash: the row says running and no run lives; a new process starts with the kind's journal as it was.
    expect(createJobTable(first.db, Date.now).get('job-7')?.state).toBe('running');
    const { engine, kind } = open('host');
    kind.items.set('job-7', [{ unit: 'a', done: false, failed: false }]);
    expect(engine.resumeInterrupted()).toContain('job-7');
    expect((await engine.whenIdle('job-7')).state).toBe('done');
  });
});
