import type { Operation, OperationState, SyncCounts, TargetKind } from '../../../shared/domain/sync.ts';

/**
 * The port every job kind implements to appear in the sync queue (see README.md, "Adding a job kind").
 * A source keeps its own write-ahead journal and executes its own work; the sync service is the control
 * plane over it: it lists and counts, retries and discards, asks it to resume when a target answers again,
 * and supersedes queued work that a later operation replaces.
 */
export interface SyncSource {
  /** Short name, unique, the prefix of its operation ids (`removal` → `removal:42`). No colon. */
  readonly name: string;
  /** How many of its operations are in each state (discarded ones included: they stay in the history). */
  counts(): SyncCounts;
  /** One page of operations, queued first, then needing attention, then the rest by last change. */
  list(query: SourceQuery): { items: Operation[]; matching: number };
  /** Every operation, lazily, in a stable order (reports). */
  all(range?: TimeRange): Iterable<Operation>;
  /** Targets with queued or needs-attention operations, with their counts. */
  targets(): SourceTarget[];
  /**
   * Starts (in the background) its queued work for a target that answers again, or for every reachable target
   * when `target` is left out ("Sync now"). Must not resend anything whose answer is unknown without first
   * re-reading the target, and must never run a discarded or done operation again.
   */
  resume(target?: TargetRef): void | Promise<void>;
  /** Puts needs-attention operations back to work with fresh attempts; answers how many. Others are skipped. */
  retry(localIds: readonly string[] | 'all-needs-attention', action: ActionInfo): number;
  /**
   * Discards queued or needs-attention operations: they are never sent, and stay listed as discarded with
   * `action.actor` and `action.at`. In ONE transaction with the history record. Answers how many.
   */
  discard(localIds: readonly string[] | 'all-needs-attention', action: ActionInfo): number;
  /** Local ids of queued operations (not running) carrying a supersede key, queued before `before`. */
  supersedable?(key: string, before: number): string[];
  /** Resolves when the work it resumed has nothing more to do in this process (the CLI waits for it). */
  idle?(): Promise<void>;
}

/** A target of operations. */
export interface TargetRef {
  kind: TargetKind;
  /** The terminal's serial, or the cloud's name (`tuya`, `aliyun`). */
  id: string;
}

/** One target with open work, as a source counts it. */
export interface SourceTarget extends TargetRef {
  name: string;
  /** Whether the target answered last time it was seen (terminal online, cloud reachable). */
  reachable: boolean;
  queued: number;
  needsAttention: number;
}

/** A filter of operations. */
export interface SourceQuery {
  state?: OperationState;
  target?: string;
  offset: number;
  limit: number;
}

/** Operations of jobs created in a window (a site visit); both ends optional (ms since epoch). */
export interface TimeRange {
  since?: number;
  until?: number;
}

/** Who acts and when, recorded in the history (`sync_actions`) with the operation. */
export interface ActionInfo {
  actor: string;
  at: number;
  /** Why (a supersede names the operation that replaced it). */
  note?: string;
  /** The state the operation is put in by a discard: `superseded` reads differently in the history. */
  kind?: 'discard' | 'supersede';
}

/** Every state at zero. */
export function emptySyncCounts(): SyncCounts {
  return { queued: 0, running: 0, done: 0, 'needs-attention': 0, discarded: 0 };
}

/** Adds `more` into `total`. */
export function addCounts(total: SyncCounts, more: SyncCounts): SyncCounts {
  for (const key of Object.keys(total) as (keyof SyncCounts)[]) total[key] += more[key];
  return total;
}

/** Splits an operation id into its source name and local id; null when it has no source prefix. */
export function parseOperationId(id: string): { source: string; localId: string } | null {
  const at = id.indexOf(':');
  if (at <= 0 || at === id.length - 1) return null;
  return { source: id.slice(0, at), localId: id.slice(at + 1) };
}
