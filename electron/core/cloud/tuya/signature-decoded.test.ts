import { afterEach, describe, expect, it } from 'vitest';
import { listChannels } from './api.ts';
import { startCloud, type CloudFixture } from '../../../../test/support/cloud/tuya-fixtures.ts';

let fx: CloudFixture | undefined;
afterEach(async () => {
  await fx?.sim.close();
  fx = undefined;
});

/** Query values a technician meets: Chinese channel names, names with spaces, and signs that need encoding. */
const VALUES = ['正门', 'Main Gate', '东区 2号门', 'A&B=C+D', '50% off/on'];

describe('signature over the decoded query (as the vendor Node connector signs)', () => {
  it('query values with spaces or Chinese characters are accepted by a cloud that checks the decoded query', async () => {
    fx = await startCloud({ channels: [{ name: '东区 2号门' }, { name: 'Main Gate' }] });
    const client = fx.client();
    for (const value of VALUES) {
      const page = await listChannels(client, { accessControlChannelName: value });
      expect(page.total).toBe(value === '东区 2号门' || value === 'Main Gate' ? 1 : 0);
    }
    // Every call was answered (no 1004 sign invalid): the values reached the cloud intact.
    expect(fx.sim.log.matching('access-control-channels').map((e) => e.query.accessControlChannelName)).toEqual(VALUES);
  });

  it('a cloud that checked the percent-encoded bytes instead (the `raw` knob) refuses those values: 1004', async () => {
    fx = await startCloud({ signedQuery: 'raw' });
    const client = fx.client();
    // Plain ASCII values read the same both ways, so they pass.
    await expect(listChannels(client, { accessControlChannelName: 'Gate1' })).resolves.toHaveProperty('items');
    await expect(listChannels(client, { accessControlChannelName: '正门' })).rejects.toMatchObject({
      kind: 'auth',
      tuyaCode: 1004,
    });
  });
});
