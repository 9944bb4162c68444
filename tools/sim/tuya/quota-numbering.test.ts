import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { API, startFixture, type Fixture } from './fixture.ts';
import { canonicalUrl } from './signature.ts';

const CHANNELS = `${API}/access-control-channels`;
const TASKS = `${API}/access-auth-task`;
const RECORDS = `${API}/access-auth-task/records`;
const STEP = 1000;

type Row = Record<string, unknown>;
let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.sim.close();
  fx = undefined;
});

describe('the quota', () => {
  it('admits N requests per sliding second, answers the rest 1199 and counts every throttling answer', async () => {
    fx = await startFixture({ throttle: { maxRequestsPerSecond: 10 } });
    const answers = await Promise.all(Array.from({ length: 15 }, () => fx!.client.get(CHANNELS)));
    // The token grant took one of the second's 10 slots.
    expect(answers.filter((a) => a.success)).toHaveLength(9);
    expect(answers.filter((a) => !a.success).map((a) => a.code)).toEqual(Array(6).fill(1199));
    expect(fx.sim.throttledCount()).toBe(6);
    fx.clock.advance(1000);
    expect((await fx.client.get(CHANNELS)).success).toBe(true);
    expect(fx.sim.throttledCount()).toBe(6);
  });
});

describe('signature over the decoded query', () => {
  it('the url is read decoded by default: sorted pairs with spaces and Chinese characters as text', () => {
    expect(canonicalUrl('/p?name=%E6%AD%A3%E9%97%A8%201&a=x%2By')).toBe('/p?a=x+y&name=正门 1');
    expect(canonicalUrl('/p?name=%E6%AD%A3%E9%97%A8', 'raw')).toBe('/p?name=%E6%AD%A3%E9%97%A8');
    expect(canonicalUrl('/p?bad=%E6%AD')).toBe('/p?bad=%E6%AD');
  });

  it('accepts a value signed decoded (Node connector) and refuses the percent-encoded signature with 1004', async () => {
    fx = await startFixture();
    const path = `${CHANNELS}?accessControlChannelName=${encodeURIComponent('正门 东')}`;
    const decoded = await fx.client.call({ method: 'GET', path });
    expect(decoded.body.success).toBe(true);
    const encoded = await fx.client.call({ method: 'GET', path, signUrl: path });
    expect(encoded.body).toMatchObject({ success: false, code: 1004 });
  });

  it('the `raw` knob: a cloud that checks the bytes as sent accepts only the encoded signature', async () => {
    fx = await startFixture({ signedQuery: 'raw' });
    const path = `${CHANNELS}?accessControlChannelName=${encodeURIComponent('正门 东')}`;
    expect((await fx.client.call({ method: 'GET', path, signUrl: path })).body.success).toBe(true);
    expect((await fx.client.call({ method: 'GET', path })).body).toMatchObject({ success: false, code: 1004 });
  });
});

describe('task progress numbering (a knob: the vendor tables disagree)', () => {
  async function issueAndList(numbering: 'response' | 'request', finishTimes = true) {
    fx = await startFixture({
      people: generatePeople('numbering', 10),
      channels: 1,
      taskStepMs: STEP,
      recordsPerStep: 5,
      taskNumbering: numbering,
      taskFinishTimes: finishTimes,
    });
    const projectId = fx.sim.projectId;
    const channelId = fx.sim.channels()[0]?.accessControlChannelId ?? '';
    const issued = await fx.client.post<string>(`${API}/access-auth-issue/actions/full`, {
      projectId,
      authIssueCertificate: 1,
      channelIds: [channelId],
    });
    const taskId = String(issued.result);
    const line = async (filter: Row = {}): Promise<Row | undefined> => {
      const answer = await fx!.client.post<{ list: Row[] }>(TASKS, { projectId, ...filter });
      return answer.result?.list.find((t) => t.auth_task_id === taskId);
    };
    return { line, taskId, projectId };
  }

  it('response tables (default): executing 2, completed 4, status 2/1/3; filters in the same numbers', async () => {
    const { line } = await issueAndList('response');
    fx!.clock.advance(3 * STEP);
    expect(await line()).toMatchObject({ auth_task_progress: 2 });
    fx!.clock.advance(10 * STEP);
    const done = await line();
    expect(done).toMatchObject({ auth_task_progress: 4 });
    expect([1, 2, 3]).toContain(done?.auth_task_status);
    expect(done?.task_finish_time).toBeDefined();
    expect(await line({ authTaskProgress: 4 })).toBeDefined();
    expect(await line({ authTaskProgress: 1 })).toBeUndefined();
  });

  it('request tables: executing 3, completed 1 (the response reading would call them terminated and to be started)', async () => {
    const { line } = await issueAndList('request');
    expect(await line()).toMatchObject({ auth_task_progress: 0 });
    fx!.clock.advance(3 * STEP);
    expect(await line()).toMatchObject({ auth_task_progress: 3 });
    fx!.clock.advance(10 * STEP);
    expect(await line()).toMatchObject({ auth_task_progress: 1 });
    expect(await line({ authTaskProgress: 1 })).toBeDefined();
    const refused = await fx!.client.post(TASKS, { projectId: fx!.sim.projectId, authTaskProgress: 4 });
    expect(refused).toMatchObject({ success: false });
  });

  it('finish times can be left out (knob): the end then shows only in numbers and counts', async () => {
    const { line, taskId, projectId } = await issueAndList('response', false);
    fx!.clock.advance(20 * STEP);
    expect(await line()).not.toHaveProperty('task_finish_time');
    const detail = await fx!.client.get<Row>(`${TASKS}/${taskId}`, { projectId });
    expect(detail.result).not.toHaveProperty('task_finish_time');
    expect(fx!.sim.tasks()[0]?.taskFinishTime).toBeDefined();
  });

  it('the records call honours the pageCap knob silently: short pages, the total unchanged', async () => {
    const { taskId, projectId } = await issueAndList('response');
    fx!.clock.advance(20 * STEP);
    fx!.sim.knobs.set({ pageCap: 3 });
    const page2 = await fx!.client.post<Row>(RECORDS, { projectId, authTaskId: taskId, page: 2, pageSize: 5 });
    const list = page2.result?.record_list_v_o_list as { total: number; list: Row[] };
    expect(list.total).toBe(10);
    expect(list.list).toHaveLength(3);
    const all = fx!.sim.tasks()[0]?.records.map((r) => r.authTaskRecordId) ?? [];
    expect(list.list.map((r) => r.auth_task_record_id)).toEqual(all.slice(5, 8));
  });
});
