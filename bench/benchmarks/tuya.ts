import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/compose.ts';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import { createMemorySecretStore } from '../../electron/core/secrets/memory-secret-store.ts';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/types.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../tools/sim/tuya/index.ts';
import { createRecorder, type FigureRecorder } from '../framework/figures.ts';
import type { BenchContext, Benchmark, Target } from '../framework/types.ts';

/** People per channel of the full and the quick bench (every person may pass both channels). */
const FULL_PEOPLE = 5_000;
const QUICK_PEOPLE = 500;

/** Channels pushed at once. */
export const TUYA_CHANNELS = 2;

/** The cloud's quota: admitted requests per sliding second; more answer 1199 "requests too frequent". */
export const TUYA_RATE = 10;

/** The simulated cloud's own work: one step of a task, and the records it finishes per step. */
const STEP_MS = 500;
const RECORDS_PER_STEP = 1_000;

/** Share of records that fail (drawn deterministically by the simulator). */
const FAILURE_RATE = 0.1;

/** Longest a run may take before it counts as not finished. */
const FULL_CAP_MS = 240_000;
const QUICK_CAP_MS = 25_000;

const CREDENTIALS = { clientId: 'benchtuyaclient00001', clientSecret: 'benchtuyasecret0000000000000000a' };

/** Requests a channel may take (the issue's goal): 30, plus one per 100 failed records. */
export function requestBudget(failedPerChannel: number): number {
  return 30 + failedPerChannel / 100;
}

/** How long the simulated cloud works on a task of `records` records (TaskBook's timeline). */
export function taskMs(records: number): number {
  return (3 + Math.ceil(records / RECORDS_PER_STEP)) * STEP_MS;
}

/**
 * The ideal: the cloud's own work on the longest task, plus the fewest calls a push needs sent at exactly the
 * quota: the token and the channel list, then per channel its issue call, one read of the finished task and one
 * page of 100 per 100 failed records.
 */
export function idealMs(longestTask: number, failedPerChannel: readonly number[]): number {
  const calls = 2 + failedPerChannel.reduce((n, failed) => n + 2 + Math.ceil(failed / 100), 0);
  return longestTask + Math.ceil(calls / TUYA_RATE) * 1000;
}

function declareFigures(figures: FigureRecorder, n: number): void {
  const p = `tuya.${n}`;
  const declare = (suffix: string, unit: string, description: string, target?: Target): void =>
    figures.declare({ name: `${p}.${suffix}`, description, unit, ...(target ? { target } : {}) });
  declare('measured', 'ms', '`permissions:push` of both channels until the job is done (every channel final)');
  declare('ideal', 'ms', `the cloud's own work on the longest task plus the fewest calls at ${TUYA_RATE} requests/s`);
  declare('efficiency', '%', 'ideal / measured, in percent', { atLeast: 50 });
  declare('requestsPerChannel', 'requests', 'requests that reached the cloud during the push, per channel');
  declare('budgetUse', '%', 'requests per channel / (30 + failed records per channel / 100), in percent', {
    below: 100.001,
  });
  declare('throttled', 'answers', 'throttling answers the cloud sent during the push');
  declare('failedRecords', 'records', 'records the cloud failed, both channels together');
}

async function call<C extends Channel>(core: Core, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await dispatch(core.handlers, channel, request);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value as ResponseOf<C>;
}

interface RunReport {
  ms: number | null;
  requests: number;
  throttled: number;
  failed: number[];
  records: number[];
  byPath: Record<string, number>;
  outcomes: string;
}

async function pushOnce(n: number, capMs: number, tempDir: string): Promise<RunReport> {
  const sim: TuyaCloudSim = await startTuyaCloud({
    ...CREDENTIALS,
    seed: 'bench-tuya',
    people: generatePeople('bench-tuya', n),
    channels: [
      { name: 'Main Gate 正门', everyone: true },
      { name: 'Car Park', everyone: true },
    ],
    taskStepMs: STEP_MS,
    recordsPerStep: RECORDS_PER_STEP,
    recordFailureRate: FAILURE_RATE,
    throttle: { maxRequestsPerSecond: TUYA_RATE },
  });
  const dir = mkdtempSync(join(tempDir, 'tuya-'));
  const core = createCore({ dataDir: dir, target: 'cli', mdnsPolicy: 'off', secrets: createMemorySecretStore() });
  try {
    await call(core, 'cloud:set-config', {
      cloud: 'tuya',
      settings: { baseUrl: sim.origin, projectId: sim.projectId },
      secrets: CREDENTIALS,
    });
    const channelIds = sim.channels().map((c) => c.accessControlChannelId);
    sim.log.clear();
    const throttledBefore = sim.throttledCount();
    const started = performance.now();
    const { jobId } = await call(core, 'permissions:push', { channelIds, mode: 'full', certificate: 'card+face' });
    let ms: number | null = null;
    while (performance.now() - started < capMs) {
      if (core.services.jobs.summary(jobId).state === 'done') {
        ms = performance.now() - started;
        break;
      }
      await new Promise((done) => setTimeout(done, 50));
    }
    const entries = sim.log.all();
    const byPath: Record<string, number> = {};
    for (const e of entries) {
      const key = e.path.replace(/\/\d{6,}$/, '/{id}').replace('/v1.0/iot-02/building', '');
      byPath[key] = (byPath[key] ?? 0) + 1;
    }
    const tasks = sim.tasks();
    const view = await call(core, 'permissions:tasks', { jobId });
    return {
      ms,
      requests: entries.length,
      throttled: sim.throttledCount() - throttledBefore,
      failed: tasks.map((t) => t.failedNum),
      records: tasks.map((t) => t.authNum),
      byPath,
      outcomes: view.channels.map((c) => `${c.outcome ?? 'open'} ${c.rawCode ?? ''}`.trim()).join(', '),
    };
  } finally {
    await core.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(figures: FigureRecorder, ctx: BenchContext, n: number, capMs: number): Promise<void> {
  const p = `tuya.${n}`;
  for (let run = 1; run <= ctx.runs; run++) {
    const r = await pushOnce(n, capMs, ctx.tempDir);
    const failedPerChannel = r.failed.length > 0 ? r.failed : [0];
    const ideal = idealMs(taskMs(Math.max(0, ...r.records)), failedPerChannel);
    const perChannel = r.requests / TUYA_CHANNELS;
    const meanFailed = failedPerChannel.reduce((a, b) => a + b, 0) / TUYA_CHANNELS;
    figures.record(`${p}.measured`, r.ms);
    figures.record(`${p}.ideal`, ideal);
    figures.record(`${p}.efficiency`, r.ms === null ? null : (100 * ideal) / r.ms);
    figures.record(`${p}.requestsPerChannel`, perChannel);
    figures.record(`${p}.budgetUse`, (100 * perChannel) / requestBudget(meanFailed));
    figures.record(`${p}.throttled`, r.throttled);
    figures.record(
      `${p}.failedRecords`,
      r.failed.reduce((a, b) => a + b, 0),
    );
    const paths = Object.entries(r.byPath)
      .map(([path, count]) => `${count} × ${path}`)
      .join(', ');
    if (r.ms === null) figures.note(`${p}.measured`, `run ${run}: not finished within ${capMs} ms (${r.outcomes}).`);
    figures.note(`${p}.requestsPerChannel`, `run ${run}: ${paths}.`);
    ctx.log(
      `tuya ${TUYA_CHANNELS}×${n}, run ${run}/${ctx.runs}: ${r.ms === null ? 'not finished' : `${Math.round(r.ms)} ms`} ` +
        `(ideal ${ideal} ms), ${r.requests} requests, ${r.throttled} throttled, failed ${r.failed.join('+')}; ${r.outcomes}; ${paths}`,
    );
  }
}

/**
 * Tuya: a full push of 2 channels × N people (full 5,000, quick 500) through the app's real core against the
 * simulated cloud allowing {@link TUYA_RATE} requests per second: time against the ideal, requests per channel
 * against the issue's budget, throttling answers. Everything on 127.0.0.1, in the benchmark's process.
 */
export const tuyaBenchmark: Benchmark = {
  name: 'tuya',
  description: `Full push of ${TUYA_CHANNELS} channels against a Tuya cloud allowing ${TUYA_RATE} requests/s: time against the ideal, requests per channel, throttling`,
  async run(ctx) {
    const figures = createRecorder();
    const n = ctx.quick ? QUICK_PEOPLE : FULL_PEOPLE;
    declareFigures(figures, n);
    await measure(figures, ctx, n, ctx.quick ? QUICK_CAP_MS : FULL_CAP_MS);
    return figures.figures();
  },
};
