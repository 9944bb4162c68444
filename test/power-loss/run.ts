/**
 * The power-loss simulation by hand: cycles of (run the journal on a loop disk, cut the power at a random
 * point, restart on the image, check) for `--minutes N` (default 10). Linux, root. Prints the figures for
 * RELIABILITY.md and exits 1 on any violation.
 * Run: `node test/power-loss/run.ts --minutes 10`
 */
import { powerLossCycle, type CycleResult } from './cycle.ts';
import { powerLossSupport } from './loop-disk.ts';

const support = powerLossSupport();
if (!support.ok) {
  console.error(`The power-loss simulation cannot run here: ${support.reason}.`);
  process.exit(2);
}
const minutesAt = process.argv.indexOf('--minutes');
const minutes = minutesAt > 0 ? Number(process.argv[minutesAt + 1]) : 10;
const until = Date.now() + minutes * 60_000;

const totals = { cycles: 0, acked: 0, inFlight: 0, sentTwice: 0, violations: 0, recoveredMs: 0 };
const violations: string[] = [];
while (Date.now() < until) {
  const items = 1000 + Math.floor(Math.random() * 4000);
  // Half the cuts at a random time, half right after a random number of answers.
  const byAcks = Math.random() < 0.5;
  const cutAfterAcks = byAcks ? 1 + Math.floor(Math.random() * 40) : undefined;
  const cutAfterMs = Math.floor(Math.random() * 3000);
  const result: CycleResult = await powerLossCycle({ items, terminals: 4, batch: 10, cutAfterMs, cutAfterAcks });
  totals.cycles++;
  totals.acked += result.acked;
  totals.inFlight += result.inFlight;
  totals.sentTwice += result.sentTwice;
  totals.recoveredMs += result.recoveredMs;
  const bad =
    result.integrity !== 'ok' ||
    result.lostPlan ||
    result.lostAcked > 0 ||
    result.sentTwiceOutsideInFlight > 0 ||
    result.unfinished > 0;
  if (bad) {
    totals.violations++;
    violations.push(JSON.stringify({ items, cutAfterMs, cutAfterAcks, ...result }));
  }
  process.stdout.write(`cycle ${totals.cycles}: ${bad ? 'VIOLATION' : 'ok'} ${JSON.stringify(result)}\n`);
}
console.log(
  JSON.stringify({ minutes, ...totals, meanRecoveryMs: Math.round(totals.recoveredMs / Math.max(1, totals.cycles)) }),
);
for (const v of violations) console.error(v);
process.exit(totals.violations > 0 ? 1 : 0);
