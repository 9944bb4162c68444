import type { OutcomeCounts } from '../../shared/domain/removal.ts';
import type { SyncCounts } from '../../shared/domain/sync.ts';

// What the sync benchmark (bench/benchmarks/sync.ts, the parent, which runs the gateway simulator) and its
// driver (sync-until.ts, a forked child that runs the app's core) share.

/** Messages between the benchmark (parent) and this driver over the fork IPC channel. */
export type SyncDriverMessage =
  | { type: 'queued'; queued: number; msToQueue: number }
  | { type: 'online' }
  | { type: 'report'; report: SyncUntilReport };

/** What the driver saw: how long the queue took to drain and how every item ended. */
export interface SyncUntilReport {
  /** Removals journaled. */
  items: number;
  /** Of those, queued (`cloud-unreachable`) before the cloud came back. */
  queuedBeforeSync: number;
  /** From `cloud-removal:start` to every item queued while the cloud was offline. */
  msToQueue: number;
  /** From `sync:now` to the queue drained (nothing queued or running); null when the cap came first. */
  msToDrain: number | null;
  /** The sync queue's counts at the end. */
  counts: SyncCounts;
  /** The job's items per outcome at the end. */
  outcomes: OutcomeCounts;
  /** Items that ended needs-attention because the gateway kept throttling ("Request Limited"). */
  unresolvedThrottled: number;
  /** Items that ended needs-attention for any other reason, with their raw codes. */
  otherFailures: Record<string, number>;
  /** CPU time of this process (the app's core) from `sync:now` to the end, in ms. */
  cpuMs: number;
  /** Why it stopped early, when it did. */
  error?: string;
}

/** The project and the app the benchmark's gateway knows. */
export const BENCH_APP = { appKey: '203753016', appSecret: 'bench-gateway-secret', projectId: 'a124projectBench' };

/** The one face device every removal targets (one scope: requests needed = ceil(items / batch size)). */
export const BENCH_DEVICE = 'bench-door-1';

/** The user ids of the benchmark: `bench-user-00001`, ... */
export function benchUserIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `bench-user-${String(i + 1).padStart(5, '0')}`);
}
