import { appendFileSync } from 'node:fs';

/**
 * Preloaded into a process with `node --import bench/loopback/memory-sampler.ts` when
 * `FCOM_MEMORY_SAMPLES` names a file: appends one JSON line a second with the process's memory
 * (`process.memoryUsage()` in MB: resident set, V8 heap used and reserved, external, array buffers), so a
 * benchmark can tell the JS heap from native memory (SQLite, buffers) over a run. With `--expose-gc`, every
 * tenth sample is taken right after a full collection (`afterGc`): the live set. The timer does not keep the
 * process alive. Does nothing without the variable.
 */
function startSampling(file: string): void {
  const started = performance.now();
  const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;
  const collect = (globalThis as { gc?: () => void }).gc;
  let count = 0;
  const sample = (): void => {
    // With --expose-gc, every tenth sample follows a full collection: its heapUsed is the live set.
    const live = collect !== undefined && ++count % 10 === 0;
    if (live) collect();
    const usage = process.memoryUsage();
    const line = {
      ...(live ? { afterGc: true } : {}),
      s: Math.round((performance.now() - started) / 100) / 10,
      rss: mb(usage.rss),
      heapUsed: mb(usage.heapUsed),
      heapTotal: mb(usage.heapTotal),
      external: mb(usage.external),
      arrayBuffers: mb(usage.arrayBuffers),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
  setInterval(sample, 1_000).unref();
}

const target = process.env.FCOM_MEMORY_SAMPLES;
if (target) startSampling(target);
