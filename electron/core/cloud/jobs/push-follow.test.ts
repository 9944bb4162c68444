import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudOptions, type TuyaCloudSim } from '../../../../tools/sim/tuya/index.ts';
import { TEST_CREDENTIALS } from '../../../../test/support/cloud/tuya-fixtures.ts';
import { BREAKDOWNS_PER_OPEN } from './push-on-demand.ts';
import { cloudCore, FAST, waitUntil } from '../../../../test/support/cloud/cloud-jobs-kit.ts';

type Kit = ReturnType<typeof cloudCore>;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function site(options: Partial<TuyaCloudOptions> = {}): Promise<TuyaCloudSim> {
  const sim = await startTuyaCloud({
    ...TEST_CREDENTIALS,
    seed: 'push-follow',
    people: generatePeople('push-follow', 60),
    channels: [{ name: '正门 East', everyone: true }, { name: 'Lab Door' }],
    taskStepMs: 20,
    recordsPerStep: 20,
    recordFailureRate: 0.2,
    ...options,
  });
  cleanup.push(() => sim.close());
  return sim;
}

function kit(options: Parameters<typeof cloudCore>[0] = {}): Kit {
  const k = cloudCore(options);
  cleanup.push(
    () => k.remove(),
    () => k.close(),
  );
  return k;
}

async function configure(k: Kit, sim: TuyaCloudSim, settings: Record<string, number> = {}): Promise<void> {
  await k.call('cloud:set-config', {
    cloud: 'tuya',
    settings: { baseUrl: sim.origin, projectId: sim.projectId, ...settings },
    secrets: { clientId: TEST_CREDENTIALS.clientId, clientSecret: TEST_CREDENTIALS.clientSecret },
  });
}

async function pushAll(k: Kit): Promise<string> {
  const channels = await k.call('permissions:channels', {});
  const { jobId } = await k.call('permissions:push', {
    channelIds: channels.map((c) => c.id),
    mode: 'full',
    certificate: 'card+face',
  });
  return jobId;
}

async function done(k: Kit, jobId: string, timeoutMs = 20_000) {
  await waitUntil(async () => (await k.call('jobs:show', { jobId })).job.state === 'done', timeoutMs, `job ${jobId}`);
  return k.call('permissions:tasks', { jobId });
}

describe('a push follows its tasks in O(failures), and reads the rest on demand', () => {
  it('stores the failed records only; successes and breakdowns are read once, when opened', async () => {
    const sim = await site();
    const k = kit();
    await configure(k, sim);
    const view = await done(k, await pushAll(k));
    const task = view.channels[0]!.tasks[0]!;
    const truth = sim.tasks().find((t) => t.authTaskId === task.taskId)!;
    expect(task).toMatchObject({
      total: 60,
      succeeded: truth.successNum,
      failed: truth.failedNum,
      recordsStored: true,
    });
    expect(sim.log.matching('issue-info')).toEqual([]);
    const recordCalls = () => sim.log.matching('/access-auth-task/records');
    expect(recordCalls().every((e) => (e.body as { issueStatus?: number }).issueStatus === 3)).toBe(true);

    // Failed ones: from the journal; the page's breakdowns read now (at most BREAKDOWNS_PER_OPEN).
    const before = recordCalls().length;
    const failed = await k.call('permissions:task-detail', { taskId: task.taskId, state: 'failed' });
    expect(failed.matching).toBe(truth.failedNum);
    expect(recordCalls()).toHaveLength(before);
    expect(sim.log.matching('issue-info')).toHaveLength(Math.min(truth.failedNum, BREAKDOWNS_PER_OPEN));
    expect(failed.records.filter((r) => r.breakdown !== null)).toHaveLength(
      Math.min(truth.failedNum, BREAKDOWNS_PER_OPEN),
    );

    // Successes: read from the cloud the first time (filtered by status 4), from the journal afterwards.
    const ok = await k.call('permissions:task-detail', { taskId: task.taskId, state: 'succeeded', limit: 5 });
    expect(ok.matching).toBe(truth.successNum);
    const fetched = recordCalls().slice(before);
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((e) => (e.body as { issueStatus?: number }).issueStatus === 4)).toBe(true);
    const infoCalls = sim.log.matching('issue-info').length;
    await k.call('permissions:task-detail', { taskId: task.taskId, state: 'succeeded', limit: 5 });
    expect(recordCalls().length).toBe(before + fetched.length);
    expect(sim.log.matching('issue-info')).toHaveLength(infoCalls);

    // The report lists every person of every task (read on demand once).
    const csv = await k.call('jobs:export', { jobId: view.jobId!, format: 'csv' });
    expect(csv.items).toBe(sim.tasks().reduce((n, t) => n + t.authNum, 0));
  });
});

describe('the bounded follow', () => {
  it('leaves a task still running at the limit "still running in the cloud", queued for the sync, then finishes it', async () => {
    const sim = await site({ taskStepMs: 150, recordsPerStep: 5 });
    const k = kit({
      cloud: { ...FAST, jobs: { ...FAST.jobs, retryMs: 400, follow: { pollMs: 15, maxPollMs: 60, limitMs: 250 } } },
    });
    await configure(k, sim);
    const jobId = await pushAll(k);
    await waitUntil(
      async () => (await k.call('permissions:tasks', { jobId })).channels.some((c) => c.rawCode === 'task:running'),
      10_000,
      'a channel left running',
    );
    const running = (await k.call('permissions:tasks', { jobId })).channels.find((c) => c.rawCode === 'task:running')!;
    expect(running.outcome).toBe('queued');
    expect(running.reason).toMatch(/still running.*sync/i);
    const queue = await k.call('sync:list', { state: 'queued' });
    expect(queue.items.some((op) => op.reasonCode === 'cloud-task-running')).toBe(true);
    expect(k.core.services.status.get().cloud).toBe('reachable');
    // Later passes follow it again until it ends; nothing is issued twice.
    const view = await done(k, jobId, 30_000);
    expect(view.channels.every((c) => c.outcome === 'done' || c.outcome === 'failed')).toBe(true);
    expect(view.channels.every((c) => c.tasks[0]?.recordsStored === true)).toBe(true);
    expect(sim.log.matching('/access-auth-issue/actions/')).toHaveLength(2);
  });
});

describe('one pacer for every Tuya call of the app', () => {
  it('a push, its follow and channel lists at once share the quota: no call throttles another', async () => {
    // The setting a little under the quota: one pacer keeps the app's calls together under it (separate pacers,
    // or none, would add up beyond it).
    const sim = await site({ throttle: { maxRequestsPerSecond: 4 } });
    const k = kit();
    await configure(k, sim, { requestsPerSecond: 3 });
    const jobId = await pushAll(k);
    // Meanwhile the technician refreshes the channel list a few times (the same connection, the same pacer).
    const lists = Promise.all(Array.from({ length: 4 }, () => k.call('permissions:channels', {})));
    await lists;
    const view = await done(k, jobId, 30_000);
    expect(view.channels.every((c) => (c.rawCode ?? '').startsWith('task:'))).toBe(true);
    expect(sim.throttledCount()).toBe(0);
  });

  it('set above the quota, it learns the quota from the throttling answers, and none of them fails anything', async () => {
    const sim = await site({ throttle: { maxRequestsPerSecond: 3 } });
    const k = kit();
    await configure(k, sim, { requestsPerSecond: 20 });
    const jobId = await pushAll(k);
    await Promise.all(Array.from({ length: 4 }, () => k.call('permissions:channels', {})));
    const view = await done(k, jobId, 30_000);
    expect(view.channels.every((c) => (c.rawCode ?? '').startsWith('task:'))).toBe(true);
    const requests = sim.log.all().length;
    // A few throttling answers to learn from (and when it tries a faster rate again every 5 s), not a storm.
    expect(sim.throttledCount()).toBeLessThanOrEqual(Math.max(8, requests / 4));
  });
});
