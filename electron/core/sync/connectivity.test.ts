import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../../../test/support/cloud/aliyun-harness.ts';
import { startCloud, type CloudFixture } from '../../../test/support/cloud/tuya-fixtures.ts';
import { waitUntil } from '../../../test/support/removal/test-kit.ts';
import { aliyunProbe, tuyaProbe } from '../cloud/cloud-probes.ts';
import { createConnectivityMonitor } from './connectivity.ts';

/** The connectivity monitor against the Tuya and Alibaba Cloud simulators on 127.0.0.1. */
describe('the connectivity monitor', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  function monitor(timing = { baseMs: 20, maxMs: 80, healthyMs: 60_000, timeoutMs: 5_000 }) {
    const reachable: string[] = [];
    /** The wait before the next probe, as scheduled after each probe of the first cloud. */
    const waits: number[] = [];
    const m = createConnectivityMonitor(
      {
        onReachable: (cloud) => reachable.push(cloud),
        onChange: () => {
          const state = m.clouds()[0];
          if (state?.lastProbeAt && state.nextProbeAt) waits.push(state.nextProbeAt - state.lastProbeAt);
        },
      },
      timing,
      Date.now,
      () => 0.999,
    );
    closers.push(() => m.stop());
    return { m, reachable, waits };
  }

  async function tuya(): Promise<CloudFixture> {
    const cloud = await startCloud();
    closers.push(() => cloud.sim.close());
    return cloud;
  }

  it('is unknown without clouds, reachable after a token fetch, and tells when a cloud comes back', async () => {
    const cloud = await tuya();
    const { m, reachable } = monitor();
    expect(m.overall()).toBe('unknown');
    m.register(tuyaProbe(cloud.client()));
    const [state] = await m.probeNow();
    expect(state).toMatchObject({ cloud: 'tuya', reachability: 'reachable', credentialsRejected: false, error: null });
    expect(m.overall()).toBe('reachable');
    expect(reachable).toEqual(['tuya']);
  });

  it('backs off while a cloud is unreachable, and starts its work by itself once it answers', async () => {
    const cloud = await tuya();
    await cloud.sim.setOnline(false);
    const { m, reachable, waits } = monitor();
    m.register(tuyaProbe(cloud.client()));
    m.start();
    await waitUntil(() => waits.length >= 4, 10_000, 'four failed probes');
    expect(m.clouds()[0]).toMatchObject({
      reachability: 'unreachable',
      error: expect.stringMatching(/cannot be reached/),
    });
    expect(m.overall()).toBe('unreachable');
    // Full jitter at its top (random 0.999): about 20, 40, 80, then capped at 80 ms.
    expect(waits.slice(0, 4)).toEqual([19, 39, 79, 79]);

    await cloud.sim.setOnline(true);
    await waitUntil(() => reachable.includes('tuya'), 5_000, 'the cloud to be seen again');
    expect(m.overall()).toBe('reachable');
  });

  it('reads refused credentials as reachable but needing attention', async () => {
    const cloud = await tuya();
    const { m } = monitor();
    m.register(tuyaProbe(cloud.client({ clientSecret: 'wrong-secret-000000000000000000' })));
    const [state] = await m.probeNow();
    expect(state).toMatchObject({ reachability: 'reachable', credentialsRejected: true });
    expect(state?.error).toMatch(/Access/);
  });

  it('probes Alibaba Cloud with the project cloudToken: reachable, refused, unreachable', async () => {
    const gateway: GatewayFixture = await startGateway();
    closers.push(() => gateway.close());
    const { m } = monitor();
    const unregister = m.register(aliyunProbe(gateway.client()));
    expect((await m.probeNow())[0]?.reachability).toBe('reachable');
    unregister();
    expect(m.clouds()).toEqual([]);

    m.register(aliyunProbe(gateway.client({ appSecret: 'not-the-secret' })));
    expect((await m.probeNow())[0]).toMatchObject({ reachability: 'reachable', credentialsRejected: true });

    m.register(aliyunProbe(gateway.client()));
    await gateway.sim.setOnline(false);
    const [state] = await m.probeNow();
    expect(state).toMatchObject({ reachability: 'unreachable', credentialsRejected: false });
    expect(state?.error).toMatch(/cannot be reached|queued/);
  });
});
