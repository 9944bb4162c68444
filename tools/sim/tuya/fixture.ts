import { startTuyaCloud, type TuyaCloudOptions, type TuyaCloudSim } from './index.ts';
import { TuyaTestClient } from './test-client.ts';

/** Client id and secret the tests use. */
export const TEST_CLIENT = { clientId: 'simclient0000000001', clientSecret: 'simsecret00000000000000000000001' };

/** A hand-driven clock. */
export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

/** A clock that only moves when told (starts 2024-05-01T00:00:00Z). */
export function manualClock(start = Date.UTC(2024, 4, 1)): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}

/** A started simulator, a client holding a token, and the clock both use. */
export interface Fixture {
  sim: TuyaCloudSim;
  client: TuyaTestClient;
  clock: ManualClock;
}

/** Starts the simulator on 127.0.0.1 with a manual clock and grants the client a token. */
export async function startFixture(options: Partial<TuyaCloudOptions> = {}, grant = true): Promise<Fixture> {
  const clock = manualClock();
  const sim = await startTuyaCloud({ ...TEST_CLIENT, seed: 'fixture', now: clock.now, ...options });
  const client = new TuyaTestClient({
    origin: sim.origin,
    clientId: TEST_CLIENT.clientId,
    secret: TEST_CLIENT.clientSecret,
    now: clock.now,
  });
  if (grant) {
    const answer = await client.grant();
    if (!answer.success) throw new Error(`token grant failed: ${JSON.stringify(answer)}`);
  }
  return { sim, client, clock };
}

/** Base path of the building access APIs. */
export const API = '/v1.0/iot-02/building';
