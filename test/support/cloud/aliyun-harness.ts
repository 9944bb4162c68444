/**
 * TEST-ONLY helpers for the Alibaba Cloud client tests: the gateway simulator on 127.0.0.1 with a shared,
 * hand-driven clock, and clients pointed at it whose backoff sleeps advance that clock. Nothing in the app
 * imports this file.
 */
import {
  startAliyunGateway,
  type AliyunGatewayOptions,
  type AliyunGatewaySim,
} from '../../../tools/sim/aliyun/index.ts';
import {
  createAliyunClient,
  type AliyunClient,
  type AliyunClientOptions,
} from '../../../electron/core/cloud/aliyun/client.ts';

/** The simulator's main app. */
export const APP_KEY = '203753016';
/** Its AppSecret. */
export const APP_SECRET = 'gateway-secret-1';
/** Its living platform project. */
export const PROJECT_ID = 'a124projectMain1';
/** An iotToken (user session) the simulator accepts. */
export const IOT_TOKEN = 'iot-session-1';

/** A running simulator, its clock and a way to make clients. */
export interface GatewayFixture {
  sim: AliyunGatewaySim;
  /** The shared clock (ms); tests move it with {@link GatewayFixture.advance}. */
  now(): number;
  advance(ms: number): void;
  /** Every backoff the clients waited, in order (the sleeps advance the clock instead of waiting). */
  sleeps: number[];
  /** A client of the simulator's main app with project auth, unless overridden. */
  client(overrides?: Partial<AliyunClientOptions>): AliyunClient;
  /** How many requests reached `path` (all statuses). */
  count(path: string): number;
  close(): Promise<void>;
}

/** Starts the simulator (seed 42, one iotToken) on 127.0.0.1 with a clock at 2023-11-14. */
export async function startGateway(options: Partial<AliyunGatewayOptions> = {}): Promise<GatewayFixture> {
  let clock = 1_700_000_000_000;
  const now = (): number => clock;
  const sim = await startAliyunGateway({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    projectId: PROJECT_ID,
    now,
    seed: 42,
    iotTokens: [IOT_TOKEN],
    ...options,
  });
  const sleeps: number[] = [];
  return {
    sim,
    now,
    advance: (ms) => {
      clock += ms;
    },
    sleeps,
    client: (overrides = {}) =>
      createAliyunClient({
        host: sim.origin,
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        projectId: PROJECT_ID,
        auth: { kind: 'project' },
        now,
        timeoutMs: 5000,
        ...overrides,
        retry: {
          random: () => 0.99,
          sleep: async (ms) => {
            sleeps.push(ms);
            clock += ms;
          },
          ...overrides.retry,
        },
      }),
    count: (path) => sim.log.matching(path).length,
    close: () => sim.close(),
  };
}
