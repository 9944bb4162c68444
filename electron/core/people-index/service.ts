import type { RemovalItem } from '../../../shared/domain/people-import.ts';
import type {
  IndexStaleness,
  IndexedTerminal,
  PeopleFindResult,
  PeopleIndexStatus,
  PersonMatch,
} from '../../../shared/domain/people-index.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Database } from '../db/database.ts';
import type { TerminalSession } from '../drivers/driver.ts';
import type { InventoryRepository } from '../inventory/inventory-repository.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { DEFAULT_REFRESH, indexable, refreshTerminals, type RefreshTuning, type TerminalRefresh } from './refresh.ts';
import { resolvePeople, type Resolution } from './resolve.ts';
import { findPeople } from './search.ts';
import { createIndexStore, type IndexStore } from './store.ts';

/** What the people index service needs. */
export interface PeopleIndexDeps {
  db: Database;
  inventory: InventoryRepository;
  jobs: JobRunner;
  sessionFor(terminal: Terminal, timeoutMs: number): Promise<TerminalSession>;
  now?: () => number;
  tuning?: Partial<RefreshTuning>;
  /** Index age after which a terminal counts as unknown in the dry run (default one hour). */
  maxAgeMs?: number;
}

/** The site people index: refresh (a job with progress), status, search, and resolving a list of people. */
export interface PeopleIndexService {
  status(): PeopleIndexStatus;
  /** Starts a refresh of every indexable terminal (or the named ones) as a job; answers its id at once. */
  refresh(serials?: readonly string[]): { jobId: string; result: Promise<TerminalRefresh[]> };
  find(query: string, limit: number): PeopleFindResult;
  /** Resolves a list of people to each target's own ids (see resolve.ts). */
  resolve(
    items: readonly RemovalItem[],
    targets: readonly Terminal[],
    match: PersonMatch,
    confirmAmbiguous: boolean,
  ): Resolution;
  /** Refreshes in the background every `everyMs` the terminals whose index is older than half the maximum age. */
  startBackground(everyMs?: number): void;
  close(): void;
}

/** One hour: an index older than this is "unknown" for the dry run. */
export const DEFAULT_MAX_AGE_MS = 60 * 60 * 1000;

/** Creates the {@link PeopleIndexService}. */
export function createPeopleIndexService(deps: PeopleIndexDeps): PeopleIndexService {
  const now = deps.now ?? Date.now;
  const store: IndexStore = createIndexStore(deps.db);
  const tuning: RefreshTuning = { ...DEFAULT_REFRESH, ...deps.tuning };
  const maxAgeMs = deps.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const busy = new Set<string>();
  let running: { jobId: string; result: Promise<TerminalRefresh[]> } | null = null;
  let timer: NodeJS.Timeout | undefined;

  const readsBySerial = () => new Map(store.reads().map((r) => [r.serial, r]));

  const stalenessOf = (terminal: Terminal | undefined, reads = readsBySerial()): IndexStaleness => {
    if (!terminal) return 'never-read';
    const read = reads.get(terminal.serial);
    if (!read || read.readAt === null) return 'never-read';
    if (!terminal.online) return 'offline';
    if (read.lastError !== null && (read.attemptedAt ?? 0) >= read.readAt) {
      return read.lastErrorCode === 'offline' ? 'offline' : 'last-read-failed';
    }
    if (now() - read.readAt > maxAgeMs) return 'too-old';
    return null;
  };

  const indexedTerminals = (): IndexedTerminal[] => {
    const reads = readsBySerial();
    return deps.inventory
      .list()
      .filter(indexable)
      .map((t) => {
        const read = reads.get(t.serial);
        return {
          serial: t.serial,
          name: t.name,
          kind: t.kind,
          readAt: read?.readAt ?? null,
          people: read?.readAt != null ? read.people : 0,
          staleness: stalenessOf(t, reads),
          lastError: read?.lastError ?? null,
          lastErrorCode: read?.lastErrorCode ?? null,
        };
      });
  };

  const oldest = (terminals: readonly IndexedTerminal[]): number | null => {
    const times = terminals.map((t) => t.readAt).filter((t): t is number => t !== null);
    return times.length === 0 ? null : Math.min(...times);
  };

  const refresh = (serials?: readonly string[]): { jobId: string; result: Promise<TerminalRefresh[]> } => {
    const inventory = deps.inventory.list();
    let targets: Terminal[];
    if (serials) {
      const missing = serials.filter((s) => !inventory.some((t) => t.serial === s));
      if (missing.length > 0) {
        throw new AppError(
          'NOT_FOUND',
          `Not in the inventory: ${missing.slice(0, 10).join(', ')}. Check the serials with "fcom devices list".`,
          { missing },
        );
      }
      targets = inventory.filter((t) => serials.includes(t.serial));
      const refused = targets.filter((t) => !indexable(t)).map((t) => t.serial);
      if (refused.length > 0) {
        throw new AppError(
          'CONFLICT',
          `Not read: ${refused.slice(0, 10).join(', ')} (not trusted, of an unknown kind, or firmware that cannot list people). Trust your terminals first (fcom devices trust SERIAL...), then try again.`,
          { refused },
        );
      }
    } else {
      targets = inventory.filter(indexable);
      if (targets.length === 0) {
        throw new AppError(
          'NOT_FOUND',
          'No trusted terminal can be read: add your terminals (fcom devices add ADDRESS) or trust those discovery found, then refresh again.',
        );
      }
    }
    if (running && !serials) return running;
    store.forgetExcept(inventory.map((t) => t.serial));
    const job = deps.jobs.start('people-refresh', (signal, report) =>
      refreshTerminals({ store, sessionFor: deps.sessionFor, now, tuning }, targets, busy, signal, report),
    );
    const mine = { jobId: job.jobId, result: job.result };
    if (!serials) running = mine;
    void job.result
      .finally(() => {
        if (running === mine) running = null;
      })
      .catch(() => undefined);
    return mine;
  };

  return {
    status() {
      const terminals = indexedTerminals();
      return { terminals, oldestReadAt: oldest(terminals), maxAgeMs, refreshJobId: running?.jobId ?? null };
    },
    refresh,
    find(query, limit) {
      const terminals = indexedTerminals();
      const bySerial = new Map(terminals.map((t) => [t.serial, t]));
      const { hits, notFound } = findPeople(
        store,
        (serial) => {
          const t = bySerial.get(serial);
          return t ? { name: t.name, kind: t.kind, readAt: t.readAt } : null;
        },
        query,
        limit,
      );
      return {
        hits,
        notFound,
        oldestReadAt: oldest(terminals),
        staleTerminals: terminals.filter((t) => t.staleness !== null).map((t) => t.serial),
      };
    },
    resolve(items, targets, match, confirmAmbiguous) {
      const reads = readsBySerial();
      return resolvePeople({
        items,
        targets,
        match,
        confirmAmbiguous,
        staleness: (serial) =>
          stalenessOf(deps.inventory.get(serial) ?? targets.find((t) => t.serial === serial), reads),
        readAt: (serial) => reads.get(serial)?.readAt ?? null,
        rowsOf: (serial) => store.rowsOf(serial),
      });
    },
    startBackground(everyMs = 10 * 60 * 1000) {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        const old = indexedTerminals().filter(
          (t) => t.staleness !== 'offline' && (t.readAt === null || now() - t.readAt > maxAgeMs / 2),
        );
        if (old.length === 0) return;
        try {
          const job = refresh(old.map((t) => t.serial));
          job.result.catch(() => undefined);
        } catch {
          // Nothing readable now: the next beat tries again.
        }
      }, everyMs);
      timer.unref();
    },
    close() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
