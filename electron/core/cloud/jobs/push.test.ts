import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../shared/domain/job.ts';
import { generatePeople } from '../../../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../../../tools/sim/tuya/index.ts';
import { TEST_CREDENTIALS } from '../../../../test/support/cloud/tuya-fixtures.ts';
import { cloudCore, waitUntil } from '../../../../test/support/cloud/cloud-jobs-kit.ts';

type Kit = ReturnType<typeof cloudCore>;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function site(): Promise<TuyaCloudSim> {
  const sim = await startTuyaCloud({
    ...TEST_CREDENTIALS,
    seed: 'push-job',
    people: generatePeople('push-job', 24),
    channels: [{ name: '正门' }, { name: 'Car Park Gate', online: false }, { name: 'Lab Door' }],
    taskStepMs: 20,
    recordsPerStep: 5,
    recordFailureRate: 0.1,
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

async function configure(k: Kit, origin: string, projectId: string): Promise<void> {
  await k.call('cloud:set-config', {
    cloud: 'tuya',
    settings: { baseUrl: origin, projectId },
    secrets: { clientId: TEST_CREDENTIALS.clientId, clientSecret: TEST_CREDENTIALS.clientSecret },
  });
}

async function finished(k: Kit, jobId: string) {
  await waitUntil(
    async () => (await k.call('jobs:list', {})).find((j) => j.id === jobId)?.state === 'done',
    20_000,
    `job ${jobId}`,
  );
  return k.call('permissions:tasks', { jobId });
}

/** A full push of every channel of the project; answers the job id. */
async function pushAll(k: Kit, certificate: 'card' | 'card+face'): Promise<string> {
  const channels = await k.call('permissions:channels', {});
  const { jobId } = await k.call('permissions:push', {
    channelIds: channels.map((c) => c.id),
    mode: 'full',
    certificate,
  });
  return jobId;
}

const issueCalls = (sim: TuyaCloudSim) => sim.log.matching('/access-auth-issue/actions/');

describe('permission push jobs against the Tuya simulator', () => {
  it('pushes, follows every task to its end, and stores per-person records with the per-credential breakdown', async () => {
    const sim = await site();
    const k = kit();
    await configure(k, sim.origin, sim.projectId);
    const events: JobProgress[] = [];
    cleanup.push(k.core.services.bus.onAny((e, p) => e === 'jobs:progress' && events.push(p as JobProgress)));
    const channels = await k.call('permissions:channels', {});
    expect(channels.map((c) => [c.name, c.online])).toEqual([
      ['正门', true],
      ['Car Park Gate', false],
      ['Lab Door', true],
    ]);
    const { jobId } = await k.call('permissions:push', {
      channelIds: channels.map((c) => c.id),
      mode: 'full',
      certificate: 'card+face',
    });
    const view = await finished(k, jobId);
    expect(view).toMatchObject({ jobId, mode: 'full', certificate: 'card+face' });
    const truth = sim.tasks();
    for (const channel of view.channels) {
      expect(channel.tasks).toHaveLength(1);
      const task = channel.tasks[0]!;
      const sim = truth.find((t) => t.authTaskId === task.taskId)!;
      expect(sim.channelId).toBe(channel.channelId);
      expect(task).toMatchObject({
        total: sim.authNum,
        succeeded: sim.successNum,
        failed: sim.failedNum,
        foundBy: 'answer',
      });
      expect(task.recordsStored).toBe(true);
      expect(channel.outcome).toBe(task.failed > 0 ? 'failed' : 'done');
    }
    const carPark = view.channels.find((c) => c.channelName === 'Car Park Gate')!;
    expect(carPark).toMatchObject({ outcome: 'failed', rawCode: 'task:failed' });
    expect(carPark.reason).toMatch(/people were not sent.*Retry failed/);
    const detail = await k.call('permissions:task-detail', { taskId: carPark.tasks[0]!.taskId, state: 'failed' });
    expect(detail.matching).toBe(carPark.tasks[0]!.total);
    expect(detail.records.every((r) => r.state === 'failed' && r.breakdown !== null)).toBe(true);
    const person = detail.credentials?.person;
    expect((person?.failed ?? 0) + (person?.deleteFailed ?? 0)).toBe(carPark.tasks[0]!.total);
    // One issue call per channel, never repeated.
    expect(issueCalls(sim)).toHaveLength(3);
    // Progress: counts per outcome plus record totals, ending at 1.
    const mine = events.filter((e) => e.jobId === jobId);
    expect(mine.at(-1)).toMatchObject({ kind: 'permission-push', state: 'done', value: 1, total: 3 });
    expect(mine.at(-1)?.counts.records).toBe(truth.reduce((n, t) => n + t.authNum, 0));
    expect(k.core.services.status.get().cloud).toBe('reachable');
    // The jobs:* channels see the push like any job: list, show, export.
    const listed = (await k.call('jobs:list', {})).find((j) => j.id === jobId);
    expect(listed).toMatchObject({ kind: 'permission-push', total: 3 });
    expect((listed?.counts.done ?? 0) + (listed?.counts.failed ?? 0)).toBe(3);
    const shown = await k.call('jobs:show', { jobId, outcome: 'failed' });
    expect(shown.items.map((i) => i.nativeId)).toContain(carPark.channelId);
    const csv = await k.call('jobs:export', { jobId, format: 'csv' });
    expect(csv.items).toBe(truth.reduce((n, t) => n + t.authNum, 0));
    expect(csv.content).toContain('Car Park Gate');
  });

  it('retry-failed pushes incrementally exactly the channels whose records failed, as a new job', async () => {
    const sim = await site();
    const k = kit();
    await configure(k, sim.origin, sim.projectId);
    const jobId = await pushAll(k, 'card+face');
    const first = await finished(k, jobId);
    const failed = first.channels.filter((c) => c.outcome === 'failed').map((c) => c.channelId);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(3);
    const retry = await k.call('permissions:retry-failed', { jobId });
    expect(retry.channelIds).toEqual(failed);
    expect(retry.jobId).not.toBe(jobId);
    const second = await finished(k, retry.jobId!);
    expect(second).toMatchObject({ mode: 'increment', certificate: 'card+face' });
    expect(second.channels.map((c) => c.channelId)).toEqual(failed);
    const increments = issueCalls(sim).filter((e) => e.path.endsWith('/increment'));
    expect(increments.map((e) => (e.body as { channelIds: string[] }).channelIds).flat()).toEqual(failed);
    // The first report is unchanged.
    expect((await k.call('permissions:tasks', { jobId })).channels).toEqual(first.channels);
    // Nothing failed → nothing to push.
    const clean = second.channels.every((c) => c.outcome === 'done');
    if (clean)
      expect(await k.call('permissions:retry-failed', { jobId: retry.jobId! })).toEqual({
        jobId: null,
        channelIds: [],
      });
  });
});

describe('the idempotency rule of issue calls', () => {
  it('an answer lost after the cloud started the task: re-checked in the task list, never issued twice', async () => {
    const sim = await site();
    const { startLossyProxy } = await import('../../../../test/support/cloud/cloud-jobs-kit.ts');
    const proxy = await startLossyProxy(sim.origin);
    cleanup.push(() => proxy.close());
    const k = kit();
    await configure(k, proxy.origin, sim.projectId);
    const [main] = await k.call('permissions:channels', {});
    proxy.loseAnswers('/access-auth-issue/actions/full', 1);
    const { jobId } = await k.call('permissions:push', { channelIds: [main!.id], mode: 'full', certificate: 'card' });
    const view = await finished(k, jobId);
    expect(proxy.lost).toHaveLength(1);
    expect(issueCalls(sim)).toHaveLength(1);
    expect(sim.tasks()).toHaveLength(1);
    expect(view.channels[0]?.tasks).toMatchObject([{ taskId: sim.tasks()[0]?.authTaskId, foundBy: 'recheck' }]);
    expect(view.channels[0]?.attempts).toBe(1);
  });

  it('an answer lost before the cloud did anything (HTTP 500 class): no task found, issued again once', async () => {
    const sim = await site();
    const k = kit();
    await configure(k, sim.origin, sim.projectId);
    const [main] = await k.call('permissions:channels', {});
    sim.knobs.set({ faults: [{ kind: 'http500', count: 1, pathIncludes: '/access-auth-issue/' }] });
    const { jobId } = await k.call('permissions:push', {
      channelIds: [main!.id],
      mode: 'increment',
      certificate: 'card',
    });
    const view = await finished(k, jobId);
    expect(issueCalls(sim).map((e) => e.fault ?? 'served')).toEqual(['http500', 'served']);
    expect(sim.tasks()).toHaveLength(1);
    expect(view.channels[0]).toMatchObject({ attempts: 2, tasks: [{ foundBy: 'answer' }] });
  });

  it('keeps following a task the cloud throttles (the task goes on in the cloud): the channel is not failed for it', async () => {
    const sim = await site();
    const k = kit();
    await configure(k, sim.origin, sim.projectId);
    const [main] = await k.call('permissions:channels', {});
    // Every read of the task refused as busy (1111), more times in a row than the client retries one call.
    sim.knobs.set({ faults: [{ kind: 'busy', count: 12, pathIncludes: 'access-auth-task' }] });
    const { jobId } = await k.call('permissions:push', { channelIds: [main!.id], mode: 'full', certificate: 'card' });
    const view = await finished(k, jobId);
    const channel = view.channels[0]!;
    expect(sim.knobs.get().faults[0]?.count).toBe(0); // every busy answer was met, and the task still followed
    expect(channel.tasks).toHaveLength(1);
    expect(channel.tasks[0]!.recordsStored).toBe(true);
    expect(channel.rawCode).toMatch(/^task:/);
    expect(channel.reason ?? '').not.toMatch(/could not be followed/);
    expect(issueCalls(sim)).toHaveLength(1);
  });

  it('resumes after a shutdown while tasks are followed: every task is followed to its end, none issued twice', async () => {
    const sim = await site();
    const first = kit();
    await configure(first, sim.origin, sim.projectId);
    const jobId = await pushAll(first, 'card');
    // Shut down while tasks are followed.
    await waitUntil(async () =>
      (await first.call('permissions:tasks', { jobId })).channels.some((c) => c.tasks.length > 0),
    );
    await first.close();
    const second = cloudCore({ dir: first.dir, secrets: first.secrets, resumeJobs: true });
    cleanup.push(() => second.close());
    const view = await finished(second, jobId);
    expect(issueCalls(sim)).toHaveLength(3);
    expect(sim.tasks()).toHaveLength(3);
    expect(view.channels.every((c) => c.tasks.length === 1 && c.outcome !== null)).toBe(true);
  });

  it('a crash between journaling an issue and sending it: the re-check finds no task, waits until it must have landed, issues once', async () => {
    const sim = await site();
    const k = kit();
    await configure(k, sim.origin, sim.projectId);
    const [main] = await k.call('permissions:channels', {});
    // Simulate the crash: journal a push and its issue as "sending", without running it.
    const { createJobTable } = await import('../../jobs/job-table.ts');
    const { createPushJournal } = await import('./push-journal.ts');
    const journal = createPushJournal(k.core.services.db, createJobTable(k.core.services.db, Date.now), Date.now);
    journal.createJob('crashed-job', { projectId: sim.projectId, mode: 'full', certificate: 'card' }, null, [
      { channelId: main!.id, name: main!.name, deviceName: main!.deviceName },
    ]);
    journal.beginIssue(journal.channels('crashed-job')[0]!, 'full', 'card');
    expect(k.core.services.jobs.resumeInterrupted()).toEqual(['crashed-job']);
    const view = await finished(k, 'crashed-job');
    expect(issueCalls(sim)).toHaveLength(1);
    expect(view.channels[0]).toMatchObject({ attempts: 2, tasks: [{ foundBy: 'answer' }] });
  });
});

describe('the cloud offline', () => {
  it('queues the push while the cloud does not answer and completes it when it answers again', async () => {
    const sim = await site();
    const k = kit();
    await configure(k, sim.origin, sim.projectId);
    const channels = await k.call('permissions:channels', {});
    await sim.setOnline(false);
    const { jobId } = await k.call('permissions:push', {
      channelIds: [channels[0]!.id],
      mode: 'full',
      certificate: 'card',
    });
    await waitUntil(async () => (await k.call('permissions:tasks', { jobId })).channels[0]?.outcome === 'queued');
    expect(k.core.services.status.get().cloud).toBe('unreachable');
    expect((await k.call('jobs:list', {})).find((j) => j.id === jobId)).toMatchObject({
      state: 'running',
      counts: { queued: 1 },
    });
    await sim.setOnline(true);
    const view = await finished(k, jobId);
    expect(view.channels[0]?.outcome).toMatch(/done|failed/);
    expect(issueCalls(sim)).toHaveLength(1);
    expect(k.core.services.status.get().cloud).toBe('reachable');
  });

  it('a queued push can be paused, resumed and cancelled through the jobs channels', async () => {
    const sim = await site();
    const k = kit();
    await configure(k, sim.origin, sim.projectId);
    const channels = await k.call('permissions:channels', {});
    await sim.setOnline(false);
    const { jobId } = await k.call('permissions:push', {
      channelIds: channels.map((c) => c.id),
      mode: 'full',
      certificate: 'card',
    });
    await waitUntil(async () => (await k.call('jobs:show', { jobId })).job.counts.queued === 3);
    expect(await k.call('jobs:pause', { jobId })).toMatchObject({ state: 'paused' });
    expect(await k.call('jobs:resume', { jobId })).toMatchObject({ state: 'running' });
    expect(await k.call('jobs:cancel', { jobId })).toEqual({ cancelled: true });
    // A pass in flight ends first (its calls are aborted), then the rest is cancelled.
    await waitUntil(async () => (await k.call('jobs:show', { jobId })).job.state === 'cancelled');
    const shown = await k.call('jobs:show', { jobId });
    expect(shown.job).toMatchObject({ state: 'cancelled', counts: { cancelled: 3 } });
    expect(shown.items.map((i) => [i.idKind, i.outcome])).toEqual([
      ['channel', 'cancelled'],
      ['channel', 'cancelled'],
      ['channel', 'cancelled'],
    ]);
    expect(issueCalls(sim)).toHaveLength(0);
  });
});
