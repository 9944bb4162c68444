import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { API, startFixture, type Fixture } from './fixture.ts';

const AUTH = `${API}/access-auth`;

type Row = Record<string, unknown>;
interface Page {
  total: number;
  list: Row[];
  has_more?: boolean;
}

const fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.sim.close()));
});

async function start(options: Parameters<typeof startFixture>[0]): Promise<Fixture> {
  const fx = await startFixture(options);
  fixtures.push(fx);
  return fx;
}

describe('Tuya permission query variants the document leaves open', () => {
  it('pageCap: pages hold fewer rows than asked without saying so; total still counts every match', async () => {
    const people = generatePeople('auth-cap', 60);
    const plain = await start({ people, seed: 'cap' });
    const capped = await start({ people, seed: 'cap', knobs: { pageCap: 25 } });
    const ask = async (fx: Fixture, page: number, pageSize: number) =>
      (await fx.client.post<Page>(AUTH, { projectId: fx.sim.projectId, page, pageSize })).result as Page;
    const whole = await ask(plain, 1, 100);
    const first = await ask(capped, 1, 100);
    expect(first.total).toBe(whole.total);
    expect(whole.total).toBeGreaterThan(50);
    expect(first.list).toHaveLength(25);
    expect(first.has_more).toBe(true);
    // Pages count in the capped size: page 2 holds rows 25..49.
    const second = await ask(capped, 2, 100);
    expect(second.list.map((r) => r.access_auth_id)).toEqual(whole.list.slice(25, 50).map((r) => r.access_auth_id));
    // A page size under the cap is answered whole.
    expect((await ask(capped, 1, 10)).list).toHaveLength(10);
  });

  it('no-has-more: answers total and list only, like the vendor’s captured answer', async () => {
    const fx = await start({ knobs: { variants: ['no-has-more'] } });
    const answer = await fx.client.post<Page>(AUTH, { projectId: fx.sim.projectId, page: 1, pageSize: 5 });
    expect(answer.result?.list).toHaveLength(5);
    expect(answer.result?.total).toBeGreaterThan(5);
    expect(answer.result).not.toHaveProperty('has_more');
  });

  it('a face that failed to reach a device stays "to be sent" in the query until a later issue sends it', async () => {
    const fx = await start({
      people: generatePeople('auth-face', 30),
      channels: [{ name: 'Main Entrance' }],
      recordFailureRate: 0.5,
      taskStepMs: 10,
      recordsPerStep: 50,
    });
    const projectId = fx.sim.projectId;
    const channelId = fx.sim.channels()[0]?.accessControlChannelId ?? '';
    const issue = { projectId, channelIds: [channelId], authIssueCertificate: 2 };
    expect((await fx.client.post(`${API}/access-auth-issue/actions/full`, issue)).success).toBe(true);
    fx.clock.advance(1000);
    const [task] = fx.sim.tasks();
    const faceFailed = new Set(
      (task?.records ?? []).filter((r) => r.issueStatus === 'failed').map((r) => r.personCode),
    );
    const pending = await fx.client.post<Page>(AUTH, { projectId, faceIssueStatus: 0, pageSize: 100 });
    const sent = await fx.client.post<Page>(AUTH, { projectId, faceIssueStatus: 1, pageSize: 100 });
    const pendingCodes = new Set(pending.result?.list.map((r) => String(r.person_code)));
    expect(pendingCodes.size).toBeGreaterThan(0);
    // Everyone still "to be sent" has a failed record or no face at all; nobody sent is among the person failures.
    for (const row of pending.result?.list ?? []) {
      expect(faceFailed.has(String(row.person_code)) || row.total_face_num === 0).toBe(true);
    }
    expect((pending.result?.total ?? 0) + (sent.result?.total ?? 0)).toBe(30);

    // An increment of the channel sends what waits there: the records are exactly the pending people.
    expect((await fx.client.post(`${API}/access-auth-issue/actions/increment`, issue)).success).toBe(true);
    const [increment] = fx.sim.tasks();
    expect(increment?.authIssueType).toBe(2);
    const all = (await fx.client.post<Page>(AUTH, { projectId, pageSize: 100 })).result?.list ?? [];
    const waiting = all.filter(
      (r) =>
        Number(r.auth_end_time) >= fx.clock.now() &&
        (r.card_issue_status === 0 || (r.face_issue_status === 0 && Number(r.total_face_num) > 0)),
    );
    expect(waiting.length).toBeGreaterThan(0);
    expect(new Set(increment?.records.map((r) => r.personCode))).toEqual(
      new Set(waiting.map((r) => String(r.person_code))),
    );
  });
});
