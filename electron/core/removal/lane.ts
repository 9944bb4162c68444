import type { RemovalMode } from '../../../shared/domain/people-import.ts';
import type { RemovalSettings } from '../../../shared/domain/removal.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import type { TerminalSession } from '../drivers/driver.ts';
import type { InventoryRepository } from '../inventory/inventory-repository.ts';
import type { BackoffPolicy } from '../jobs/backoff.ts';
import type { CommitGroup } from '../jobs/commit-group.ts';
import type { Release, RequestLimiter } from '../jobs/limiter.ts';
import type { ProgressPublisher } from '../jobs/progress.ts';
import type { RunControl } from '../jobs/run.ts';
import type { Journal } from './journal.ts';
import { checkDriftBeforeReplay } from './drift.ts';
import type { PlanFeed } from './plan-feed.ts';
import { readBeforeBlindDeletes } from './pre-read.ts';
import type { Batch, BatchFailure } from './journal-types.ts';
import { untilWhole, waitBackoff, type LaneContext, type LanePlan } from './lane-context.ts';
import { batchSizeFor } from './planner.ts';
import { reconcileOpenBatches, UNREADABLE, verifyTerminal, type RecheckEnd } from './recheck.ts';
import { credentialsFailure } from './credentials-failure.ts';
import { sendBatch, type SendResult } from './send.ts';

/**
 * How a lane ended: `finished` (nothing left for this terminal), `waiting` (the terminal is offline: its
 * items are queued), `stopped` (paused or cancelled), `aborted` (shutdown).
 */
export type LaneEnd = 'finished' | 'waiting' | 'stopped' | 'aborted';

/** What the workers of one lane share. */
interface LaneState {
  offline: boolean;
  auth: BatchFailure | null;
  aborted: boolean;
  stopped: boolean;
  /** Items to send one per request, to isolate the one a terminal refused as not valid. */
  solo: number;
}

function endOf(result: RecheckEnd, state: LaneState): void {
  if (result === 'offline') state.offline = true;
  else if (result === 'aborted') state.aborted = true;
  else if (result === 'stopped') state.stopped = true;
  else if (result === 'auth')
    state.auth = credentialsFailure('The terminal refused them when its list was read.', null);
}

/** Why a claimed batch was put back without being sent. */
const NOT_SENT: BatchFailure = { rawCode: null, reason: 'Not sent: the job was paused or stopped.' };

const halted = (ctx: LaneContext, state: LaneState): boolean =>
  state.offline || state.auth !== null || state.aborted || state.stopped || ctx.control.stopReason() !== null;

/**
 * One worker: claims a batch, records it 'sending', sends it, records the answer; until nothing is left.
 * While a request is out, the next batch is claimed ahead (its own committed claim: the write-ahead rule holds),
 * so the next request leaves as soon as the answer is in, not after two commits. An answer's commit is awaited
 * once the NEXT request is answered, before that answer is recorded: a failure to record stops the lane one
 * request later, and what that request removed is then settled by a read (its items stay 'sending').
 */
async function worker(ctx: LaneContext, state: LaneState): Promise<void> {
  let recording: Promise<void> | null = null;
  const recorded = async (): Promise<void> => {
    const pending = recording;
    recording = null;
    await pending;
  };
  const ahead = claimAhead(ctx);
  try {
    await workerLoop(
      ctx,
      state,
      ahead,
      (answer) => {
        recording = answer;
        // Awaited later (recorded()); until then a failure must not count as an unhandled rejection.
        answer.catch(() => undefined);
      },
      recorded,
    );
  } finally {
    try {
      await ahead.putBack();
    } finally {
      await recorded();
    }
  }
}

/** The batch a worker claims while its request is out (see {@link worker}). */
interface ClaimAhead {
  /** Claims the next batch now (not in solo mode), to be taken by {@link ClaimAhead.take}. */
  start(size: number): void;
  /** The batch claimed ahead, or a batch claimed now. */
  take(size: number): Promise<Batch | null>;
  /** Puts a batch claimed ahead back to pending, unsent and not counted as a send (the lane stops or waits). */
  putBack(): Promise<void>;
}

function claimAhead(ctx: LaneContext): ClaimAhead {
  const { journal, jobId, settings } = ctx;
  const serial = ctx.terminal.serial;
  let claimed: Promise<Batch | null> | null = null;
  const claim = (size: number) => ctx.commits.run(() => journal.claimBatch(jobId, serial, size));
  return {
    start(size) {
      claimed = claim(size);
      // Taken or put back later; until then a failed commit must not count as an unhandled rejection.
      claimed.catch(() => undefined);
    },
    take(size) {
      const taken = claimed ?? claim(size);
      claimed = null;
      return taken;
    },
    async putBack() {
      const pending = claimed;
      claimed = null;
      const batch = await pending?.catch(() => null);
      if (batch) journal.releaseBatch(jobId, batch, NOT_SENT, settings.maxAttempts, false);
    },
  };
}

async function workerLoop(
  ctx: LaneContext,
  state: LaneState,
  ahead: ClaimAhead,
  record: (answer: Promise<void>) => void,
  recorded: () => Promise<void>,
): Promise<void> {
  const { journal, jobId, settings } = ctx;
  const serial = ctx.terminal.serial;
  const size = batchSizeFor(ctx.terminal.kind, ctx.mode, settings);
  while (!halted(ctx, state)) {
    // The slot first, then the claim (or the batch claimed ahead while the last request was out).
    let release: Release;
    try {
      release = await ctx.limiter.acquire(serial, ctx.control.stopSignal);
    } catch {
      state.aborted = ctx.control.closeSignal.aborted;
      return;
    }
    let batch: Batch | null = null;
    let result: SendResult | null = null;
    try {
      if (halted(ctx, state)) return;
      // No batch is claimed ahead while ids are sent one by one (solo), nor after a request that was not answered
      // per item: take() claims now.
      const solo = state.solo > 0;
      batch = await ahead.take(solo ? 1 : size);
      if (!batch) {
        await recorded();
        if (ctx.plan.whole()) return;
      } else if (halted(ctx, state)) {
        // Paused, cancelled or shut down while the claim was being committed: nothing went out.
        journal.releaseBatch(jobId, batch, NOT_SENT, settings.maxAttempts, false);
        return;
      } else {
        if (solo) state.solo--;
        const sending = sendBatch(ctx.session, batch, ctx.control.closeSignal);
        if (state.solo === 0) ahead.start(size);
        result = await sending;
        // The previous answer was committed meanwhile: a failure to record it stops here.
        await recorded();
      }
    } finally {
      release();
    }
    if (!batch || !result) {
      // Nothing pending yet: the plan is still being journaled (plan-feed.ts). Wait for its next round.
      if (!(await ctx.plan.next(ctx.control.stopSignal))) {
        state.aborted = ctx.control.closeSignal.aborted;
        return;
      }
      continue;
    }
    // Only after a per-item answer does the batch claimed ahead go out next; otherwise it waits pending.
    if (result.kind !== 'acknowledged') await ahead.putBack();
    const attempt = Math.max(...batch.items.map((i) => i.attempts));
    switch (result.kind) {
      case 'acknowledged': {
        const { id } = batch;
        const { records } = result;
        record(ctx.commits.run(() => journal.acknowledge(id, records, settings.maxAttempts)));
        break;
      }
      case 'refused':
        journal.releaseBatch(jobId, batch, result.failure, settings.maxAttempts);
        ctx.onProgress();
        if (!(await waitBackoff(ctx, attempt))) return;
        break;
      case 'unknown': {
        const { rawCode, reason } = result.failure;
        journal.markUnknown(batch.id, rawCode ? `${reason} (${rawCode})` : reason);
        if (!(await waitBackoff(ctx, attempt))) return;
        endOf(
          await reconcileOpenBatches(
            ctx,
            journal.openBatches(jobId, serial).filter((b) => b.id === batch.id),
          ),
          state,
        );
        break;
      }
      case 'offline':
        journal.releaseBatch(jobId, batch, result.failure, settings.maxAttempts, false);
        state.offline = true;
        break;
      case 'auth':
        journal.releaseBatch(jobId, batch, result.failure, settings.maxAttempts, false);
        state.auth = result.failure;
        break;
      case 'invalid':
        if (result.answered && batch.items.length > 1) {
          // One bad id can make a terminal refuse a whole request: send these one by one to find it.
          journal.releaseBatch(jobId, batch, result.failure, settings.maxAttempts, false);
          state.solo += batch.items.length;
        } else {
          // One id refused as not valid (or not valid before sending): it can never succeed on this terminal.
          const evidence = result.answered ? 'item-error' : 'plan';
          journal.acknowledge(
            batch.id,
            batch.items.map((i) => ({ itemId: i.id, outcome: 'failed', ...result.failure, evidence, permanent: true })),
          );
        }
        break;
      case 'aborted':
        state.aborted = true;
        return;
    }
    ctx.onProgress();
  }
}

/**
 * Works one terminal of one job until nothing is left, the terminal goes offline, the job is paused or
 * cancelled, or the app shuts down. It first settles batches whose answer is unknown (see
 * reconcileOpenBatches), then runs `settings.perTerminal` workers, then verifies when asked. All state lives
 * in the journal, so a lane can be started again at any time (resume, terminal back online, next start).
 */
export async function runLane(ctx: LaneContext): Promise<LaneEnd> {
  const { journal, jobId } = ctx;
  const serial = ctx.terminal.serial;
  const state: LaneState = { offline: !ctx.terminal.online, auth: null, aborted: false, stopped: false, solo: 0 };
  // Queued items are replayed only after a fresh read says what changed while they waited (drift).
  if (!state.offline) endOf(await checkDriftBeforeReplay(ctx), state);
  if (!halted(ctx, state)) journal.unqueueTerminal(jobId, serial);
  // Deletes the terminal answers without a per-item result are preceded by a complete read (pre-read.ts).
  if (!halted(ctx, state)) endOf(await readBeforeBlindDeletes(ctx), state);
  // Workers end when nothing is pending; a re-check (a read) may put items back, hence the loop: each round
  // sends an item at most once more, so maxAttempts + 1 rounds end every item.
  const rounds = ctx.settings.maxAttempts + 1;
  for (let round = 0; round < rounds && !halted(ctx, state) && journal.hasWork(jobId, serial); round++) {
    ctx.onProgress();
    endOf(await reconcileOpenBatches(ctx), state);
    await Promise.all(Array.from({ length: ctx.settings.perTerminal }, () => worker(ctx, state)));
  }
  // Answers that said nothing about some items are settled by one more read; what no read settles is
  // unconfirmed, never removed on a guess.
  if (!halted(ctx, state)) endOf(await reconcileOpenBatches(ctx), state);
  if (!halted(ctx, state)) {
    journal.settleUnconfirmed(jobId, serial, {
      rawCode: UNREADABLE,
      reason:
        'The terminal did not confirm this item and no complete read could settle it. Retry later: the app reads the terminal before sending anything again.',
    });
  }
  // What the lane records at its end (queued, failed) must cover every item of the terminal (plan-feed.ts).
  if (!state.aborted && ctx.control.stopReason() === null && !(await untilWhole(ctx))) {
    return ctx.control.closeSignal.aborted ? 'aborted' : 'stopped';
  }
  if (state.aborted) return 'aborted';
  if (state.auth) journal.failTerminal(jobId, serial, state.auth);
  if (ctx.control.stopReason() === 'cancel') {
    // Settle what may have been removed before the job's remaining items are cancelled (a read, not a send).
    if (!state.offline) await reconcileOpenBatches(ctx);
    return 'stopped';
  }
  if (state.offline) {
    journal.queueTerminal(jobId, serial);
    ctx.onOffline();
    ctx.onProgress();
    return 'waiting';
  }
  if (state.stopped || ctx.control.stopReason() !== null) return 'stopped';
  if (ctx.verify && !journal.hasWork(jobId, serial)) await verifyTerminal(ctx);
  return 'finished';
}

/** What a lane's pass needs from the rest of the core, besides the journal and its commits. */
export interface LanePassDeps {
  journal: Journal;
  commits: CommitGroup;
  inventory: InventoryRepository;
  limiter: RequestLimiter;
  progress: ProgressPublisher;
  /** Large plans are journaled in rounds while their jobs run: lanes wait for the rounds they need. */
  feed: PlanFeed;
  /** Opens a session with a terminal (its credentials, a per-request time-out). */
  sessionFor(terminal: Terminal, timeoutMs: number): Promise<TerminalSession>;
  settings(): RemovalSettings;
  backoff: BackoffPolicy;
  /** A terminal stopped answering. */
  markOffline(serial: string): void;
  now(): number;
}

/**
 * The pass of one unit of a removal job's run (`../jobs/run.ts` calls it): the terminal's lane, with a session
 * opened with its credentials. A terminal forgotten meanwhile fails its items ("removed from the inventory").
 */
export function lanePassOf(
  deps: LanePassDeps,
  jobId: string,
  options: { mode: RemovalMode; verify: boolean },
): (serial: string, control: RunControl) => Promise<LaneEnd> {
  return async (serial, control) => {
    const terminal = deps.inventory.get(serial);
    const plan: LanePlan = {
      whole: () => deps.feed.whole(jobId, serial),
      coming: (idKind) => deps.feed.comingOfKind(jobId, serial, idKind),
      next: (signal) => deps.feed.next(jobId, signal),
    };
    if (!terminal) {
      if (!(await untilWhole({ plan, control }))) return 'stopped';
      deps.journal.failTerminal(jobId, serial, {
        rawCode: 'terminal:forgotten',
        reason: 'The terminal was removed from the inventory before its items were sent. Add it again and retry.',
      });
      return 'finished';
    }
    const settings = deps.settings();
    const session = await deps.sessionFor(terminal, settings.requestTimeoutMs);
    return runLane({
      jobId,
      terminal,
      mode: options.mode,
      verify: options.verify,
      session,
      journal: deps.journal,
      commits: deps.commits,
      limiter: deps.limiter,
      settings,
      backoff: deps.backoff,
      control,
      plan,
      onProgress: () => deps.progress.publish(jobId),
      onOffline: () => deps.markOffline(serial),
      now: deps.now,
    });
  };
}
