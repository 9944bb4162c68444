import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { API, startFixture, type Fixture } from './fixture.ts';
import type { TuyaCloudOptions } from './index.ts';
import { RECORD_ISSUE_STATUS, TASK_VALUE_MAPPING } from './task-values.ts';

const FULL = `${API}/access-auth-issue/actions/full`;
const INCREMENT = `${API}/access-auth-issue/actions/increment`;
const TASKS = `${API}/access-auth-task`;
const RECORDS = `${API}/access-auth-task/records`;
const ISSUE_INFO = `${API}/access-auth-task/actions/issue-info`;
const STEP = 1000;
const PROGRESS = TASK_VALUE_MAPPING.authTaskProgress.values;
const STATUS = TASK_VALUE_MAPPING.authTaskStatus.values;

type Row = Record<string, unknown>;
interface Page {
  total: number;
  list: Row[];
  has_more: boolean;
}

const OPTIONS: Partial<TuyaCloudOptions> = {
  seed: 'tasks',
  people: generatePeople('tuya-tasks', 30),
  channels: [{ name: 'Main Entrance' }, { name: 'Car Park Gate', online: false }, { name: 'Lab Door' }],
  taskStepMs: STEP,
  recordsPerStep: 5,
  recordFailureRate: 0.3,
};

describe('Tuya permission issuing tasks', () => {
  let fx: Fixture;
  afterEach(() => fx.sim.close());

  const projectId = (): string => fx.sim.projectId;
  const channelId = (i: number): string => fx.sim.channels()[i]?.accessControlChannelId ?? '';

  async function issue(path: string, channels: number[], authIssueCertificate: number): Promise<string[]> {
    const answer = await fx.client.post<string>(path, {
      projectId: projectId(),
      authIssueCertificate,
      channelIds: channels.map(channelId),
    });
    if (!answer.success || typeof answer.result !== 'string') throw new Error(JSON.stringify(answer));
    return answer.result.split(',');
  }

  async function tasks(filter: Row = {}): Promise<Page> {
    const answer = await fx.client.post<Page>(TASKS, { projectId: projectId(), ...filter });
    if (!answer.result) throw new Error(JSON.stringify(answer));
    return answer.result;
  }

  async function task(id: string): Promise<Row> {
    const found = (await tasks()).list.find((t) => t.auth_task_id === id);
    if (!found) throw new Error(`task ${id} not listed`);
    return found;
  }

  async function records(authTaskId: string, filter: Row = {}): Promise<Row> {
    const answer = await fx.client.post<Row>(RECORDS, { projectId: projectId(), authTaskId, pageSize: 100, ...filter });
    if (!answer.result) throw new Error(JSON.stringify(answer));
    return answer.result;
  }

  it('runs a full issue through initialized → to be started → executing → completed with some failed records', async () => {
    fx = await startFixture(OPTIONS);
    const t0 = fx.clock.now();
    const [mainTask, labTask] = await issue(FULL, [0, 2], 2);
    expect(mainTask).toMatch(/^\d{19}$/);
    const listed = await tasks();
    expect(listed.list.map((t) => t.auth_task_id)).toEqual([labTask, mainTask]);

    const n = fx.sim.tasks().find((t) => t.authTaskId === mainTask)?.authNum ?? 0;
    expect(n).toBe(30);
    expect(await task(mainTask ?? '')).toMatchObject({
      auth_num: 30,
      auth_issue_type: 1,
      success_num: 0,
      auth_task_progress: PROGRESS.initialized,
      auth_task_status: STATUS.toBeStarted,
      task_start_time: t0,
      access_control_channel_name: 'Main Entrance',
    });
    expect(await task(mainTask ?? '')).not.toHaveProperty('task_finish_time');
    fx.clock.advance(STEP);
    expect((await task(mainTask ?? '')).auth_task_progress).toBe(PROGRESS.toBeStarted);
    fx.clock.advance(STEP);
    expect((await task(mainTask ?? '')).auth_task_progress).toBe(PROGRESS.executing);
    fx.clock.advance(STEP);
    const firstBatch = await records(mainTask ?? '');
    const done = (firstBatch.record_list_v_o_list as Page).list.filter((r) => r.issue_status !== 0);
    expect(done).toHaveLength(5);

    fx.clock.advance(5 * STEP - 1);
    expect((await task(mainTask ?? '')).auth_task_progress).toBe(PROGRESS.executing);
    fx.clock.advance(1);
    const finished = await task(mainTask ?? '');
    expect(finished).toMatchObject({
      auth_task_progress: PROGRESS.completed,
      auth_task_status: STATUS.partiallySuccessful,
      task_finish_time: t0 + 8 * STEP,
    });
    const successNum = finished.success_num as number;
    expect(successNum).toBeGreaterThan(0);
    expect(successNum).toBeLessThan(30);

    const all = await records(mainTask ?? '');
    expect(all).toMatchObject({ total_num: 30, success_num: successNum });
    const failed = await records(mainTask ?? '', { issueStatus: RECORD_ISSUE_STATUS.failed });
    expect((failed.record_list_v_o_list as Page).total).toBe(30 - successNum);
    const paged = await records(mainTask ?? '', { page: 3, pageSize: 12 });
    expect(paged.record_list_v_o_list).toMatchObject({ total: 30, has_more: false });
    expect((paged.record_list_v_o_list as Page).list).toHaveLength(6);
    const record = (all.record_list_v_o_list as Page).list[0] as Row;
    expect(record).toMatchObject({ project_id: projectId(), access_auth_time_range_id: '1' });
    expect(record.auth_issue_time).toBe(t0 + 3 * STEP);
  });

  it('answers issue-info per credential and marks succeeded permissions as sent', async () => {
    fx = await startFixture(OPTIONS);
    const [id] = await issue(FULL, [0], 2);
    fx.clock.advance(20 * STEP);
    const snapshot = fx.sim.tasks()[0];
    const ok = snapshot?.records.find((r) => r.issueStatus === 'succeeded' && !r.deletion);
    const bad = snapshot?.records.find((r) => r.issueStatus === 'failed' && !r.deletion);
    if (!ok || !bad) throw new Error('expected both outcomes');

    const info = await fx.client.get<Row>(ISSUE_INFO, {
      projectId: projectId(),
      authTaskRecordId: ok.authTaskRecordId,
    });
    const zero = { success_issue_num: 0, fail_issue_num: 0, success_issue_del_num: 0, fail_issue_del_num: 0 };
    expect(info.result).toMatchObject({
      project_id: projectId(),
      auth_task_record_id: ok.authTaskRecordId,
      person_issue_result: { ...zero, success_issue_num: 1 },
      card_issue_result: { ...zero, success_issue_num: 1 },
      card_pwd_issue_result: zero,
      fingerprint_issue_result: zero,
    });
    const face = (info.result?.face_issue_result as Row).success_issue_num as number;
    expect(face).toBeGreaterThanOrEqual(1);
    const badInfo = await fx.client.get<Row>(ISSUE_INFO, {
      projectId: projectId(),
      authTaskRecordId: bad.authTaskRecordId,
    });
    const fails = Object.values(badInfo.result ?? {})
      .filter((v): v is Row => typeof v === 'object' && v !== null)
      .reduce((sum, counts) => sum + (counts.fail_issue_num as number), 0);
    expect(fails).toBeGreaterThan(0);

    const perms = await fx.client.post<Page>(`${API}/access-auth`, {
      projectId: projectId(),
      personCode: ok.personCode,
      channelIds: [channelId(0)],
    });
    expect(perms.result?.list[0]).toMatchObject({ card_issue_status: 1, face_issue_status: 1 });
    expect(id).toBe(snapshot?.authTaskId);
  });

  it('sends only pending permissions in an increment, and an empty increment completes at once', async () => {
    fx = await startFixture({ ...OPTIONS, recordFailureRate: 0 });
    const [full] = await issue(FULL, [0], 1);
    fx.clock.advance(20 * STEP);
    expect(await task(full ?? '')).toMatchObject({ auth_task_status: STATUS.allSuccessful, success_num: 30 });
    // Card-only issue left the faces unsent: a card+face increment picks up every unexpired permission.
    const pending = await fx.client.post<Page>(`${API}/access-auth`, {
      projectId: projectId(),
      channelIds: [channelId(0)],
      faceIssueStatus: 0,
      pageSize: 100,
    });
    const now = fx.clock.now();
    const unexpired = (pending.result?.list ?? []).filter((r) => (r.auth_end_time as number) >= now).length;
    const [faces] = await issue(INCREMENT, [0], 2);
    expect(await task(faces ?? '')).toMatchObject({ auth_num: unexpired, auth_issue_type: 2 });
    fx.clock.advance(20 * STEP);
    const [empty] = await issue(INCREMENT, [0], 2);
    expect(await task(empty ?? '')).toMatchObject({ auth_num: 0, auth_task_progress: PROGRESS.initialized });
    fx.clock.advance(2 * STEP);
    expect(await task(empty ?? '')).toMatchObject({
      auth_task_progress: PROGRESS.completed,
      auth_task_status: STATUS.allSuccessful,
    });
    const none = await tasks({ authNumType: 0 });
    expect(none.list.map((t) => t.auth_task_id)).toEqual([empty]);
    expect((await tasks({ authNumType: 1 })).total).toBe(2);
    expect((await tasks({ authNumType: -1 })).total).toBe(3);
  });

  it('filters the task list with the chosen value tables and paging', async () => {
    fx = await startFixture(OPTIONS);
    const t0 = fx.clock.now();
    const [offline] = await issue(FULL, [1], 3);
    fx.clock.advance(20 * STEP);
    const [running] = await issue(INCREMENT, [0], 4);
    fx.clock.advance(2 * STEP);
    expect(await task(offline ?? '')).toMatchObject({ auth_task_status: STATUS.allFailed, success_num: 0 });

    const ids = async (filter: Row): Promise<unknown[]> => (await tasks(filter)).list.map((t) => t.auth_task_id);
    expect(await ids({ authTaskProgress: PROGRESS.completed })).toEqual([offline]);
    expect(await ids({ authTaskProgress: PROGRESS.executing })).toEqual([running]);
    expect(await ids({ authTaskProgress: 1 })).toEqual([]); // 1 is "to be started", not "completed"
    expect(await ids({ authTaskStatus: STATUS.allFailed })).toEqual([offline]);
    expect(await ids({ authTaskStatus: STATUS.toBeStarted })).toEqual([running]);
    expect(await ids({ issueType: 1 })).toEqual([running]);
    expect(await ids({ issueType: 2 })).toEqual([offline]);
    expect(await ids({ authIssueType: 2 })).toEqual([running]);
    expect(await ids({ authIssueCertificate: 3 })).toEqual([offline]);
    expect(await ids({ taskStartStartTime: t0 + 1 })).toEqual([running]);
    expect(await ids({ taskFinishEndTime: t0 + 100 * STEP })).toEqual([offline]);
    expect(await ids({ accessControlChannelName: 'car park' })).toEqual([offline]);
    expect(await tasks({ pageSize: 1 })).toMatchObject({ total: 2, has_more: true });
    expect(await fx.client.post(TASKS, { projectId: projectId(), authTaskProgress: 5 })).toMatchObject({ code: 1101 });
    expect(await fx.client.post(TASKS, { projectId: projectId(), authTaskStatus: 7 })).toMatchObject({ code: 1101 });
  });

  it('answers the task detail with exactly the documented fields', async () => {
    fx = await startFixture(OPTIONS);
    const t0 = fx.clock.now();
    const [id] = await issue(FULL, [2], 4);
    const running = await fx.client.get<Row>(`${TASKS}/${id}`, { projectId: projectId() });
    expect(running.result).not.toHaveProperty('task_finish_time');
    fx.clock.advance(20 * STEP);
    const detail = await fx.client.get<Row>(`${TASKS}/${id}`, { projectId: projectId() });
    expect(Object.keys(detail.result ?? {}).sort()).toEqual([
      'access_channel_position_path',
      'access_control_channel_name',
      'access_control_channel_no',
      'auth_issue_certificate',
      'auth_issue_certificate_str',
      'business_device_name',
      'task_finish_time',
      'task_start_time',
    ]);
    expect(detail.result).toMatchObject({
      task_start_time: t0,
      auth_issue_certificate: 4,
      auth_issue_certificate_str: 'Card + password + face recognition',
      access_control_channel_name: 'Lab Door',
    });
  });

  it('terminates a running task: finished records keep their outcome, the rest are terminated', async () => {
    fx = await startFixture(OPTIONS);
    const [id] = await issue(FULL, [0], 1);
    fx.clock.advance(4 * STEP);
    expect(fx.sim.terminateTask(id ?? '')).toBe(true);
    fx.clock.advance(20 * STEP);
    expect(await task(id ?? '')).toMatchObject({
      auth_task_progress: PROGRESS.terminated,
      auth_task_status: STATUS.terminated,
      task_finish_time: fx.clock.now() - 20 * STEP,
    });
    const counts = fx.sim.tasks()[0]?.records.reduce<Record<string, number>>((acc, r) => {
      acc[r.issueStatus] = (acc[r.issueStatus] ?? 0) + 1;
      return acc;
    }, {});
    expect(counts?.terminated).toBe(20);
    expect((counts?.succeeded ?? 0) + (counts?.failed ?? 0)).toBe(10);
    expect(fx.sim.terminateTask(id ?? '')).toBe(false);
  });

  it('draws the same failures for the same seed and calls', async () => {
    const failedOf = async (): Promise<string[]> => {
      fx = await startFixture(OPTIONS);
      await issue(FULL, [0, 2], 2);
      fx.clock.advance(20 * STEP);
      const result = fx.sim
        .tasks()
        .flatMap((t) =>
          t.records.filter((r) => r.issueStatus === 'failed').map((r) => `${t.authTaskId}:${r.personId}`),
        );
      await fx.sim.close();
      return result;
    };
    const first = await failedOf();
    const second = await failedOf();
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
    fx = await startFixture(OPTIONS); // for afterEach
  });
});
