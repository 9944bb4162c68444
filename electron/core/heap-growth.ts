import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last full collection kept, in percent: 1.5 × the live
 * heap before the next full collection.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Bounds the JS heap of a process running the core to 1.5 × its live set between full collections (issue 19).
 * A removal job keeps a small live heap (30–45 MB at 500,000 items) but promotes the objects of every request
 * in flight; on a machine with gigabytes of memory V8 then lets the old generation grow to about 4 × the live
 * set (V8's "high" growing factor) before collecting, 120–170 MB of garbage at the job's peak. This is not a
 * cap: a heap that really grows (exporting a 500,000-item job) still grows, collected more often on the way.
 *
 * Unlike the heap's sizes (`--max-semi-space-size`, which only the command line sets: `electron/host/node-flags.ts`),
 * V8 reads this factor at every full collection, so setting it at run time works; that is what makes it reach the
 * Electron main process, whose V8 options cannot be given at launch. Called once by `createCore` (Electron main,
 * browser host, CLI and benchmark drivers alike); it changes only this process's V8.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
