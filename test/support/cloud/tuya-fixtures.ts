import { startTuyaCloud, type TuyaCloudOptions, type TuyaCloudSim } from '../../../tools/sim/tuya/index.ts';
import { createTuyaClient, type TuyaClient, type TuyaClientOptions } from '../../../electron/core/cloud/tuya/client.ts';

/** Access ID and secret the tests give the simulated cloud (test-only helper, not used by the app). */
export const TEST_CREDENTIALS = {
  clientId: 'fcomclient000000001',
  clientSecret: 'fcomsecret000000000000000000001',
} as const;

/** A clock that moves only when told; starts 2024-05-01T08:00:00Z. */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

/** Creates a {@link TestClock}. */
export function testClock(start = Date.UTC(2024, 4, 1, 8)): TestClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}

/** A simulated cloud on 127.0.0.1 and the clock it runs on. */
export interface CloudFixture {
  sim: TuyaCloudSim;
  clock: TestClock;
  /** Every back-off wait a client made through {@link CloudFixture.client}'s sleep, in ms. */
  sleeps: number[];
  /** Every wait of the client's pacer (spacing requests under the quota), in ms. */
  paceWaits: number[];
  /**
   * A client of the simulator: no proxy, the test clock, sleeps (back-off and pacing, recorded apart) that advance
   * the clock, jitter at its maximum.
   */
  client(overrides?: Partial<TuyaClientOptions>): TuyaClient;
}

/** Starts the Tuya cloud simulator with a test clock (close `sim` after the test). */
export async function startCloud(options: Partial<TuyaCloudOptions> = {}): Promise<CloudFixture> {
  const clock = testClock();
  const sim = await startTuyaCloud({ ...TEST_CREDENTIALS, seed: 'fcom-tuya', now: clock.now, ...options });
  const sleeps: number[] = [];
  const paceWaits: number[] = [];
  return {
    sim,
    clock,
    sleeps,
    paceWaits,
    client: (overrides = {}) =>
      createTuyaClient({
        baseUrl: sim.origin,
        ...TEST_CREDENTIALS,
        now: clock.now,
        proxy: false,
        fetchTimeoutMs: 5000,
        random: () => 1,
        sleep: (ms) => {
          sleeps.push(ms);
          clock.advance(ms);
          return Promise.resolve();
        },
        paceSleep: (ms) => {
          // Whole milliseconds, as the real clock ticks (a fractional clock would stamp fractional task times).
          paceWaits.push(Math.ceil(ms));
          clock.advance(Math.ceil(ms));
          return Promise.resolve();
        },
        ...overrides,
      }),
  };
}
