import { z } from 'zod';
import { CloudReachabilitySchema } from './status.ts';
import { EvidenceSchema } from './removal.ts';

/**
 * Serialisable shapes of the sync queue (electron/core/sync): one outbox over every job kind's operations,
 * their states, reasons and actions, the connectivity of their targets, and the requests of `sync:*`.
 */

const count = z.number().int().nonnegative();
const opId = z.string().min(3).max(160);

/** Where an operation is: waiting for its target, being sent, finished, needing the technician, or discarded. */
export const OPERATION_STATES = ['queued', 'running', 'done', 'needs-attention', 'discarded'] as const;

/** Zod schema of {@link OperationState}. */
export const OperationStateSchema = z.enum(OPERATION_STATES);

/** Where an operation is. */
export type OperationState = z.infer<typeof OperationStateSchema>;

/**
 * Why an operation is where it is, as a closed set the user interface translates (the engine's own English
 * detail travels beside it in `reason`):
 * - queued: `terminal-offline`, `cloud-unreachable`, `cloud-task-running` (a push's task still runs in the cloud
 *   after the follow's limit: followed again later), `job-paused`, `waiting` (its job has not reached it yet);
 * - needs-attention: `credentials` (fix them, then retry), `invalid` (retrying cannot help: fix the data or
 *   discard), `failed` (retries ran out or the result could not be confirmed: retry or discard);
 * - done: `drift-absent` (already absent when the target was read again before replaying);
 * - discarded: `discarded` (by the technician), `superseded` (a later full push replaced it), `cancelled`.
 */
export const REASON_CODES = [
  'terminal-offline',
  'cloud-unreachable',
  'cloud-task-running',
  'job-paused',
  'waiting',
  'credentials',
  'invalid',
  'failed',
  'drift-absent',
  'discarded',
  'superseded',
  'cancelled',
] as const;

/** Zod schema of {@link ReasonCode}. */
export const ReasonCodeSchema = z.enum(REASON_CODES);

/** Why an operation is where it is. */
export type ReasonCode = z.infer<typeof ReasonCodeSchema>;

/** What an operation acts on: a terminal (by serial) or a cloud (tuya, aliyun), optionally one channel of it. */
export const TargetKindSchema = z.enum(['terminal', 'cloud']);

/** What an operation acts on. */
export type TargetKind = z.infer<typeof TargetKindSchema>;

/** One operation of the sync queue: one item of a job (a person on a terminal, a push to a channel, ...). */
export const OperationSchema = z.object({
  /** Stable id: `<source>:<local id>` (for example `removal:42`). */
  id: opId,
  /** The job kind that owns it (`removal`, and the cloud job kinds once they register). */
  source: z.string(),
  jobId: z.string(),
  jobLabel: z.string().nullable(),
  /** What it does, for example `remove-person`, `remove-face`, `permission-push`. */
  kind: z.string(),
  targetKind: TargetKindSchema,
  /** The terminal's serial, or the cloud's name. */
  target: z.string(),
  targetName: z.string(),
  /** The entrance channel of a cloud operation (per-channel summaries), else null. */
  channel: z.string().nullable(),
  /**
   * The channel's stable id (a Tuya channel id, an Alibaba scope id) when `channel` is one: a channel is counted
   * once by it, whether an operation names it by its name or (its name not known yet) by its id.
   */
  channelId: z.string().nullable().optional(),
  /** The person, face or list the operation is about. */
  subject: z.string(),
  subjectName: z.string().nullable(),
  state: OperationStateSchema,
  /** The engine's own outcome (removed, already-absent, failed, unconfirmed, ...), when it has one. */
  outcome: z.string().nullable(),
  /** What decided the outcome (removal.ts EVIDENCE_KINDS); null without evidence, absent for pushes. */
  evidence: EvidenceSchema.nullable().optional(),
  reasonCode: ReasonCodeSchema.nullable(),
  /** The engine's detail (English), for the technician and the report. */
  reason: z.string().nullable(),
  rawCode: z.string().nullable(),
  attempts: count,
  /** Whether "retry" can help (false for items that can never succeed, such as a missing id). */
  retryable: z.boolean(),
  queuedAt: z.number().int().nullable(),
  syncedAt: z.number().int().nullable(),
  updatedAt: z.number().int(),
  discardedBy: z.string().nullable(),
  discardedAt: z.number().int().nullable(),
  /** What had changed on the target since it was queued (drift), when something had. */
  drift: z.string().nullable(),
});

/** One operation of the sync queue. */
export type Operation = z.infer<typeof OperationSchema>;

/** How many operations are in each state. */
export const SyncCountsSchema = z.object({
  queued: count,
  running: count,
  done: count,
  'needs-attention': count,
  discarded: count,
});

/** How many operations are in each state. */
export type SyncCounts = z.infer<typeof SyncCountsSchema>;

/** One target with work in the queue, and whether it answers. */
export const SyncTargetSchema = z.object({
  targetKind: TargetKindSchema,
  target: z.string(),
  name: z.string(),
  reachable: z.boolean(),
  queued: count,
  needsAttention: count,
});

/** One target with work in the queue. */
export type SyncTarget = z.infer<typeof SyncTargetSchema>;

/** What the connectivity monitor knows of one cloud. */
export const CloudConnectivitySchema = z.object({
  cloud: z.string(),
  reachability: CloudReachabilitySchema,
  /** Credentials refused by the last probe: the cloud answers, but its work needs new credentials. */
  credentialsRejected: z.boolean(),
  lastProbeAt: z.number().int().nullable(),
  nextProbeAt: z.number().int().nullable(),
  error: z.string().nullable(),
});

/** What the connectivity monitor knows of one cloud. */
export type CloudConnectivity = z.infer<typeof CloudConnectivitySchema>;

/** The answer of `sync:status` (and the payload of `sync:changed`). */
export const SyncStatusSchema = z.object({
  counts: SyncCountsSchema,
  targets: z.array(SyncTargetSchema),
  clouds: z.array(CloudConnectivitySchema),
  /** When "Sync now" (or the monitor) last started a sync. */
  lastSyncAt: z.number().int().nullable(),
  syncing: z.boolean(),
});

/** The answer of `sync:status`. */
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/** The request of `sync:list`: one page of operations, filtered by state or target. */
export const SyncListRequestSchema = z
  .object({
    state: OperationStateSchema.optional(),
    target: z.string().min(1).max(128).optional(),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();

/** The request of `sync:list` (as sent). */
export type SyncListRequest = z.input<typeof SyncListRequestSchema>;

/** The request of `sync:list` (defaults applied). */
export type SyncListQuery = z.output<typeof SyncListRequestSchema>;

/** The answer of `sync:list`. */
export const SyncPageSchema = z.object({ items: z.array(OperationSchema), matching: count });

/** The answer of `sync:list`. */
export type SyncPage = z.infer<typeof SyncPageSchema>;

/** Which operations an action applies to: named ones, or every one needing attention. */
export const OperationSelectionSchema = z.union([
  z.object({ ids: z.array(opId).min(1).max(5000) }).strict(),
  z.object({ all: z.literal('needs-attention') }).strict(),
]);

/** Which operations an action applies to. */
export type OperationSelection = z.infer<typeof OperationSelectionSchema>;

/** The request of `sync:discard`: the confirmation is part of the request, so nothing is discarded by accident. */
export const SyncDiscardRequestSchema = z
  .object({ selection: OperationSelectionSchema, confirm: z.literal(true) })
  .strict();

/** The answer of `sync:now`. */
export const SyncNowResultSchema = z.object({
  terminalsOnline: count,
  terminalsOffline: count,
  clouds: z.array(CloudConnectivitySchema),
  /** Operations waiting when the sync started. */
  queued: count,
});

/** The answer of `sync:now`. */
export type SyncNowResult = z.infer<typeof SyncNowResultSchema>;
