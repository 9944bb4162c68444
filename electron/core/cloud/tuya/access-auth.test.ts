import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../../../tools/sim/common/people.ts';
import { getAccessAuthDetail, readAccessAuthWindow, readAllAccessAuth } from './access-auth.ts';
import { queryAccessAuth } from './api.ts';
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

describe('permission browser reads', () => {
  it('read every permission by the stated total when the cloud caps its pages silently', async () => {
    // The vendor's captured answer: `total` and `list`, no `has_more`; pages held to 30 rows without a word.
    const fx = await cloud({
      people: generatePeople('browse-cap', 90),
      knobs: { pageCap: 30, variants: ['no-has-more'] },
    });
    const client = fx.client();
    const projectId = fx.sim.projectId;
    const read = await readAllAccessAuth(client, { projectId });
    expect(read.total).toBeGreaterThan(100);
    expect(read.complete).toBe(true);
    expect(read.items).toHaveLength(read.total ?? -1);
    expect(new Set(read.items.map((a) => a.accessAuthId)).size).toBe(read.items.length);
    // The cloud really capped: a page of 100 asked, 30 answered, no has_more; only the total says more.
    const first = await queryAccessAuth(client, { projectId, page: 1, pageSize: 100 });
    expect(first).toMatchObject({ total: read.total, hasMore: null });
    expect(first.items).toHaveLength(30);

    // A window of 50 rows from row 50: rebuilt from capped pages, the same rows as the whole read.
    const window = await readAccessAuthWindow(client, { projectId }, 50, 50);
    expect(window.complete).toBe(true);
    expect(window.items.map((a) => a.accessAuthId)).toEqual(read.items.slice(50, 100).map((a) => a.accessAuthId));
  });

  it('filters by channel and face issue status, and reads one permission’s detail in both key spellings', async () => {
    for (const keyCase of ['snake', 'camel'] as const) {
      const fx = await cloud({ people: generatePeople('browse-detail', 40), keyCase });
      const client = fx.client();
      const projectId = fx.sim.projectId;
      const channelId = fx.sim.channels()[1]?.accessControlChannelId ?? '';
      const all = (await readAllAccessAuth(client, { projectId })).items;
      const pending = await readAllAccessAuth(client, { projectId, channelIds: [channelId], faceIssueStatus: 0 });
      expect(pending.complete).toBe(true);
      const expected = all.filter((a) => a.accessControlChannelId === channelId && a.faceIssueStatus === 0);
      expect(expected.length).toBeGreaterThan(0);
      expect(pending.items.map((a) => a.accessAuthId)).toEqual(expected.map((a) => a.accessAuthId));

      const first = expected[0];
      const detail = await getAccessAuthDetail(client, projectId, first?.accessAuthId ?? '');
      expect(detail).toMatchObject({
        personId: first?.personId,
        personCode: first?.personCode,
        accessControlChannelName: first?.accessControlChannelName,
        faceIssueStatus: 0,
      });
      expect(detail.structureNames).toHaveLength(1);
      await expect(getAccessAuthDetail(client, projectId, '1')).rejects.toMatchObject({ tuyaCode: 1000 });
    }
  });
});
