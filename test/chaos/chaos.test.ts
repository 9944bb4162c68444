import { describe, expect, it } from 'vitest';
import { runChaos } from './conductor.ts';
import { formatReport } from './figures.ts';

/**
 * The short chaos run of CI: about 35 s of random faults on two terminals and both clouds while app processes run
 * jobs and are killed with kill -9, then settling and the invariants (`npm run chaos -- --minutes 10` is the
 * full run; figures in RELIABILITY.md).
 */
describe('chaos run (short)', () => {
  it(
    'ends with zero invariant violations after faults and kill -9s really happened',
    { timeout: 240_000 },
    async () => {
      const report = await runChaos({
        minutes: 0.6,
        seed: 'ci-chaos',
        restartsPerMinute: 9,
        terminals: 2,
        json: false,
        keep: false,
      });
      const text = formatReport(report).join('\n');
      expect(report.violations, text).toEqual([]);
      expect(report.settled, text).toBe(true);
      expect(report.kills, text).toBeGreaterThanOrEqual(3);
      expect(report.restarts, text).toBeGreaterThanOrEqual(3);
      expect(
        Object.values(report.faultsInjected).reduce((a, b) => a + b, 0),
        text,
      ).toBeGreaterThan(5);
      expect(
        Object.values(report.sims).reduce((n, s) => n + s.faultHits, 0),
        text,
      ).toBeGreaterThan(0);
      expect(Object.keys(report.jobsCreated).length, text).toBeGreaterThanOrEqual(2);
      expect(report.items, text).toBeGreaterThan(0);
    },
  );
});
