import type { JobProgress } from '../../../../shared/domain/job.ts';
import type {
  ItemFilter,
  JobDetail,
  JobItem,
  JobSummary,
  JobTerminal,
  OutcomeCounts,
} from '../../../../shared/domain/removal.ts';
import { AppError } from '../../../../shared/errors.ts';
import type { AliyunJobOptions, AliyunJournal } from './aliyun-journal.ts';
import type { JobTableRow, JobTable } from '../../jobs/job-table.ts';
import type { ChannelRow, PushJournal } from './push-journal.ts';
import type { PushTasks } from './push-tasks.ts';

/** What the views read. */
export interface ViewDeps {
  rows: JobTable;
  push: PushJournal;
  tasks: PushTasks;
  aliyun: AliyunJournal;
}

/** A query of `jobs:show` (defaults applied). */
export interface ShowQuery {
  jobId: string;
  outcome?: ItemFilter;
  terminal?: string;
  offset: number;
  limit: number;
}

function withoutUndefined(counts: OutcomeCounts): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== undefined)) as Record<string, number>;
}

/** A channel as a report item: the channel id in the terminal column, its name, its outcome. */
export function channelItem(row: ChannelRow): JobItem {
  return {
    seq: row.seq,
    terminal: row.channelId,
    terminalKind: 'unknown',
    line: null,
    name: row.channelName,
    personKey: row.channelId,
    idKind: 'channel',
    nativeId: row.channelId,
    faceId: null,
    outcome: row.state === 'final' || row.outcome === 'queued' ? row.outcome : null,
    rawCode: row.rawCode,
    reason: row.reason,
    attempts: row.attempts,
    verified: null,
    updatedAt: row.updatedAt,
  };
}

function matches(item: JobItem, filter: ItemFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (filter === 'pending') return item.outcome === null;
  return item.outcome === filter;
}

/** Read-only views of cloud jobs in the shapes of the `jobs:*` channels, and their progress events. */
export function createCloudViews(deps: ViewDeps) {
  const row = (jobId: string): JobTableRow => {
    const found = deps.rows.get(jobId);
    if (!found) {
      throw new AppError(
        'NOT_FOUND',
        `There is no job ${jobId}. List the jobs with "fcom jobs list" and use one of their ids.`,
      );
    }
    return found;
  };

  const countsOf = (job: JobTableRow): { total: OutcomeCounts; per: Map<string, OutcomeCounts> } => {
    if (job.kind === 'aliyun-removal') {
      const { total, perScope } = deps.aliyun.counts(job.id);
      return { total, per: perScope };
    }
    const per = new Map<string, OutcomeCounts>();
    for (const c of deps.push.channels(job.id)) {
      const counts: OutcomeCounts = {
        removed: 0,
        'already-absent': 0,
        failed: 0,
        queued: 0,
        cancelled: 0,
        pending: 0,
        done: 0,
      };
      const key = c.state !== 'final' ? (c.outcome === 'queued' ? 'queued' : 'pending') : (c.outcome ?? 'pending');
      counts[key] = 1;
      per.set(c.channelId, counts);
    }
    return { total: deps.push.counts(job.id), per };
  };

  const summary = (jobId: string): JobSummary => {
    const job = row(jobId);
    const { total, per } = countsOf(job);
    return {
      id: job.id,
      kind: job.kind,
      state: job.state,
      mode: 'people',
      verify: false,
      label: job.label,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      finishedAt: job.finishedAt,
      total: Object.values(total).reduce((a: number, b) => a + (b ?? 0), 0),
      terminals: per.size,
      counts: total,
      verified: 0,
      unverified: 0,
      error: job.error,
    };
  };

  return {
    row,
    summary,

    /** `jobs:show` of a cloud job: per channel (or scope) counts and one page of items. */
    show(query: ShowQuery): JobDetail {
      const job = row(query.jobId);
      const { per } = countsOf(job);
      const terminals: JobTerminal[] = [...per].map(([serial, counts]) => ({ serial, kind: 'unknown', counts }));
      if (job.kind === 'aliyun-removal') {
        const options = job.options as AliyunJobOptions;
        const page = deps.aliyun.items(
          job.id,
          options.userType,
          {
            ...(query.outcome ? { outcome: query.outcome } : {}),
            ...(query.terminal ? { scope: query.terminal } : {}),
          },
          query.offset,
          query.limit,
        );
        return { job: summary(job.id), terminals, ...page };
      }
      const all = deps.push
        .channels(job.id)
        .map(channelItem)
        .filter((i) => matches(i, query.outcome) && (query.terminal === undefined || i.terminal === query.terminal));
      return {
        job: summary(job.id),
        terminals,
        items: all.slice(query.offset, query.offset + query.limit),
        matching: all.length,
      };
    },

    /** Every item of an Alibaba removal job, paged lazily (exports). */
    *aliyunItems(jobId: string): Generator<JobItem> {
      const options = row(jobId).options as AliyunJobOptions;
      for (let offset = 0; ; offset += 1000) {
        const { items } = deps.aliyun.items(jobId, options.userType, {}, offset, 1000);
        yield* items;
        if (items.length < 1000) return;
      }
    },

    /** The `jobs:progress` event of a cloud job (counts, never result sets). */
    progress(jobId: string): JobProgress | undefined {
      const job = deps.rows.get(jobId);
      if (!job) return undefined;
      const s = summary(jobId);
      const c = s.counts;
      const finished = c.removed + c['already-absent'] + c.failed + c.cancelled + (c.done ?? 0);
      const extra: Record<string, number> = {};
      let value = s.total > 0 ? finished / s.total : 1;
      if (job.kind === 'permission-push') {
        const totals = deps.tasks.totals(jobId);
        extra.records = totals.total;
        extra.recordsSucceeded = totals.succeeded;
        extra.recordsFailed = totals.failed;
        const following = deps.push.channels(jobId).filter((ch) => ch.state === 'following');
        const partial = following.reduce((sum, ch) => {
          const tasks = deps.tasks.ofJob(jobId, ch.channelId);
          return sum + (tasks.length > 0 ? tasks.reduce((p, t) => p + t.progress, 0) / tasks.length : 0);
        }, 0);
        value = s.total > 0 ? (finished + partial) / s.total : 1;
      }
      return {
        jobId,
        kind: job.kind,
        state: s.state,
        value: Math.min(1, Math.max(0, value)),
        done: finished,
        total: s.total,
        counts: { ...withoutUndefined(c), ...extra },
        error: s.error,
      };
    },
  };
}

/** The views object. */
export type CloudViews = ReturnType<typeof createCloudViews>;
