import { afterEach, describe, expect, it } from 'vitest';
import type { Operation } from '../../../../shared/domain/sync.ts';
import { generatePeople } from '../../../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../../../tools/sim/tuya/index.ts';
import { TEST_CREDENTIALS } from '../../../../test/support/cloud/tuya-fixtures.ts';
import { cloudCore, waitUntil } from '../../../../test/support/cloud/cloud-jobs-kit.ts';
import { collectReport } from '../../report/collect.ts';

type Kit = ReturnType<typeof cloudCore>;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const NAMES = ['Main Entrance', 'Car Park Gate', 'Lab Door'];

async function site(): Promise<TuyaCloudSim> {
  const sim = await startTuyaCloud({
    ...TEST_CREDENTIALS,
    seed: 'push-names',
    people: generatePeople('push-names', 8),
    channels: NAMES.map((name) => ({ name })),
    taskStepMs: 10,
    recordsPerStep: 8,
  });
  cleanup.push(() => sim.close());
  return sim;
}

async function kit(sim: TuyaCloudSim): Promise<Kit> {
  const k = cloudCore();
  cleanup.push(
    () => k.remove(),
    () => k.close(),
  );
  await k.call('cloud:set-config', {
    cloud: 'tuya',
    settings: { baseUrl: sim.origin, projectId: sim.projectId },
    secrets: { clientId: TEST_CREDENTIALS.clientId, clientSecret: TEST_CREDENTIALS.clientSecret },
  });
  return k;
}

const namesOf = async (k: Kit, jobId: string) =>
  (await k.call('permissions:tasks', { jobId })).channels.map((c) => c.channelName);

async function pushQueued(k: Kit, channelIds: string[]): Promise<string> {
  const { jobId } = await k.call('permissions:push', { channelIds, mode: 'full', certificate: 'card' });
  await waitUntil(async () => (await k.call('jobs:show', { jobId })).job.counts.queued === channelIds.length);
  return jobId;
}

async function done(k: Kit, jobId: string): Promise<void> {
  await waitUntil(async () => (await k.call('jobs:show', { jobId })).job.state === 'done', 20_000, `job ${jobId}`);
}

/** The report's channels of the push operations in the sync queue. */
function reportChannels(k: Kit) {
  const operations = [...k.core.services.sync.operations()].filter((op: Operation) => op.source === 'push');
  return collectReport({
    site: 'test',
    appVersion: '0',
    generatedAt: Date.now(),
    range: {},
    terminals: [],
    operations,
    drift: [],
    actions: [],
  }).perChannel.map((c) => c.name);
}

describe('channel names of a push queued while the Tuya cloud does not answer (issue 18)', () => {
  it('names the channels at queue time from the last channel list, and counts each channel once in the report', async () => {
    const sim = await site();
    const k = await kit(sim);
    const channels = await k.call('permissions:channels', {});
    await sim.setOnline(false);
    const jobId = await pushQueued(
      k,
      channels.map((c) => c.id),
    );
    expect(await namesOf(k, jobId)).toEqual(NAMES);
    await sim.setOnline(true);
    await done(k, jobId);
    expect(await namesOf(k, jobId)).toEqual(NAMES);
    // A second push of the same channels: still three channels in the report, by name.
    const second = await k.call('permissions:push', {
      channelIds: channels.map((c) => c.id),
      mode: 'increment',
      certificate: 'card',
    });
    await done(k, second.jobId);
    expect(reportChannels(k).sort()).toEqual(NAMES.map((n) => `Tuya cloud · ${n}`).sort());
  });

  it('fills the names in when the cloud answers, when nothing knew them at queue time', async () => {
    const sim = await site();
    const k = await kit(sim);
    await sim.setOnline(false);
    const ids = sim.channels().map((c) => c.accessControlChannelId);
    const jobId = await pushQueued(k, ids);
    expect(await namesOf(k, jobId)).toEqual([null, null, null]);
    // Queued by id only: the sync queue shows the ids, and the report still counts three channels.
    expect(reportChannels(k)).toHaveLength(3);
    await sim.setOnline(true);
    await done(k, jobId);
    expect(await namesOf(k, jobId)).toEqual(NAMES);
    expect(reportChannels(k).sort()).toEqual(NAMES.map((n) => `Tuya cloud · ${n}`).sort());
  });
});

describe('the report counts a channel once by its id (issue 18)', () => {
  it('one channel named by its id in one operation and by its name in another is one channel, named', () => {
    const base = {
      source: 'push',
      jobId: 'j',
      jobLabel: null,
      kind: 'permission-push',
      targetKind: 'cloud' as const,
      target: 'tuya',
      targetName: 'Tuya cloud',
      subjectName: null,
      state: 'done' as const,
      outcome: 'done',
      reasonCode: null,
      reason: null,
      rawCode: null,
      attempts: 1,
      retryable: false,
      queuedAt: null,
      syncedAt: null,
      updatedAt: 0,
      discardedBy: null,
      discardedAt: null,
      drift: null,
    };
    const operations: Operation[] = [
      { ...base, id: 'push:1', subject: 'ch1', channel: 'ch1', channelId: 'ch1' },
      { ...base, id: 'push:2', subject: 'ch1', channel: 'Main Entrance', channelId: 'ch1' },
      { ...base, id: 'push:3', subject: 'ch2', channel: 'Lab Door', channelId: 'ch2' },
      { ...base, id: 'push:4', subject: 'ch2', channel: 'Lab Door', channelId: 'ch2' },
    ];
    const data = collectReport({
      site: 's',
      appVersion: '0',
      generatedAt: 0,
      range: {},
      terminals: [],
      operations,
      drift: [],
      actions: [],
    });
    expect(data.perChannel.map((c) => [c.name, c.counts.done])).toEqual([
      ['Tuya cloud · Main Entrance', 2],
      ['Tuya cloud · Lab Door', 2],
    ]);
    expect(data.targets.filter((t) => t.kind === 'channel').map((t) => [t.name, t.asked])).toEqual([
      ['Main Entrance', 2],
      ['Lab Door', 2],
    ]);
  });
});
