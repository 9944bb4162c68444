import { afterEach, describe, expect, it } from 'vitest';
import type { PermissionRow } from '../../../shared/domain/permission-browser.ts';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../../tools/sim/tuya/index.ts';
import { cloudCore, waitUntil } from '../../../test/support/cloud/cloud-jobs-kit.ts';
import { TEST_CREDENTIALS } from '../../../test/support/cloud/tuya-fixtures.ts';

type Kit = ReturnType<typeof cloudCore>;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setUp(): Promise<{ sim: TuyaCloudSim; k: Kit }> {
  const sim = await startTuyaCloud({
    ...TEST_CREDENTIALS,
    seed: 'browser',
    people: generatePeople('browser', 30),
    channels: [{ name: '正门 Main' }, { name: 'Lab Door' }],
    taskStepMs: 10,
    recordsPerStep: 10,
    recordFailureRate: 0.3,
    // The vendor's captured answer (no has_more) and pages capped below what the app asks: only totals tell.
    knobs: { pageCap: 7, variants: ['no-has-more'] },
  });
  const k = cloudCore();
  cleanup.push(
    () => sim.close(),
    () => k.remove(),
    () => k.close(),
  );
  await k.call('cloud:set-config', {
    cloud: 'tuya',
    settings: { baseUrl: sim.origin, projectId: sim.projectId },
    secrets: { clientId: TEST_CREDENTIALS.clientId, clientSecret: TEST_CREDENTIALS.clientSecret },
  });
  return { sim, k };
}

async function done(k: Kit, jobId: string) {
  await waitUntil(
    async () => (await k.call('jobs:list', {})).find((j) => j.id === jobId)?.state === 'done',
    20_000,
    `job ${jobId}`,
  );
  return k.call('permissions:tasks', { jobId });
}

/** Every row of a filter, page by page through the contract. */
async function browseAll(k: Kit, filter: Record<string, unknown>, pageSize = 10): Promise<PermissionRow[]> {
  const rows: PermissionRow[] = [];
  for (let page = 1; ; page++) {
    const answer = await k.call('permissions:browse', { ...filter, page, pageSize });
    expect(answer.complete).toBe(true);
    rows.push(...answer.rows);
    if (rows.length >= (answer.total ?? 0)) return rows;
  }
}

describe('permissions browser against the Tuya simulator', () => {
  it('filters by channel and face state, opens a person, and re-pushes their waiting channels as a journaled job', async () => {
    const { sim, k } = await setUp();
    const [main, lab] = sim.channels();
    const { jobId } = await k.call('permissions:push', {
      channelIds: [main?.accessControlChannelId ?? '', lab?.accessControlChannelId ?? ''],
      mode: 'full',
      certificate: 'card+face',
    });
    await done(k, jobId);
    const labId = lab?.accessControlChannelId ?? '';
    const labTask = sim.tasks().find((t) => t.channelId === labId);
    const failedOnLab = new Set(labTask?.records.filter((r) => r.issueStatus === 'failed').map((r) => r.personId));

    // Lab Door, face to be sent: pages of 10 rebuilt from the cloud's capped pages of 7.
    const waiting = await browseAll(k, { channelIds: [labId], face: 'to-be-sent' });
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((r) => r.channelId === labId && r.face.state === 'to-be-sent')).toBe(true);
    const everyone = await browseAll(k, { channelIds: [labId] });
    expect(everyone.filter((r) => r.face.state === 'to-be-sent').map((r) => r.accessAuthId)).toEqual(
      waiting.map((r) => r.accessAuthId),
    );
    const failedFace = waiting.find((r) => failedOnLab.has(r.personId ?? '') && (r.face.total ?? 0) > 0);
    expect(failedFace).toBeDefined();

    // The person: the detail and every permission of theirs, on both channels where they have one.
    const person = await k.call('permissions:person', { accessAuthId: failedFace?.accessAuthId ?? '' });
    expect(person).toMatchObject({ personId: failedFace?.personId, complete: true, name: failedFace?.name });
    expect(person.opened.face.state).toBe('to-be-sent');
    expect(person.opened.channelName).toBe('Lab Door');
    expect(person.permissions.every((p) => p.personId === failedFace?.personId)).toBe(true);
    expect(person.permissions.map((p) => p.channelId)).toContain(labId);

    // Re-push: an increment push job of the person's channels that still wait, followed to its end.
    const before = sim.tasks().length;
    const repush = await k.call('permissions:repush-person', { accessAuthId: failedFace?.accessAuthId ?? '' });
    expect(repush.jobId).not.toBeNull();
    expect(repush.channelIds).toContain(labId);
    const expectedChannels = person.permissions
      .filter((p) => p.card.state !== 'sent' || (p.face.state !== 'sent' && p.face.total !== 0))
      .map((p) => p.channelId);
    expect(repush.channelIds.sort()).toEqual([...new Set(expectedChannels)].sort());
    const pushed = await done(k, repush.jobId ?? '');
    expect(pushed.mode).toBe('increment');
    expect(pushed.channels.map((c) => c.channelId).sort()).toEqual([...repush.channelIds].sort());

    // Ground truth: the cloud got one increment task per channel, holding this person; the browser now says
    // what the cloud's record says.
    const newTasks = sim.tasks().slice(0, sim.tasks().length - before);
    expect(newTasks.map((t) => t.authIssueType)).toEqual(repush.channelIds.map(() => 2));
    const record = newTasks
      .find((t) => t.channelId === labId)
      ?.records.find((r) => r.personId === failedFace?.personId);
    expect(record).toBeDefined();
    const after = await k.call('permissions:person', { accessAuthId: failedFace?.accessAuthId ?? '' });
    const labNow = after.permissions.find((p) => p.channelId === labId);
    if (record?.issueStatus === 'succeeded') expect(labNow?.face.state).toBe('sent');
    else expect(labNow?.face.state).toBe('to-be-sent');
  });

  it('pushes nothing for a person whose every permission was sent, and names an unknown permission', async () => {
    const { sim, k } = await setUp();
    const channelIds = sim.channels().map((c) => c.accessControlChannelId);
    await done(k, (await k.call('permissions:push', { channelIds, mode: 'full', certificate: 'card+face' })).jobId);
    const all = await browseAll(k, {});
    const unsentPeople = new Set(
      all.filter((r) => r.card.state !== 'sent' || r.face.state !== 'sent').map((r) => r.personId),
    );
    const sentRow = all.find((r) => !unsentPeople.has(r.personId));
    expect(sentRow).toBeDefined();
    const issuesBefore = sim.log.matching('/access-auth-issue/actions/').length;
    const repush = await k.call('permissions:repush-person', { accessAuthId: sentRow?.accessAuthId ?? '' });
    expect(repush).toEqual({ jobId: null, personId: sentRow?.personId, channelIds: [] });
    expect(sim.log.matching('/access-auth-issue/actions/')).toHaveLength(issuesBefore);

    const refusal = await k.refusal('permissions:person', { accessAuthId: '12345' });
    expect(refusal.details).toMatchObject({ source: 'tuya' });
  });
});
