import { z } from 'zod';
import { AliyunScopeTypeSchema, AliyunUserTypeSchema } from './cloud.ts';
import { JobStateSchema } from './job.ts';
import { ItemOutcomeSchema } from './removal.ts';

/**
 * Cloud jobs (issue 6): Tuya permission pushes per channel with their tasks and per-person records, and
 * Alibaba face-permission removals. The names of certificate policies, task states and record states are the
 * app's words; the vendor numbers are mapped in electron/core/cloud/tuya/task-status.ts (one place).
 */

const jobId = z.string().min(1).max(64);
const count = z.number().int().nonnegative();
const cloudId = z.string().trim().min(1).max(128);

/** Credential policies of an issue, in the vendor's order 1..4. */
export const CERTIFICATE_POLICY_NAMES = ['card', 'card+face', 'card+password', 'card+password+face'] as const;

/** Zod schema of a certificate policy name. */
export const CertificatePolicySchema = z.enum(CERTIFICATE_POLICY_NAMES);

/** A certificate policy: which credentials an issue pushes. */
export type CertificatePolicyName = z.infer<typeof CertificatePolicySchema>;

/** `full` sends every permission of the channels again; `increment` only what is still to be sent. */
export const IssueModeSchema = z.enum(['full', 'increment']);

/** An issue mode. */
export type IssueModeName = z.infer<typeof IssueModeSchema>;

/** The app's states of a cloud task. */
export const TaskStateSchema = z.enum(['pending', 'running', 'succeeded', 'partly-failed', 'failed', 'stopped']);

/** The state of a cloud task. */
export type TaskStateName = z.infer<typeof TaskStateSchema>;

/** The app's states of one person's record inside a task. */
export const RecordStateSchema = z.enum(['pending', 'unknown', 'stopped', 'failed', 'succeeded']);

/** The state of one person's record. */
export type RecordStateName = z.infer<typeof RecordStateSchema>;

/** An entrance or exit of the Tuya project, as `permissions:channels` lists it. */
export const ChannelViewSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  number: z.string().nullable(),
  deviceName: z.string().nullable(),
  positionPath: z.string().nullable(),
  /** The access control device is online (null: the cloud did not say). */
  online: z.boolean().nullable(),
});

/** A channel of the Tuya project. */
export type ChannelView = z.infer<typeof ChannelViewSchema>;

/** The request of `permissions:push`. */
export const PushRequestSchema = z
  .object({
    channelIds: z.array(cloudId).min(1).max(500),
    mode: IssueModeSchema,
    certificate: CertificatePolicySchema,
    label: z.string().max(300).optional(),
  })
  .strict();

/** The request of `permissions:push`. */
export type PushRequest = z.infer<typeof PushRequestSchema>;

/** Counts of one credential kind: sent, failed to send, deleted, failed to delete. */
export const CredentialCountsSchema = z.object({ issued: count, failed: count, deleted: count, deleteFailed: count });

/** Counts of one credential kind. */
export type CredentialCountsView = z.infer<typeof CredentialCountsSchema>;

/** The per-credential breakdown (of one record, or summed over a task). */
export const CredentialBreakdownSchema = z.object({
  person: CredentialCountsSchema,
  card: CredentialCountsSchema,
  /** The card password ("password" in the UI). */
  cardPassword: CredentialCountsSchema,
  face: CredentialCountsSchema,
  fingerprint: CredentialCountsSchema,
});

/** The per-credential breakdown. */
export type CredentialBreakdown = z.infer<typeof CredentialBreakdownSchema>;

/** One cloud task of a push: its state and counts (records are paged through `permissions:task-detail`). */
export const PushTaskSchema = z.object({
  taskId: z.string(),
  state: TaskStateSchema,
  /** Finished records / all records, 0..1 (1 once ended). */
  progress: z.number().min(0).max(1),
  total: count,
  succeeded: count,
  failed: count,
  /** Records that ended neither succeeded nor failed (stopped, unknown). */
  other: count,
  /** How the app learnt the task id: from the issue's answer, or by re-checking the task list. */
  foundBy: z.enum(['answer', 'recheck']),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
  /** Per-person records are stored (the task was followed to its end). */
  recordsStored: z.boolean(),
});

/** One cloud task of a push. */
export type PushTask = z.infer<typeof PushTaskSchema>;

/** One channel of a push job: the item's outcome and its task(s). */
export const PushChannelSchema = z.object({
  jobId,
  channelId: z.string(),
  channelName: z.string().nullable(),
  /** Null while the push is being sent or followed. */
  outcome: ItemOutcomeSchema.nullable(),
  rawCode: z.string().nullable(),
  reason: z.string().nullable(),
  attempts: count,
  tasks: z.array(PushTaskSchema),
});

/** One channel of a push job. */
export type PushChannel = z.infer<typeof PushChannelSchema>;

/** The request of `permissions:tasks`: the channels of one push job (default: the newest push job). */
export const PushTasksRequestSchema = z.object({ jobId: jobId.optional() }).strict();

/** What `permissions:tasks` answers. */
export const PushTasksSchema = z.object({
  /** Null when there is no push job yet. */
  jobId: jobId.nullable(),
  /** The push job's state and when it was created (null without a push). */
  state: JobStateSchema.nullable(),
  createdAt: z.number().int().nullable(),
  mode: IssueModeSchema.nullable(),
  certificate: CertificatePolicySchema.nullable(),
  channels: z.array(PushChannelSchema),
});

/** What `permissions:tasks` answers. */
export type PushTasks = z.infer<typeof PushTasksSchema>;

/** One person's record in a task. */
export const PersonRecordSchema = z.object({
  recordId: z.string(),
  personId: z.string().nullable(),
  name: z.string().nullable(),
  state: RecordStateSchema,
  breakdown: CredentialBreakdownSchema.nullable(),
});

/** One person's record in a task. */
export type PersonRecord = z.infer<typeof PersonRecordSchema>;

/** The request of `permissions:task-detail`: a task and one page of its records. */
export const TaskDetailRequestSchema = z
  .object({
    taskId: cloudId,
    state: RecordStateSchema.optional(),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

/** What `permissions:task-detail` answers. */
export const TaskDetailSchema = z.object({
  jobId,
  channelId: z.string(),
  channelName: z.string().nullable(),
  task: PushTaskSchema,
  /** Summed over the task's records; null until the task was followed to its end. */
  credentials: CredentialBreakdownSchema.nullable(),
  records: z.array(PersonRecordSchema),
  /** Records matching the filter (for paging). */
  matching: count,
});

/** What `permissions:task-detail` answers. */
export type TaskDetail = z.infer<typeof TaskDetailSchema>;

/** What `permissions:retry-failed` answers: the new (increment) push job, or null when nothing failed. */
export const RetryPushSchema = z.object({ jobId: jobId.nullable(), channelIds: z.array(z.string()) });

/** What `permissions:retry-failed` answers. */
export type RetryPush = z.infer<typeof RetryPushSchema>;

/** The request of `cloud-removal:start`: remove these users' faces from these devices or spaces. */
export const CloudRemovalRequestSchema = z
  .object({
    userType: AliyunUserTypeSchema.optional(),
    userIds: z.array(z.string().max(128)).min(1).max(100_000),
    scopeType: AliyunScopeTypeSchema,
    scopeIds: z.array(z.string().max(128)).min(1).max(1000),
    label: z.string().max(300).optional(),
  })
  .strict();

/** The request of `cloud-removal:start`. */
export type CloudRemovalRequest = z.infer<typeof CloudRemovalRequestSchema>;

/** What `cloud-removal:start` answers. */
export const CloudRemovalStartedSchema = z.object({ jobId, items: count, failedAtPlan: count });

/** What `cloud-removal:start` answers. */
export type CloudRemovalStarted = z.infer<typeof CloudRemovalStartedSchema>;
