import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureEngineRun } from '../ui/engine-run.ts';
import { runDriver } from '../framework/driver.ts';

/** One line of `memory-sampler.ts`, in MB (`s`: seconds since the host started). */
interface MemorySample {
  s: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

const SAMPLER = resolve(import.meta.dirname, 'memory-sampler.ts');

/** The largest value of one field over the samples (0 when there are none). */
function peakOf(samples: readonly MemorySample[], field: keyof MemorySample): number {
  return samples.reduce((peak, sample) => Math.max(peak, sample[field]), 0);
}

/**
 * Where the browser host's memory goes while its engine runs a large removal job, on 127.0.0.1 only:
 * `node bench/loopback/engine-memory.ts --items 500000 [--terminals 50] [--cap-s 900] [--node-arg=--trace-gc ...]
 * [--keep-samples FILE] [--concurrency N] [--batch-size N] [--latency-ms N] [--per-item-latency-ms N]`
 * (concurrency and batch size through `settings:update`, one request in flight per terminal; the latencies are
 * the simulators' knobs). Runs `measureEngineRun` (the host as a child process, Sophon simulators holding
 * nobody in this process) with `memory-sampler.ts` preloaded into the host, then prints the job's duration,
 * the host's peak RSS (VmHWM) and the peaks of its JS heap, external and array-buffer memory, and every
 * tenth sample. Not part of `npm run bench`: a probe to find what drives the host's peak memory.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '500000' },
      terminals: { type: 'string', default: '50' },
      'cap-s': { type: 'string', default: '900' },
      'node-arg': { type: 'string', multiple: true, default: [] },
      'keep-samples': { type: 'string' },
      concurrency: { type: 'string' },
      'batch-size': { type: 'string' },
      'latency-ms': { type: 'string', default: '0' },
      'per-item-latency-ms': { type: 'string', default: '0' },
    },
    strict: true,
  });
  const work = mkdtempSync(join(tmpdir(), 'fcom-engine-memory-'));
  const samplesFile = values['keep-samples'] ?? join(work, 'samples.jsonl');
  try {
    const report = await measureEngineRun(
      join(work, 'data'),
      Number(values.items),
      Number(values.terminals),
      Number(values['cap-s']) * 1000,
      {
        host: { nodeArgs: ['--import', SAMPLER, ...values['node-arg']], env: { FCOM_MEMORY_SAMPLES: samplesFile } },
        removal: {
          ...(values.concurrency ? { concurrency: Number(values.concurrency), perTerminal: 1 } : {}),
          ...(values['batch-size']
            ? { sophonBatchSize: Number(values['batch-size']), basipBatchSize: Number(values['batch-size']) }
            : {}),
        },
        knobs: { latencyMs: Number(values['latency-ms']), perItemLatencyMs: Number(values['per-item-latency-ms']) },
      },
    );
    const samples = readFileSync(samplesFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as MemorySample);
    const summary = {
      state: report.job?.state ?? null,
      counts: report.job?.counts ?? null,
      runMs: Math.round(report.runMs),
      peakRssMb: report.peakRssMb,
      peakHeapUsedMb: peakOf(samples, 'heapUsed'),
      peakHeapTotalMb: peakOf(samples, 'heapTotal'),
      peakExternalMb: peakOf(samples, 'external'),
      peakArrayBuffersMb: peakOf(samples, 'arrayBuffers'),
    };
    console.log(JSON.stringify(summary));
    for (const sample of samples.filter((_, index) => index % 10 === 0)) console.log(JSON.stringify(sample));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

runDriver('engine-memory', main);
