import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { API, startFixture, type Fixture } from './fixture.ts';
import { PERMANENT_END_TIME } from './model.ts';

const CHANNELS = `${API}/access-control-channels`;
const AUTH = `${API}/access-auth`;
const DAY = 24 * 3600 * 1000;

interface Page<T> {
  total: number;
  list: T[];
  has_more: boolean;
}

type Row = Record<string, unknown>;

describe('Tuya channels and permission query', () => {
  let fx: Fixture;
  const people = generatePeople('tuya-auth', 30);
  beforeAll(async () => {
    fx = await startFixture({
      people,
      channels: [
        { name: 'Main Entrance', deviceName: 'Lobby terminal' },
        { name: 'Car Park Gate', deviceName: 'Gate terminal', online: false },
        { name: 'Lab Door', deviceName: 'Lab terminal' },
      ],
    });
  });
  afterAll(() => fx.sim.close());

  async function allPermissions(filter: Row = {}): Promise<Row[]> {
    const rows: Row[] = [];
    for (let page = 1; ; page++) {
      const answer = await fx.client.post<Page<Row>>(AUTH, {
        projectId: fx.sim.projectId,
        page,
        pageSize: 7,
        ...filter,
      });
      if (!answer.success || !answer.result) throw new Error(JSON.stringify(answer));
      rows.push(...answer.result.list);
      if (!answer.result.has_more) {
        expect(rows).toHaveLength(answer.result.total);
        return rows;
      }
    }
  }

  it('lists channels with paging, snake_case keys and filters', async () => {
    const first = await fx.client.get<Page<Row>>(CHANNELS, { projectId: fx.sim.projectId, page: 1, pageSize: 2 });
    expect(first.result).toMatchObject({ total: 3, has_more: true });
    expect(first.result?.list).toHaveLength(2);
    expect(first.result?.list[0]).toMatchObject({
      project_id: fx.sim.projectId,
      access_control_channel_name: 'Main Entrance',
      access_control_name: 'Lobby terminal',
      access_control_channel_no: 1,
      device_status: 1,
    });
    expect(first.result?.list[0]?.access_control_channel_id).toMatch(/^\d{19}$/);
    const second = await fx.client.get<Page<Row>>(CHANNELS, { page: 2, pageSize: 2 });
    expect(second.result).toMatchObject({ total: 3, has_more: false });
    expect(second.result?.list.map((c) => c.access_control_channel_name)).toEqual(['Lab Door']);
    const offline = await fx.client.get<Page<Row>>(CHANNELS, { deviceStatus: 0 });
    expect(offline.result?.list.map((c) => c.access_control_channel_name)).toEqual(['Car Park Gate']);
    const fuzzy = await fx.client.get<Page<Row>>(CHANNELS, { accessControlChannelName: 'gate' });
    expect(fuzzy.result?.total).toBe(1);
    expect((await fx.client.get(CHANNELS, { deviceStatus: 2 })).code).toBe(1101);
  });

  it('pages through every permission once, with the documented fields', async () => {
    const rows = await allPermissions();
    expect(new Set(rows.map((r) => r.access_auth_id)).size).toBe(rows.length);
    // Every person has the first channel, so at least one row each.
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(people.length);
    const row = rows[0] as Row;
    for (const key of [
      'access_auth_id',
      'person_id',
      'name',
      'sex',
      'mobile_country',
      'mobile',
      'person_code',
      'structure_ids',
      'access_auth_time_range_id',
      'access_auth_time_range_str',
      'business_device_name',
      'access_control_channel_id',
      'auth_start_time',
      'auth_end_time',
      'access_control_channel_name',
      'access_control_channel_no',
      'access_channel_room_id',
      'access_channel_position_path',
      'total_card_num',
      'auth_card_num',
      'total_face_num',
      'auth_face_num',
      'total_fingerprint_num',
      'auth_fingerprint_num',
      'face_issue_status',
      'card_issue_status',
      'fingerprint_issue_status',
    ]) {
      expect(row, key).toHaveProperty(key);
    }
    expect(row.mobile).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(typeof row.sex).toBe('string');
    expect(people.map((p) => p.identityId)).toContain(row.person_code);
  });

  it('filters by channel, person code, name, issue status, sex and validity', async () => {
    const all = await allPermissions();
    const now = fx.clock.now();
    const lab = fx.sim.channels()[2]?.accessControlChannelId;
    const onLab = await allPermissions({ channelIds: [lab] });
    expect(onLab.length).toBe(all.filter((r) => r.access_control_channel_id === lab).length);
    expect(onLab.length).toBeGreaterThan(0);

    const code = people[3]?.identityId;
    const byCode = await allPermissions({ personCode: code });
    expect(byCode.length).toBeGreaterThan(0);
    expect(byCode.every((r) => r.person_code === code)).toBe(true);

    const name = people[5]?.name ?? '';
    const byName = await allPermissions({ name: name.slice(0, 2) });
    expect(byName.some((r) => r.name === name)).toBe(true);
    expect(byName.every((r) => String(r.name).toLowerCase().includes(name.slice(0, 2).toLowerCase()))).toBe(true);

    const unsent = await allPermissions({ cardIssueStatus: 0 });
    expect(unsent.length).toBe(all.filter((r) => r.card_issue_status === 0).length);
    const women = await allPermissions({ sex: 2 });
    expect(women.length).toBe(all.filter((r) => r.sex === '2').length);

    const permanent = await allPermissions({ authDateType: 0 });
    expect(permanent.length).toBeGreaterThan(0);
    expect(permanent.every((r) => r.auth_end_time === PERMANENT_END_TIME)).toBe(true);
    const expired = await allPermissions({ authDateType: -1 });
    expect(expired.every((r) => (r.auth_end_time as number) < now)).toBe(true);
    const week = await allPermissions({ authDateType: 7 });
    const month = await allPermissions({ authDateType: 30 });
    expect(week.every((r) => (r.auth_end_time as number) < now + 7 * DAY)).toBe(true);
    expect(month.length).toBeGreaterThanOrEqual(week.length);
    expect(permanent.length + expired.length + month.length).toBeLessThanOrEqual(all.length);
    expect(expired.length + month.length).toBeGreaterThan(0);
  });

  it('answers the detail of one permission and 1000 for an unknown one', async () => {
    const [row] = await allPermissions({ pageSize: 1 });
    const detail = await fx.client.get<Row>(`${AUTH}/detail`, {
      projectId: fx.sim.projectId,
      accessAuthId: String(row?.access_auth_id),
    });
    expect(detail.result).toMatchObject({
      person_id: row?.person_id,
      name: row?.name,
      access_control_channel_name: row?.access_control_channel_name,
      auth_end_time: row?.auth_end_time,
    });
    expect(detail.result?.sex_str).toMatch(/^(Male|Female)$/);
    const unknown = await fx.client.get(`${AUTH}/detail`, { projectId: fx.sim.projectId, accessAuthId: '1' });
    expect(unknown).toMatchObject({ success: false, code: 1000, msg: 'data not exist' });
  });
});

describe('Tuya key case option', () => {
  it('answers camelCase keys when asked to', async () => {
    const fx = await startFixture({ keyCase: 'camel', channels: 1 });
    try {
      const answer = await fx.client.get<{ list: Row[]; hasMore: boolean }>(CHANNELS);
      expect(answer.result?.hasMore).toBe(false);
      expect(answer.result?.list[0]).toHaveProperty('accessControlChannelId');
      expect(fx.client.token).toHaveProperty('access_token');
    } finally {
      await fx.sim.close();
    }
  });
});
