import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Terminal } from '../../shared/domain/terminal.ts';
import { createCore } from '../../electron/core/compose.ts';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import { roundMs, runDriver } from '../framework/driver.ts';

/** A terminal the site runs, as the bench expects the app to identify it. */
export interface ExpectedTerminal {
  serial: string;
  kind: string;
}

/** The one JSON line this driver prints on stdout. */
export interface DiscoverUntilReport {
  /** Terminals the site runs. */
  expected: number;
  /** Of those, how many the inventory held with the right kind and serial when the driver stopped. */
  identified: number;
  /** From `discovery:start` to the last expected terminal identified; null when the cap came first. */
  msToAll: number | null;
  /** From `discovery:start` to the first expected terminal identified; null when none was. */
  msToFirst: number | null;
  /** From this process's start to the core being built (Node start-up and module loading). */
  msCoreReady: number;
  /** When each expected terminal was identified, in ms after `discovery:start`, ascending. */
  times: number[];
  /** CPU time this process used from `discovery:start` to the end, in ms (user + system). */
  cpuMs: number;
  /** Serials identified with another kind than expected, or unexpected serials (should stay empty). */
  surprises: string[];
  /** Why it stopped early, when it did. */
  error?: string;
}

/**
 * The laptop side of the discovery benchmark, run inside the site's laptop namespace by
 * `site.runInLaptop(process.execPath, [this file, '--expect', FILE, '--cap-ms', MS])` with
 * `FCOM_MDNS=isolated-only`. It builds the app's own core on a fresh data directory (no credentials),
 * listens to the bus for `devices:updated`, starts mDNS browsing through the contract (`discovery:start`,
 * as the UI and `fcom discover` do), and prints one {@link DiscoverUntilReport} line once the inventory
 * holds every expected terminal with its kind and serial, or once `--cap-ms` has passed.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { expect: { type: 'string' }, 'cap-ms': { type: 'string', default: '30000' } },
    strict: true,
  });
  if (!values.expect) throw new Error('--expect FILE (a JSON list of { serial, kind }) is required.');
  const expected = new Map(
    (JSON.parse(readFileSync(values.expect, 'utf8')) as ExpectedTerminal[]).map((t) => [t.serial, t.kind]),
  );
  const capMs = Number(values['cap-ms']);
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-bench-laptop-'));
  const core = createCore({ dataDir, target: 'cli', mdnsPolicy: 'isolated-only' });
  const msCoreReady = performance.now();

  const identifiedAt = new Map<string, number>();
  const surprises = new Set<string>();
  let started = 0;
  let finish: (error?: string) => void = () => undefined;
  const done = new Promise<string | undefined>((resolve) => (finish = resolve));

  core.services.bus.onAny((event, payload) => {
    if (event !== 'devices:updated') return;
    const terminal = payload as Terminal;
    const kind = expected.get(terminal.serial);
    if (kind === undefined || kind !== terminal.kind) {
      surprises.add(`${terminal.serial}:${terminal.kind}`);
      return;
    }
    if (identifiedAt.has(terminal.serial)) return;
    identifiedAt.set(terminal.serial, performance.now() - started);
    if (identifiedAt.size === expected.size) finish();
  });

  const cap = setTimeout(() => finish(), capMs);
  const cpuStart = process.cpuUsage();
  started = performance.now();
  const result = await dispatch(core.handlers, 'discovery:start', {});
  if (!result.ok) finish(`discovery:start failed: ${result.error.message}`);
  const error = await done;
  clearTimeout(cap);
  const cpu = process.cpuUsage(cpuStart);

  const times = [...identifiedAt.values()].sort((a, b) => a - b);
  const report: DiscoverUntilReport = {
    expected: expected.size,
    identified: identifiedAt.size,
    msToAll: identifiedAt.size === expected.size ? roundMs(times[times.length - 1] ?? 0) : null,
    msToFirst: times.length > 0 ? roundMs(times[0] ?? 0) : null,
    msCoreReady: roundMs(msCoreReady),
    times: times.map(roundMs),
    cpuMs: roundMs((cpu.user + cpu.system) / 1000),
    surprises: [...surprises],
    ...(error ? { error } : {}),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}

runDriver('discover-until', main);
