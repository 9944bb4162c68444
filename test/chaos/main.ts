// `npm run chaos -- --minutes N [--seed S] [--restarts-per-minute R] [--terminals T] [--json] [--keep]`:
// the simulated site and clouds under random faults while app processes run jobs and are killed with kill -9;
// the invariants are checked at the end (test/chaos/README.md). Exit 1 on any violation, 2 on a wrong command line.
import { parseChaosArgs, type ChaosOptions } from './args.ts';
import { runChaos } from './conductor.ts';
import { formatReport } from './figures.ts';

let options: ChaosOptions;
try {
  options = parseChaosArgs(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const started = Date.now();
const log = options.json
  ? (): void => {}
  : (line: string): void => console.error(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const report = await runChaos(options, log);
if (options.json) console.log(JSON.stringify(report, null, 2));
else for (const line of formatReport(report)) console.log(line);
process.exit(report.violations.length === 0 && report.settled ? 0 : 1);
