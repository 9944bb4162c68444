import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/**
 * A child process that keeps a live set of about 20 MB and promotes garbage the way a removal job does (objects
 * that outlive a few young collections, then are dropped), and prints the largest old space it saw.
 */
const CHURN = `
const limit = process.argv[1] === 'limit';
if (limit) (await import(${JSON.stringify(resolve(import.meta.dirname, 'heap-growth.ts'))})).limitHeapGrowth();
const { getHeapSpaceStatistics } = await import('node:v8');
const live = [];
for (let i = 0; i < 200_000; i++) live.push({ a: i, b: 'x' + i });
const ring = new Array(100_000).fill(null);
let peak = 0;
for (let round = 0; round < 200; round++) {
  for (let i = 0; i < 20_000; i++) ring[(round * 20_000 + i) % ring.length] = { i, s: 'y' + i + round, list: [i, round] };
  if (round % 10 === 0) await new Promise((r) => setImmediate(r));
  const old = getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
  peak = Math.max(peak, old ? old.space_size : 0);
}
console.log(JSON.stringify({ peak, live: live.length }));
`;

async function peakOldSpace(mode: 'limit' | 'default'): Promise<number> {
  const { stdout } = await run(process.execPath, [
    '--max-semi-space-size=16',
    '--input-type=module',
    '-e',
    CHURN,
    mode,
  ]);
  return (JSON.parse(stdout) as { peak: number }).peak;
}

describe('limitHeapGrowth', () => {
  it('lets the old space grow less past the live set before a full collection', async () => {
    const [unbounded, bounded] = await Promise.all([peakOldSpace('default'), peakOldSpace('limit')]);
    expect(bounded).toBeLessThan(unbounded * 0.85);
  }, 60_000);
});
