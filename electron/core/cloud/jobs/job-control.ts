import type { ExportFormat, JobDetail, JobExport, JobSummary } from '../../../../shared/domain/removal.ts';
import type { RemovalService } from '../../removal/removal-service.ts';
import type { CloudJobService } from './cloud-jobs.ts';
import type { ShowQuery } from './cloud-views.ts';

/** The `jobs:*` channels over every journaled job, whatever its kind. */
export interface JobControl {
  list(limit?: number): JobSummary[];
  show(query: ShowQuery): JobDetail;
  pause(jobId: string): JobSummary;
  resume(jobId: string): JobSummary;
  retryFailed(jobId: string): Promise<{ jobId: string; retried: number }>;
  cancel(jobId: string): boolean;
  /** A job's report (a push's records not read yet are read from the cloud first, when it answers). */
  export(jobId: string, format: ExportFormat): JobExport | Promise<JobExport>;
  whenIdle(jobId: string): Promise<JobSummary>;
}

/**
 * Routes the `jobs:*` channels: cloud jobs (permission-push, aliyun-removal) to the cloud engine, the rest to the
 * removal engine. Jobs share one table, so `list` reads them once and lets the cloud engine count its own.
 */
export function createJobControl(removal: RemovalService, cloud: CloudJobService): JobControl {
  const engine = (jobId: string) => (cloud.owns(jobId) ? cloud : removal);
  return {
    list: (limit) => removal.list(limit).map((job) => (cloud.owns(job.id) ? cloud.summary(job.id) : job)),
    show: (query) => engine(query.jobId).show(query),
    pause: (jobId) => engine(jobId).pause(jobId),
    resume: (jobId) => engine(jobId).resume(jobId),
    retryFailed: async (jobId) => engine(jobId).retryFailed(jobId),
    cancel: (jobId) => engine(jobId).cancel(jobId),
    export: (jobId, format) => engine(jobId).export(jobId, format),
    whenIdle: (jobId) => engine(jobId).whenIdle(jobId),
  };
}
