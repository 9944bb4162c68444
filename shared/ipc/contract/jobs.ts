import { z } from 'zod';
import { JobProgressSchema } from '../../domain/job.ts';
import {
  ExportFormatSchema,
  JobDetailSchema,
  JobExportSchema,
  JobRefSchema,
  JobShowRequestSchema,
  JobSummarySchema,
} from '../../domain/removal.ts';
import { channel } from './channel.ts';

/** The jobs channels: journaled jobs of every kind: list, show, pause, resume, retry, cancel, export, progress. */
export const jobsChannels = {
  'jobs:cancel': channel(
    z.object({ jobId: z.string().min(1).max(64) }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Cancel a running job.',
  ),
  'jobs:list': channel(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.array(JobSummarySchema),
    'The journaled jobs, newest first, with counts per outcome.',
  ),
  'jobs:show': channel(
    JobShowRequestSchema,
    JobDetailSchema,
    "One page of a job's items, filtered by outcome or terminal.",
  ),
  'jobs:pause': channel(JobRefSchema, JobSummarySchema, 'Pause a running job: no new request starts.'),
  'jobs:resume': channel(
    JobRefSchema,
    JobSummarySchema,
    'Resume a paused job, or one a crash interrupted (unanswered requests are re-checked, never re-sent blindly).',
  ),
  'jobs:retry-failed': channel(
    JobRefSchema,
    z.object({ jobId: z.string(), retried: z.number().int().nonnegative() }),
    "Send a job's failed items again (not those that had no id for their terminal).",
  ),
  'jobs:export': channel(
    z.object({ jobId: z.string().min(1).max(64), format: ExportFormatSchema }).strict(),
    JobExportSchema,
    "A job's report, one row per item, as CSV or JSON text.",
  ),
  'jobs:wait': channel(
    JobRefSchema,
    JobSummarySchema,
    'Wait until a journaled job has nothing more to do in this process right now (finished, paused, or its remaining items wait for terminals or a cloud that do not answer); answers its summary then. The CLI follows a job with this and jobs:progress.',
  ),
} as const;

/** Events of the jobs domain, with their payload schemas. */
export const jobsEvents = {
  'jobs:progress': JobProgressSchema,
} as const;
