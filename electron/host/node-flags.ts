/**
 * V8 options the browser host runs with (`npm run web`: `node <flags> electron/host/main.ts`; the benchmarks
 * start it the same way). They must be given when Node starts: V8 sizes its heap at start-up and ignores
 * `v8.setFlagsFromString` for these later.
 *
 * `--max-semi-space-size=16` (MB): while a removal job runs, every request allocates short-lived garbage (its
 * batch, answer and records; the sessions' HTTP client is `node:http` since issue 19, axios built far more), and
 * objects of requests still in flight survive young collections. V8 then grows the young generation to its default ceiling on a machine with
 * gigabytes of memory (two 64 MB semi-spaces for Node 24 here), which was about 100 MB of the host's 350 MB peak
 * in a 500,000-item job whose live JS heap stayed near 30 MB. Sixteen MB semi-spaces (V8's former default)
 * keep the young generation at 48 MB at most. The old generation is not capped: exporting a large job builds
 * the whole report in memory, and a cap would turn that into an out-of-memory crash. How far it grows between
 * full collections is bounded at run time instead (`electron/core/heap-growth.ts`, `--heap-growing-percent=50`
 * set by `createCore`), which also reaches the Electron main process; this semi-space flag does not (the main
 * process's V8 options cannot be given at launch: it needs a relaunch with `--js-flags` or a launcher).
 */
export const HOST_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];
