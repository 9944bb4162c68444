import type { Operation, OperationState, SyncCounts } from '../../../shared/domain/sync.ts';
import { displayNameOf, type Terminal } from '../../../shared/domain/terminal.ts';
import type { ActionRecord, DriftRecord } from '../jobs/sync-history.ts';
import { addCounts, emptySyncCounts, type TimeRange } from '../jobs/sync-port.ts';
import type { ReportOperation } from './report-operation.ts';
import { createTargetSummaries, type TargetSummary } from './target-summary.ts';

/** Most item rows the HTML report lists (problems first); the CSV always has every one. */
export const HTML_ITEM_LIMIT = 5000;

export type { ReportOperation } from './report-operation.ts';

/** Counts of one terminal, channel or job in the report. */
export interface GroupSummary {
  key: string;
  name: string;
  counts: SyncCounts;
  /** Done operations that were already absent (found so, or answered "not found"). */
  alreadyAbsent: number;
  /**
   * Operations sent whose outcome no evidence confirms (outcome `unconfirmed`: neither removed nor failed;
   * counted among those needing attention, and apart).
   */
  unconfirmed: number;
  drift: number;
  /**
   * The earliest `queuedAt` of its operations: when a target first did not answer (terminal items:
   * migration 5; cloud pushes and Alibaba items: migration 6), never the time of a later change.
   */
  firstQueuedAt: number | null;
  /** The latest `syncedAt`: when a target acknowledged a done outcome. */
  lastSyncedAt: number | null;
}

/** One job (bulk operation) of the visit. */
export interface JobGroup extends GroupSummary {
  source: string;
  kinds: string[];
}

/** Everything a commissioning report shows, gathered in one pass over the operations. */
export interface ReportData {
  site: string;
  appVersion: string;
  generatedAt: number;
  range: TimeRange;
  terminals: Terminal[];
  totals: SyncCounts;
  alreadyAbsent: number;
  /** Operations whose outcome is unconfirmed (see {@link GroupSummary.unconfirmed}). */
  unconfirmed: number;
  /** Per terminal, cloud channel and cloud: asked, confirmed with the evidence, open with the reasons (the report's lead). */
  targets: TargetSummary[];
  perTerminal: GroupSummary[];
  perChannel: GroupSummary[];
  jobs: JobGroup[];
  drift: DriftRecord[];
  actions: ActionRecord[];
  /** Item rows for the HTML (at most {@link HTML_ITEM_LIMIT}: every problem first, then the rest). */
  items: ReportOperation[];
  operationCount: number;
}

/** What {@link collectReport} reads. */
export interface ReportInput {
  site: string;
  appVersion: string;
  generatedAt: number;
  range: TimeRange;
  terminals: Terminal[];
  operations: Iterable<ReportOperation>;
  drift: DriftRecord[];
  actions: ActionRecord[];
}

function summary(key: string, name: string): GroupSummary {
  return {
    key,
    name,
    counts: emptySyncCounts(),
    alreadyAbsent: 0,
    unconfirmed: 0,
    drift: 0,
    firstQueuedAt: null,
    lastSyncedAt: null,
  };
}

function group(map: Map<string, GroupSummary>, key: string, name: string): GroupSummary {
  let found = map.get(key);
  if (!found) {
    found = summary(key, name);
    map.set(key, found);
  }
  return found;
}

function count(into: GroupSummary, op: Operation): void {
  into.counts[op.state]++;
  if (op.state === 'done' && (op.outcome === 'already-absent' || op.reasonCode === 'drift-absent')) {
    into.alreadyAbsent++;
  }
  if (op.outcome === 'unconfirmed') into.unconfirmed++;
  if (op.drift !== null) into.drift++;
  if (op.queuedAt !== null) into.firstQueuedAt = Math.min(into.firstQueuedAt ?? op.queuedAt, op.queuedAt);
  if (op.syncedAt !== null) into.lastSyncedAt = Math.max(into.lastSyncedAt ?? op.syncedAt, op.syncedAt);
}

const PROBLEM: ReadonlySet<OperationState> = new Set(['needs-attention', 'queued', 'running', 'discarded']);

/**
 * Gathers the report in one pass: totals, per terminal, per channel, per job, and the item rows the HTML lists
 * (every problem first, then done ones, up to {@link HTML_ITEM_LIMIT}). Terminals of the inventory without
 * operations still appear (terminals found).
 */
export function collectReport(input: ReportInput): ReportData {
  const terminals = new Map<string, GroupSummary>();
  const channels = new Map<string, GroupSummary>();
  const jobs = new Map<string, JobGroup>();
  const problems: ReportOperation[] = [];
  const done: ReportOperation[] = [];
  const targets = createTargetSummaries(input.terminals);
  let operationCount = 0;
  for (const t of input.terminals) group(terminals, t.serial, displayNameOf(t) || t.serial);
  for (const op of input.operations) {
    operationCount++;
    targets.add(op);
    if (op.targetKind === 'terminal') count(group(terminals, op.target, op.targetName), op);
    if (op.channel !== null) {
      // One channel once, by its stable id, however each operation names it (issue 18: 7 channels for 3).
      const channel = group(channels, `${op.target}/${op.channelId ?? op.channel}`, `${op.targetName} · ${op.channel}`);
      if (op.channelId && op.channel !== op.channelId) channel.name = `${op.targetName} · ${op.channel}`;
      count(channel, op);
    }
    let job = jobs.get(op.jobId);
    if (!job) {
      job = { ...summary(op.jobId, op.jobLabel ?? op.jobId), source: op.source, kinds: [] };
      jobs.set(op.jobId, job);
    }
    if (!job.kinds.includes(op.kind)) job.kinds.push(op.kind);
    count(job, op);
    if (PROBLEM.has(op.state)) {
      if (problems.length < HTML_ITEM_LIMIT) problems.push(op);
    } else if (done.length < HTML_ITEM_LIMIT) done.push(op);
  }
  const totals = [...jobs.values()].reduce((t, j) => addCounts(t, j.counts), emptySyncCounts());
  return {
    site: input.site,
    appVersion: input.appVersion,
    generatedAt: input.generatedAt,
    range: input.range,
    terminals: input.terminals,
    totals,
    alreadyAbsent: [...jobs.values()].reduce((n, j) => n + j.alreadyAbsent, 0),
    unconfirmed: [...jobs.values()].reduce((n, j) => n + j.unconfirmed, 0),
    targets: targets.list(),
    perTerminal: [...terminals.values()],
    perChannel: [...channels.values()],
    jobs: [...jobs.values()],
    drift: input.drift,
    actions: input.actions,
    items: [...problems, ...done].slice(0, HTML_ITEM_LIMIT),
    operationCount,
  };
}
