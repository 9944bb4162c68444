import { z } from 'zod';

/**
 * Kinds of long-running work (`permission-push` and `aliyun-removal` are the journaled cloud jobs;
 * `people-refresh` reads every terminal's people into the site index).
 */
export const JobKindSchema = z.enum(['sweep', 'remove', 'permission-push', 'aliyun-removal', 'sync', 'people-refresh']);

/** Kinds of long-running work. */
export type JobKind = z.infer<typeof JobKindSchema>;

/** Where a job is in its life. */
export const JobStateSchema = z.enum(['planned', 'running', 'paused', 'done', 'failed', 'cancelled']);

/** Where a job is in its life. */
export type JobState = z.infer<typeof JobStateSchema>;

/** A job's progress, as pushed to the UI (throttled): counts, never whole result sets. */
export const JobProgressSchema = z.object({
  jobId: z.string(),
  kind: JobKindSchema,
  state: JobStateSchema,
  /** 0..1 */
  value: z.number().min(0).max(1),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Kind-specific counters (e.g. found terminals, failed items). */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** Why the job failed, when it did. */
  error: z.string().nullable(),
});

/** A job's progress. */
export type JobProgress = z.infer<typeof JobProgressSchema>;
