import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../../../tools/sim/common/people.ts';
import {
  getIssueInfo,
  getTask,
  issuePermissions,
  listAllChannels,
  listChannels,
  listTaskRecords,
  listTasks,
  parseIssuedTaskIds,
  queryAccessAuth,
  queryAllAccessAuth,
} from './api.ts';
import { startCloud, type CloudFixture } from '../../../../test/support/cloud/tuya-fixtures.ts';

const fixtures: CloudFixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.sim.close()));
});
async function cloud(options: Parameters<typeof startCloud>[0] = {}): Promise<CloudFixture> {
  const fx = await startCloud(options);
  fixtures.push(fx);
  return fx;
}

describe('channels', () => {
  it('lists every channel of the project with typed fields, and filters by name', async () => {
    const fx = await cloud({ channels: [{ name: 'Main Entrance' }, { name: '正门', online: false }, { name: 'Lab' }] });
    const client = fx.client();
    const all = await listAllChannels(client, { projectId: fx.sim.projectId });
    expect(all.map((c) => c.accessControlChannelId)).toEqual(fx.sim.channels().map((c) => c.accessControlChannelId));
    expect(all[1]).toMatchObject({ accessControlChannelName: '正门', deviceStatus: 0, accessControlChannelNo: '1' });
    expect(all[0]?.accessControlName).toBe('Face terminal 1');
    const named = await listChannels(client, { accessControlChannelName: '正门' });
    expect(named.items.map((c) => c.accessControlChannelName)).toEqual(['正门']);
    expect(named).toMatchObject({ total: 1, hasMore: false });
  });

  it('reads snake_case and camelCase answers to the same values', async () => {
    const snake = await cloud({ seed: 'same' });
    const camel = await cloud({ seed: 'same', keyCase: 'camel' });
    const fromSnake = await queryAllAccessAuth(snake.client(), { projectId: snake.sim.projectId });
    const fromCamel = await queryAllAccessAuth(camel.client(), { projectId: camel.sim.projectId });
    expect(fromSnake.length).toBeGreaterThan(40);
    expect(fromCamel).toEqual(fromSnake);
    expect(await listAllChannels(camel.client())).toEqual(await listAllChannels(snake.client()));
  });
});

describe('permission query', () => {
  it('paging covers every permission exactly once', async () => {
    const fx = await cloud({ people: generatePeople('paging', 130) });
    const client = fx.client();
    const projectId = fx.sim.projectId;
    const seen: string[] = [];
    let total: number | null = null;
    for (let page = 1; page < 100; page++) {
      const answer = await queryAccessAuth(client, { projectId, page, pageSize: 37 });
      seen.push(...answer.items.map((a) => a.accessAuthId));
      total = answer.total;
      if (answer.hasMore === false) break;
    }
    expect(total).toBeGreaterThan(200);
    expect(seen).toHaveLength(total ?? 0);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await queryAllAccessAuth(client, { projectId });
    expect(all.map((a) => a.accessAuthId).sort()).toEqual([...seen].sort());
    const pages = fx.sim.log.matching('/access-auth').filter((e) => (e.body as { pageSize?: number }).pageSize === 100);
    expect(pages.map((e) => (e.body as { page: number }).page)).toEqual([1, 2, 3]);
  });

  it('applies the documented filters and parses the permission fields', async () => {
    const fx = await cloud();
    const client = fx.client();
    const projectId = fx.sim.projectId;
    const channelId = fx.sim.channels()[1]?.accessControlChannelId ?? '';
    const pending = await queryAllAccessAuth(client, { projectId, channelIds: [channelId], cardIssueStatus: 0 });
    expect(pending.length).toBeGreaterThan(0);
    for (const auth of pending) {
      expect(auth.accessControlChannelId).toBe(channelId);
      expect(auth.cardIssueStatus).toBe(0);
      expect(auth.structureIds).toHaveLength(1);
      expect(typeof auth.authEndTime).toBe('number');
      expect(auth.accessAuthTimeRangeStr).toBe('All the day');
    }
    await expect(queryAccessAuth(client, { projectId: 'someone-else' })).rejects.toMatchObject({ tuyaCode: 1106 });
  });
});

describe('issuing and tasks', () => {
  it('full issue starts one task per channel; list, detail, records and issue-info read back', async () => {
    const fx = await cloud({ taskStepMs: 1000, recordFailureRate: 0.3 });
    const client = fx.client();
    const projectId = fx.sim.projectId;
    const channelIds = fx.sim.channels().map((c) => c.accessControlChannelId);
    const { taskIds } = await issuePermissions(client, {
      projectId,
      mode: 'full',
      channelIds: [...channelIds, channelIds[0] ?? ''],
      certificate: 'card+password+face',
    });
    expect(taskIds).toHaveLength(3);
    expect(fx.sim.log.matching('/actions/full')[0]?.body).toEqual({
      projectId,
      authIssueCertificate: 4,
      channelIds,
    });
    const detail = await getTask(client, projectId, taskIds[0] ?? '');
    expect(detail).toMatchObject({ certificate: 'card+password+face', authIssueCertificate: 4, taskFinishTime: null });
    // Filters use the response numbering too: 0 = initialized (by the request table 0 is also initialized,
    // but 3 would be "being executed" there; here 3 is terminated and matches nothing yet).
    const pendingList = await listTasks(client, { projectId, authTaskProgress: 0 });
    expect((await listTasks(client, { projectId, authTaskProgress: 3 })).items).toEqual([]);
    expect(pendingList.items.map((t) => t.authTaskId).sort()).toEqual([...taskIds].sort());
    expect(pendingList.items[0]).toMatchObject({ authIssueType: 1, state: 'pending', successNum: 0 });

    fx.clock.advance(60_000);
    const done = await listTasks(client, { projectId });
    expect(
      done.items.every((t) => t.state === 'partly-failed' || t.state === 'succeeded' || t.state === 'failed'),
    ).toBe(true);
    const records = await listTaskRecords(client, { projectId, authTaskId: taskIds[0] ?? '', state: 'failed' });
    expect(records.totalNum).toBe(fx.sim.tasks().find((t) => t.authTaskId === taskIds[0])?.authNum);
    expect(records.page.items.every((r) => r.state === 'failed')).toBe(true);
    const first = records.page.items[0];
    expect(first).toBeDefined();
    {
      if (!first) return;
      const info = await getIssueInfo(client, projectId, first.authTaskRecordId);
      expect(info.authTaskRecordId).toBe(first.authTaskRecordId);
      const failures = [info.person, info.card, info.cardPassword, info.face].map((c) => c.failed + c.deleteFailed);
      expect(failures.some((n) => n > 0)).toBe(true);
      expect(info.fingerprint).toEqual({ issued: 0, failed: 0, deleted: 0, deleteFailed: 0 });
    }
  });

  it('refuses an issue without channels before calling the cloud', async () => {
    const fx = await cloud();
    await expect(
      issuePermissions(fx.client(), {
        projectId: fx.sim.projectId,
        mode: 'increment',
        channelIds: [],
        certificate: 'card',
      }),
    ).rejects.toMatchObject({ kind: 'invalid', code: 'VALIDATION' });
    expect(fx.sim.log.all()).toEqual([]);
  });

  it('reads the issue result in every plausible shape', () => {
    expect(parseIssuedTaskIds('1501,1502')).toEqual(['1501', '1502']);
    expect(parseIssuedTaskIds(' 1501 , ')).toEqual(['1501']);
    expect(parseIssuedTaskIds(['1501', 1502])).toEqual(['1501', '1502']);
    expect(parseIssuedTaskIds({ authTaskIds: ['9'] })).toEqual(['9']);
    expect(parseIssuedTaskIds({ taskId: 7 })).toEqual(['7']);
    expect(parseIssuedTaskIds({})).toEqual([]);
    expect(parseIssuedTaskIds(null)).toEqual([]);
  });
});
