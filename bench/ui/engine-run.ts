import { WebSocket } from 'ws';
import type { Channel, RequestOf } from '../../shared/ipc/types.ts';
import type { JobSummary, RemovalSettings } from '../../shared/domain/removal.ts';
import type { Knobs } from '../../tools/sim/common/knobs.ts';
import type { Result } from '../../shared/result.ts';
import { serve, type SimServer } from '../../tools/sim/common/http.ts';
import { createSophonDevice } from '../../tools/sim/sophon/index.ts';
import { csvOf } from '../../test/support/removal/through-draft.ts';
import { procStatusMb, startHost, type HostProcessOptions } from './host-process.ts';

/** What running a removal job of the given size in the browser host measured. */
export interface EngineRunReport {
  /** Peak resident memory of the host (VmHWM) from its start to the job's end, MB. */
  peakRssMb: number | null;
  /** From `removal:start` to the job's end (or the cap), ms. */
  runMs: number;
  /** The job's state and counts at the end. */
  job: JobSummary | null;
  /** Resident memory of the host (VmRSS, MB) every second while the job ran. */
  rssSeries: number[];
}

/** Optional settings of {@link measureEngineRun}. */
export interface EngineRunOptions {
  /** Node options or environment for the host (memory probes). */
  host?: HostProcessOptions;
  /** Removal tuning set through `settings:update` before the job (default: the app's defaults). */
  removal?: Partial<RemovalSettings>;
  /** Knobs of every simulator (latency per request and per id, ids per request; default: none). */
  knobs?: Partial<Knobs>;
}

/** One WebSocket to the host's contract, as the renderer talks to it. */
async function connect(hostUrl: string) {
  const url = new URL(hostUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const ws = new WebSocket(`ws://${url.host}/ws?token=${encodeURIComponent(token)}`, { origin: url.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; id?: number; result?: Result<unknown> };
    if (message.type === 'result' && message.id !== undefined && message.result)
      waiting.get(message.id)?.(message.result);
  });
  let next = 1;
  return {
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<unknown> {
      const id = next++;
      const result = await new Promise<Result<unknown>>((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ type: 'invoke', id, channel, request }));
      });
      waiting.delete(id);
      if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
      return result.value;
    },
    close: () => ws.close(),
  };
}

/**
 * Runs a real removal job of `items` items in a fresh browser host (engine, journal and all): `terminals`
 * simulated Sophon terminals on 127.0.0.1 (in this process, no per-id delay) hold nobody, so every item
 * is answered `ID_NOT_FOUND` (already absent) by a real HTTP request. Samples the host's peak RSS until the
 * job ends or `capMs` passes. `options` adds Node options to the host, removal settings and simulator knobs.
 */
export async function measureEngineRun(
  dataDir: string,
  items: number,
  terminals: number,
  capMs: number,
  options: EngineRunOptions = {},
): Promise<EngineRunReport> {
  const sims: SimServer[] = [];
  const host = await startHost(dataDir, options.host);
  try {
    for (let i = 0; i < terminals; i++)
      sims.push(
        await serve(createSophonDevice({ seed: `bench-ui-${i}`, people: [], knobs: options.knobs ?? {} }).handle),
      );
    const contract = await connect(host.url);
    try {
      if (options.removal) await contract.invoke('settings:update', { removal: options.removal });
      for (const sim of sims)
        await contract.invoke('devices:add', { address: `127.0.0.1:${sim.port}`, kind: 'sophon' });
      const people = Math.ceil(items / terminals);
      const list = Array.from({ length: people }, (_, i) => ({ line: i + 2, identity_id: String(100_000 + i) }));
      const started = performance.now();
      // Into a draft in the core, planned, then that plan started: the list crosses once, as a file.
      const draft = (await contract.invoke('removal:parse-input', {
        source: {
          kind: 'file',
          fileName: `engine-run-${items}.csv`,
          base64: Buffer.from(csvOf(list)).toString('base64'),
        },
        mode: 'people',
      })) as { draftId: string };
      const plan = (await contract.invoke('removal:plan', { draftId: draft.draftId, devices: 'all' })) as {
        planId: string;
      };
      const { jobId } = (await contract.invoke('removal:start', { planId: plan.planId })) as { jobId: string };
      let job: JobSummary | null = null;
      const rssSeries: number[] = [];
      while (performance.now() - started < capMs) {
        await new Promise((done) => setTimeout(done, 1_000));
        rssSeries.push(Math.round(procStatusMb(host.pid, 'VmRSS') ?? 0));
        const jobs = (await contract.invoke('jobs:list', { limit: 5 })) as JobSummary[];
        job = jobs.find((entry) => entry.id === jobId) ?? null;
        if (job && job.state !== 'running') break;
      }
      return { peakRssMb: procStatusMb(host.pid, 'VmHWM'), runMs: performance.now() - started, job, rssSeries };
    } finally {
      contract.close();
    }
  } finally {
    await host.stop();
    await Promise.all(sims.map((sim) => sim.close()));
  }
}
