/**
 * V8 options the browser host runs with (`npm run web`: `node <flags> electron/host/main.ts`; the benchmarks
 * start it the same way). They must be given when Node starts: V8 sizes its heap at start-up and ignores
 * `v8.setFlagsFromString` for these later.
 *
 * `--max-semi-space-size=16` (MB): while a removal job runs, the drivers' HTTP requests allocate a lot of
 * short-lived garbage (axios builds each request's config and headers anew), and objects of requests still in
 * flight survive young collections. V8 then grows the young generation to its default ceiling on a machine with
 * gigabytes of memory (two 64 MB semi-spaces for Node 24 here), which was about 100 MB of the host's 350 MB peak
 * in a 500,000-item job whose live JS heap stayed near 30 MB. Sixteen MB semi-spaces (V8's former default)
 * keep the young generation at 48 MB at most. The old generation is not capped: exporting a large job builds
 * the whole report in memory, and a cap would turn that into an out-of-memory crash.
 */
export const HOST_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];
