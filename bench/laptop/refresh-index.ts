import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addTerminals, call, withLaptopCore, type SiteTarget } from './contract.ts';
import { runDriver } from '../framework/driver.ts';

/** What the driver reads from `--input`. */
export interface RefreshIndexInput {
  terminals: SiteTarget[];
  /** Site-default credentials per kind (the simulators' factory ones). */
  credentials: Record<'sophon' | 'basip', { username: string; password: string }>;
}

/** The one JSON line this driver prints on stdout. */
export interface RefreshIndexReport {
  /** Terminals added by address, online and of the expected kind. */
  added: number;
  /** From calling `people:refresh` (waiting) until it answered: every terminal read and indexed. */
  ms: number;
  /** Rows in the index afterwards (people; BAS-IP: identifiers), from `people:status`. */
  indexed: number;
  /** Terminals whose read did not complete, with why (first few). */
  failed: number;
  failures: string[];
  /** CPU time (user + system) of this process during the refresh, in ms. */
  cpuMs: number;
  /** Peak resident memory of this process during the refresh, in MB. */
  peakRssMb: number;
}

/**
 * The laptop side of the people-index benchmark, run inside the site's laptop namespace by
 * `site.runInLaptop(process.execPath, [this file, '--input', FILE])`. It builds the app's own core on a fresh
 * data directory with an encrypted credential file, then through the contract: saves the site-default
 * credentials per kind, adds every terminal by address, and refreshes the whole site's people index
 * (`people:refresh` with `wait`). Prints one {@link RefreshIndexReport} line.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { input: { type: 'string' } }, strict: true });
  if (!values.input) throw new Error('--input FILE (a RefreshIndexInput JSON) is required.');
  const input = JSON.parse(readFileSync(values.input, 'utf8')) as RefreshIndexInput;
  await withLaptopCore('fcom-bench-index-', async (core) => {
    for (const kind of ['sophon', 'basip'] as const) {
      await call(core, 'devices:set-credentials', { target: { kind }, credentials: input.credentials[kind] });
    }
    const added = (await addTerminals(core, input.terminals, 'refresh-index')).length;
    // The set-up's peak (the secrets file's key derivation) is not the refresh's: the kernel's counter is reset.
    writeFileSync('/proc/self/clear_refs', '5');
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const answer = (await call(core, 'people:refresh', { wait: true })) as {
      results?: { ok: boolean; code: string | null; error: string | null }[];
    };
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    const results = answer.results ?? [];
    const failures = results.filter((r) => !r.ok).map((r) => `${r.code ?? 'error'}: ${r.error ?? ''}`.slice(0, 160));
    const status = (await call(core, 'people:status', {})) as { terminals: { people: number }[] };
    const report: RefreshIndexReport = {
      added,
      ms: Math.round(ms),
      indexed: status.terminals.reduce((n, t) => n + t.people, 0),
      failed: failures.length,
      failures: failures.slice(0, 5),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  });
}

runDriver('refresh-index', main);
