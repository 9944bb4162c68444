import { capabilitiesOf } from '../../../shared/domain/capabilities.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import { DriverError, type TerminalSession } from '../drivers/driver.ts';
import { readWholeList } from '../removal/presence.ts';
import { rowOf } from './rows.ts';
import type { IndexRow, IndexStore } from './store.ts';

/** How a refresh treats terminals: reads per terminal are sequential (one page at a time) and paced. */
export interface RefreshTuning {
  /** Pause between two pages of one terminal (ms): gentle on small terminals. */
  paceMs: number;
  /** Terminals read at the same time. */
  parallel: number;
  /** Per-request time-out (ms). */
  timeoutMs: number;
}

/** Defaults: 25 ms between pages of one terminal, 32 terminals at a time (each read by one reader), 10 s a request. */
export const DEFAULT_REFRESH: RefreshTuning = { paceMs: 25, parallel: 32, timeoutMs: 10_000 };

/** What a refresh needs. */
export interface RefreshDeps {
  store: IndexStore;
  sessionFor(terminal: Terminal, timeoutMs: number): Promise<TerminalSession>;
  now(): number;
  tuning: RefreshTuning;
}

/** The result of reading one terminal. */
export interface TerminalRefresh {
  serial: string;
  ok: boolean;
  people: number;
  /** Raw code of the failure (`offline`, `read:incomplete`, the driver's code), null on success. */
  code: string | null;
  error: string | null;
}

/** Progress of a refresh: terminals finished of all, people read so far, pages read. */
export type RefreshProgress = (done: number, total: number, counts: Record<string, number>) => void;

/** Whether the index may read a terminal: trusted, of a known kind whose API lists people. */
export function indexable(terminal: Terminal): boolean {
  return terminal.kind !== 'unknown' && terminal.trust === 'trusted' && capabilitiesOf(terminal).listPeople;
}

/** How often one page is asked again after a retryable failure (time-out, busy, 5xx), and the pause before. */
const PAGE_RETRIES = 2;
const RETRY_PAUSE_MS = 500;

/** Waits `ms`, or less when `signal` aborts; the abort listener goes with the wait (a refresh waits thousands of times). */
const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Reads one terminal's WHOLE list (presence.ts rules: stated totals, silent page caps; a short or failed page
 * is not the end) one page at a time with `paceMs` between pages, and replaces its index only when the read is
 * complete; any failure keeps the previous index (now stale) and records why. A cancelled read (`signal`) keeps
 * it as it was, not stale (code `cancelled`, not recorded). Never throws.
 */
export async function refreshTerminal(
  deps: RefreshDeps,
  terminal: Terminal,
  signal?: AbortSignal,
  onPage?: (people: number) => void,
): Promise<TerminalRefresh> {
  const kind = terminal.kind;
  const failed = (code: string, error: string): TerminalRefresh => {
    deps.store.recordFailure(terminal.serial, kind, deps.now(), error, code);
    return { serial: terminal.serial, ok: false, people: 0, code, error };
  };
  if (kind === 'unknown')
    return failed('unknown-kind', 'The kind of this terminal is unknown: add it again with --kind.');
  if (!terminal.online) return failed('offline', 'The terminal was offline: its index was kept as it was.');
  // Each page's rows are staged in the database as it comes (memory stays one page a terminal, whatever
  // the site's size); they become the terminal's index only once the read is complete.
  const read = deps.store.beginRead(terminal.serial);
  let page: IndexRow[] = [];
  let first = true;
  try {
    const session = await deps.sessionFor(terminal, deps.tuning.timeoutMs);
    const paced = async <T>(work: () => Promise<T>): Promise<T> => {
      if (!first) await sleep(deps.tuning.paceMs, signal);
      first = false;
      // A page that timed out or met a busy terminal is asked again (after a pause), a few times: one slow
      // answer should not make a whole terminal's index stale. The read's completeness rules still apply.
      for (let attempt = 0; ; attempt++) {
        if (signal?.aborted) throw new DriverError('retryable', 'The refresh was cancelled.', 'cancelled');
        try {
          return await work();
        } catch (error) {
          const retryable = error instanceof DriverError && error.kind === 'retryable';
          if (!retryable || attempt >= PAGE_RETRIES) throw error;
          await sleep(RETRY_PAUSE_MS * (attempt + 1), signal);
        }
      }
    };
    const stagePage = (): void => {
      read.add(page);
      page = [];
    };
    await readWholeList(
      session,
      paced,
      (p) => page.push(rowOf(terminal.serial, kind, p)),
      signal,
      (people) => {
        stagePage();
        onPage?.(people);
      },
    );
    stagePage();
  } catch (error) {
    read.discard();
    // A refresh the technician cancelled says nothing about the terminal: its index is kept, and not marked
    // stale for it (a failure would make a fresh index "last read failed").
    if (signal?.aborted) return { serial: terminal.serial, ok: false, people: 0, code: 'cancelled', error: null };
    if (error instanceof DriverError) return failed(error.rawCode ?? error.kind, error.message);
    if (error instanceof AppError) return failed(error.code, error.message);
    return failed('error', error instanceof Error ? error.message : String(error));
  }
  const people = read.commit(kind, deps.now());
  return { serial: terminal.serial, ok: true, people, code: null, error: null };
}

/**
 * Refreshes the index of `terminals`, `parallel` at a time, each terminal read by one reader only (a terminal
 * already being read is not read twice at once). Reports progress per page.
 */
export async function refreshTerminals(
  deps: RefreshDeps,
  terminals: readonly Terminal[],
  busy: Set<string>,
  signal?: AbortSignal,
  progress?: RefreshProgress,
): Promise<TerminalRefresh[]> {
  const queue = [...terminals];
  const results: TerminalRefresh[] = [];
  const reading = new Map<string, number>();
  let people = 0;
  let failed = 0;
  const report = (): void => {
    const live = [...reading.values()].reduce((a, b) => a + b, 0);
    progress?.(results.length, terminals.length, { people: people + live, failed, terminals: terminals.length });
  };
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (signal?.aborted) return;
      if (busy.has(next.serial)) continue;
      busy.add(next.serial);
      reading.set(next.serial, 0);
      try {
        const result = await refreshTerminal(deps, next, signal, (n) => {
          reading.set(next.serial, n);
          report();
        });
        results.push(result);
        if (result.ok) people += result.people;
        else if (result.code !== 'cancelled') failed++;
      } finally {
        reading.delete(next.serial);
        busy.delete(next.serial);
      }
      report();
    }
  };
  report();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.tuning.parallel, terminals.length)) }, worker));
  return results;
}
