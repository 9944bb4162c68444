import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/compose.ts';
import { openDatabase } from '../../electron/core/db/database.ts';
import { startAliyunGateway } from '../../tools/sim/aliyun/index.ts';
import { createSophonDevice } from '../../tools/sim/sophon/index.ts';
import type { LoggedRequest } from '../../tools/sim/common/request-log.ts';
import { acceptedJobs } from './accepted.ts';
import { answerReachedApp, checkGroundTruth } from './checks.ts';
import type { ChaosSite } from './site.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { readJournal } from './app-db.ts';
import type { AppRun } from './app-process.ts';
import { checkFinalOutcomes, checkIntegrity, checkNothingLost, type ItemRow, type JobRow } from './invariants-app.ts';
import { checkAliyunLog, checkTerminalLogs, checkTuyaTasks } from './invariants-targets.ts';

const job = (id: string, state = 'done', items = 2, label: string | null = null): JobRow => ({
  id,
  kind: 'remove',
  state,
  label,
  items,
});
const item = (id: number, state: string, outcome: string | null, source: ItemRow['source'] = 'removal'): ItemRow => ({
  source,
  id,
  jobId: 'j1',
  state,
  outcome,
});

describe('invariant 1: every item has exactly one final outcome', () => {
  it('accepts final outcomes and finds queued, pending and unfinished jobs', () => {
    expect(checkFinalOutcomes([item(1, 'final', 'removed'), item(2, 'final', 'done', 'push')], [job('j1')])).toEqual(
      [],
    );
    const found = checkFinalOutcomes(
      [item(1, 'pending', 'queued'), item(2, 'sending', null), item(3, 'final', 'done'), item(3, 'final', 'removed')],
      [job('j1', 'running')],
    );
    expect(found.map((v) => v.detail)).toEqual([
      expect.stringContaining('removal:1 of job j1 ended pending/queued'),
      expect.stringContaining('removal:2 of job j1 ended sending/no outcome'),
      expect.stringContaining('removal:3 of job j1 ended final/done'), // 'done' is a push outcome, not a removal's
      'removal:3 is listed twice',
      'job j1 (remove) was left running',
    ]);
    expect(found.every((v) => v.invariant === 'final-outcome')).toBe(true);
  });
});

describe('invariant 3: nothing queued was lost', () => {
  it('finds a job the app accepted but the journal lacks, short jobs and orphan items', () => {
    const jobs = [job('j1', 'done', 2, '/lists/a.csv'), job('j2', 'done', 3)];
    const items = [item(1, 'final', 'removed')];
    expect(checkNothingLost([{ jobId: 'j1', items: 2, run: 4 }], new Map([['/lists/a.csv', 2]]), jobs, items)).toEqual(
      [],
    );
    const found = checkNothingLost(
      [
        { jobId: 'j9', items: 5, run: 7 },
        { jobId: 'j2', items: 4, run: 8 },
      ],
      new Map([['/lists/a.csv', 3]]),
      jobs,
      [...items, { ...item(2, 'final', 'removed'), jobId: 'gone' }],
    );
    expect(found.map((v) => v.detail)).toEqual([
      'job j9 (accepted by app process 7) is not in the journal',
      'job j2 announced 4 items, the journal holds 3',
      'job j1 for /lists/a.csv holds 2 items, 3 were asked for',
      'removal:2 belongs to no job',
    ]);
  });

  it('reads the announced job ids from the app’s output, killed or not', () => {
    const run: AppRun = {
      n: 3,
      kind: 'push',
      args: [],
      startedAt: 0,
      stderr:
        'Job 0b7c7c9e-1111-4111-8111-111111111111 started: 40 items on 4 terminal(s)\nPush 1b7c7c9e-1111-4111-8111-111111111111 started: 2 channel(s), full',
    };
    expect(acceptedJobs(run)).toEqual([
      { jobId: '0b7c7c9e-1111-4111-8111-111111111111', items: 40, run: 3 },
      { jobId: '1b7c7c9e-1111-4111-8111-111111111111', items: 2, run: 3 },
    ]);
  });
});

describe('invariant 4 and the journal reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fcom-chaos-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads jobs and items of every source from a real journal; integrity ok; a pending item is found', () => {
    const db = openDatabase(join(dir, DATABASE_FILE));
    const now = Date.now();
    db.sqlite.exec(`
      INSERT INTO jobs (id, kind, state, options, label, created_at, updated_at) VALUES
        ('r1', 'remove', 'running', '{}', '/l.csv', ${now}, ${now}), ('p1', 'permission-push', 'done', '{}', NULL, ${now}, ${now});
      INSERT INTO job_items (job_id, seq, terminal, terminal_kind, person_key, id_kind, native_id, state, outcome, updated_at) VALUES
        ('r1', 1, 'T1', 'sophon', 'k1', 'identity_id', '1', 'final', 'removed', ${now}),
        ('r1', 2, 'T1', 'sophon', 'k2', 'identity_id', '2', 'pending', 'queued', ${now});
      INSERT INTO push_channels (job_id, seq, channel_id, state, outcome, updated_at) VALUES ('p1', 1, 'c1', 'final', 'done', ${now});`);
    db.close();
    const journal = readJournal(dir);
    expect(journal.jobs.map((j) => [j.id, j.items])).toEqual([
      ['r1', 2],
      ['p1', 1],
    ]);
    expect(journal.outcomes).toEqual({ 'removal/removed': 1, 'removal/queued': 1, 'push/done': 1 });
    expect(checkIntegrity(journal.integrity)).toEqual([]);
    const found = checkFinalOutcomes(journal.items, journal.jobs);
    expect(found.map((v) => v.detail)).toEqual([
      expect.stringMatching(/^removal:\d+ of job r1 ended pending\/queued/),
      'job r1 (remove) was left running',
    ]);
  });

  it('reports anything but a single "ok" from integrity_check', () => {
    expect(checkIntegrity(['*** in database main ***', 'Page 7: btreeInitPage() returns error code 11'])).toEqual([
      { invariant: 'integrity', detail: expect.stringContaining('btreeInitPage') },
    ]);
  });
});

const entry = (seq: number, at: number, body: unknown, status: number, extra: Partial<LoggedRequest> = {}) => ({
  method: 'POST',
  path: '/face/paas/permission/delete',
  query: {},
  body,
  status,
  ...extra,
  seq,
  at,
});
const aliyunBody = (users: string[], scope = 'dev-1') => ({ params: { scopeIdList: [scope], userIdList: users } });

describe('invariant 2: no acknowledged operation applied twice', () => {
  it('terminals: an id acknowledged and sent again is found; a retry after a 5xx is not', () => {
    const device = createSophonDevice({ serial: 'T', people: [] });
    device.log.add({
      method: 'POST',
      path: '/v1/deleteidentities',
      query: {},
      body: { identity_ids: ['1', '2'] },
      status: 500,
    });
    device.log.add({
      method: 'POST',
      path: '/v1/deleteidentities',
      query: {},
      body: { identity_ids: ['1', '2'] },
      status: 200,
      acknowledged: ['1', '2'],
    });
    expect(checkTerminalLogs([{ serial: 'T', device }])).toEqual([]);
    device.log.add({
      method: 'POST',
      path: '/v1/deleteidentities',
      query: {},
      body: { identity_ids: ['2'] },
      status: 200,
    });
    expect(checkTerminalLogs([{ serial: 'T', device }])).toEqual([
      {
        invariant: 'applied-twice',
        detail: 'terminal T: id 2 was sent again after the terminal acknowledged its removal',
      },
    ]);
  });

  it('Alibaba: a pair sent again after a delivered acknowledgement, or acknowledged twice, is found', () => {
    const alive = (e: LoggedRequest): boolean => e.status === 200 && !e.fault;
    const delivered = [
      entry(1, 1000, aliyunBody(['a', 'b']), 200, { acknowledged: ['a', 'b'] }),
      entry(2, 2000, aliyunBody(['b']), 400),
    ];
    expect(checkAliyunLog(delivered, alive).map((v) => v.detail)).toEqual([
      'aliyun: b on dev-1 sent again (request 2) after request 1 acknowledged it to a live app',
    ]);
    const twice = [
      entry(1, 1000, aliyunBody(['a']), 200, { acknowledged: ['a'], fault: 'slow-body' }),
      entry(2, 2000, aliyunBody(['a']), 200, { acknowledged: ['a'] }),
    ];
    expect(checkAliyunLog(twice, alive).map((v) => v.detail)).toEqual([
      'aliyun: a on dev-1 removed twice (requests 1 and 2)',
    ]);
  });

  it('Alibaba: a repeat is allowed when the answer may have been lost (dribbled, or the app killed right after)', () => {
    const run = (n: number, startedAt: number, endedAt: number, killedAt?: number): AppRun => ({
      n,
      kind: 'aliyun',
      args: [],
      startedAt,
      endedAt,
      ...(killedAt === undefined ? {} : { killedAt }),
    });
    // Process 1 is killed at 1500 ms, process 2 runs from 1600 ms to 20 s.
    const runs = [run(1, 0, 1550, 1500), run(2, 1600, 20_000)];
    const runAt = (at: number): AppRun | undefined => runs.find((r) => r.startedAt <= at && at <= r.endedAt!);
    const reached = (e: LoggedRequest): boolean => answerReachedApp(e, runAt, 3000);
    const ack = (at: number, extra: Partial<LoggedRequest> = {}) =>
      entry(1, at, aliyunBody(['a']), 200, { acknowledged: ['a'], ...extra });
    const again = entry(2, 9000, aliyunBody(['a']), 400);
    // Dribbled: the app may have given up on it.
    expect(checkAliyunLog([ack(1000, { fault: 'slow-body' }), again], reached)).toEqual([]);
    // Answered 0.5 s before the kill of its process.
    expect(checkAliyunLog([ack(1000, { receivedAt: 900 }), again], reached)).toEqual([]);
    // Arrived from process 1, answered after process 2 had started: still process 1's, which was dead.
    expect(checkAliyunLog([ack(1700, { receivedAt: 1200 }), again], reached)).toEqual([]);
    // Answered to process 2, which lived on: the repeat is a violation.
    expect(checkAliyunLog([ack(2000, { receivedAt: 1900 }), again], reached)).toHaveLength(1);
  });

  it('the Alibaba gateway logs when each request arrived (a sender is the process running then)', async () => {
    const gateway = await startAliyunGateway({ appKey: 'k', appSecret: 's', projectId: 'p' });
    try {
      const before = Date.now();
      await fetch(`${gateway.origin}/cloud/token`, { method: 'POST', body: '{}' }).then((r) => r.text());
      const [logged] = gateway.log.all();
      expect(logged?.receivedAt).toBeGreaterThanOrEqual(before);
      expect(logged?.at).toBeGreaterThanOrEqual(logged?.receivedAt ?? Number.POSITIVE_INFINITY);
    } finally {
      await gateway.close();
    }
  });

  it('Tuya: a task no operation follows, an operation with two tasks and an unknown task are found', () => {
    const tasks = [
      { authTaskId: 't1', channelId: 'c1' },
      { authTaskId: 't2', channelId: 'c1' },
      { authTaskId: 't3', channelId: 'c2' },
    ];
    expect(
      checkTuyaTasks(tasks, [
        { taskId: 't1', op: 1, jobId: 'j', channelId: 'c1' },
        { taskId: 't2', op: 2, jobId: 'k', channelId: 'c1' },
        { taskId: 't3', op: 3, jobId: 'k', channelId: 'c2' },
      ]),
    ).toEqual([]);
    const found = checkTuyaTasks(tasks, [
      { taskId: 't1', op: 1, jobId: 'j', channelId: 'c1' },
      { taskId: 't2', op: 1, jobId: 'j', channelId: 'c1' },
      { taskId: 't9', op: 3, jobId: 'k', channelId: 'c2' },
    ]);
    expect(found.map((v) => v.detail)).toEqual([
      expect.stringContaining('task t3 on channel c2 was started but no push operation follows it'),
      'tuya: job k follows task t9, which the cloud never started',
      'tuya: push:1 started 2 tasks (t1, t2)',
    ]);
  });
});

describe('invariant 5: the ground-truth audit', () => {
  it('finds an item reported removed or already absent that its terminal still holds, and passes true ones', () => {
    const people = generatePeople('ground-truth', 3);
    const device = createSophonDevice({ serial: 'T1', people });
    const [held, , other] = people.map((p) => p.identityId) as [string, string, string];
    const reported = (nativeId: string, outcome: string) => ({
      terminal: 'T1',
      idKind: 'identity_id',
      nativeId,
      faceId: null,
      outcome,
      port: 5555,
    });
    const site = { terminals: [{ port: 5555, device }] as unknown as ChaosSite['terminals'] };
    const truthful = { reported: [reported('999999', 'already-absent')] };
    expect(checkGroundTruth(site, truthful)).toEqual([]);
    const found = checkGroundTruth(site, { reported: [reported(held, 'removed'), reported(other, 'already-absent')] });
    expect(found).toEqual([
      { invariant: 'ground-truth', detail: expect.stringContaining(`${held} on T1 reported removed`) },
      { invariant: 'ground-truth', detail: expect.stringContaining(`${other} on T1 reported already-absent`) },
    ]);
  });
});
