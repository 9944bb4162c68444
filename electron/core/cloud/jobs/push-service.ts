import { newJobId } from '../../jobs/job-id.ts';
import type {
  ChannelView,
  PushRequest,
  PushTasks as PushTasksView,
  RetryPush,
  TaskDetail,
} from '../../../../shared/domain/permissions.ts';
import { AppError } from '../../../../shared/errors.ts';
import type { StatusService } from '../../status/status-service.ts';
import type { CloudConfigService } from '../cloud-config.ts';
import { cloudError, isUnreachable, toCloudError } from '../cloud-errors.ts';
import { listAllChannels, type TuyaChannel } from '../tuya/api.ts';
import type { JobTable } from '../../jobs/job-table.ts';
import type { PlannedChannel, PushJournal, PushOptions } from './push-journal.ts';
import type { ChannelNames } from './push-names.ts';
import { fetchBreakdowns, fetchRecordsOnDemand } from './push-on-demand.ts';
import type { PushTasks } from './push-tasks.ts';

/** What the push side of the cloud jobs needs. */
export interface PushServiceDeps {
  config: CloudConfigService;
  status: StatusService;
  rows: JobTable;
  journal: PushJournal;
  tasks: PushTasks;
  /** Channel names known without the cloud, filled in when it answers. */
  names: ChannelNames;
  /** Starts (or wakes) the run of a job. */
  run(jobId: string): void;
}

function toView(channel: TuyaChannel): ChannelView {
  return {
    id: channel.accessControlChannelId,
    name: channel.accessControlChannelName,
    number: channel.accessControlChannelNo,
    deviceName: channel.accessControlName ?? channel.deviceName,
    positionPath: channel.positionPath,
    online: channel.deviceStatus === null ? null : channel.deviceStatus === 1,
  };
}

/** The Tuya side of the cloud jobs: channel list, pushes, their tasks and records, retry of what failed. */
export function createPushService(deps: PushServiceDeps) {
  const { config, journal, tasks, rows } = deps;

  const fetchChannels = async (): Promise<TuyaChannel[]> => {
    const { client, projectId } = await config.tuya();
    try {
      const list = await listAllChannels(client, { projectId });
      deps.status.setCloudReachability('tuya', 'reachable');
      deps.names.learn(list);
      return list;
    } catch (error) {
      if (isUnreachable(error, 'tuya')) deps.status.setCloudReachability('tuya', 'unreachable');
      throw toCloudError(error, 'tuya');
    }
  };

  /**
   * Plans the channels: names from the channel list; unknown ids failed at once. The cloud offline: the names
   * known without it (the last list read, or an earlier push's), the rest filled in when the cloud answers.
   */
  const plan = async (channelIds: readonly string[]): Promise<PlannedChannel[]> => {
    const ids = [...new Set(channelIds)];
    let known: Map<string, TuyaChannel> | null = null;
    try {
      known = new Map((await fetchChannels()).map((c) => [c.accessControlChannelId, c]));
    } catch (error) {
      if (!isUnreachable(error, 'tuya')) throw error;
    }
    const remembered = known === null ? deps.names.known(ids) : null;
    return ids.map((channelId) => {
      if (remembered !== null) {
        const found = remembered.get(channelId);
        return { channelId, name: found?.name ?? null, deviceName: found?.deviceName ?? null };
      }
      if (known === null) return { channelId, name: null, deviceName: null };
      const channel = known.get(channelId);
      if (!channel) {
        return {
          channelId,
          name: null,
          deviceName: null,
          failure: {
            rawCode: 'plan:unknown-channel',
            reason: 'The Tuya project has no channel with this id. Refresh the channel list and choose again.',
          },
        };
      }
      return { channelId, name: channel.accessControlChannelName, deviceName: channel.accessControlName };
    });
  };

  const start = async (
    options: Omit<PushOptions, 'projectId'>,
    channelIds: readonly string[],
    label: string | null,
  ) => {
    const { projectId } = await config.tuya();
    const planned = await plan(channelIds);
    const jobId = newJobId();
    journal.createJob(jobId, { ...options, projectId }, label, planned);
    deps.run(jobId);
    return { jobId, planned };
  };

  const requirePush = (jobId: string): PushOptions => {
    const job = rows.get(jobId);
    if (!job || job.kind !== 'permission-push') {
      throw new AppError(
        'NOT_FOUND',
        `There is no permission push ${jobId}. Push again, or choose a push from the list.`,
      );
    }
    return job.options as PushOptions;
  };

  return {
    /** Every channel of the configured project. */
    async channels(): Promise<ChannelView[]> {
      return (await fetchChannels()).map(toView);
    },

    /** Journals a push (one item per channel) and starts it; tasks are followed in the background. */
    async push(request: PushRequest): Promise<{ jobId: string; channels: number }> {
      const { jobId, planned } = await start(
        { mode: request.mode, certificate: request.certificate },
        request.channelIds,
        request.label ?? null,
      );
      return { jobId, channels: planned.length };
    },

    /**
     * Pushes again, as an increment with the same certificate policy, the channels of a push that failed (their
     * records failed, or the cloud refused the push): a new job, so the first report stays as it was.
     */
    async retryFailed(jobId: string): Promise<RetryPush> {
      const options = requirePush(jobId);
      const failed = journal.retryableFailures(jobId).map((c) => c.channelId);
      if (failed.length === 0) return { jobId: null, channelIds: [] };
      const label = `Retry of failed channels of ${jobId.slice(0, 8)}`;
      const started = await start(
        { mode: 'increment', certificate: options.certificate, retryOf: jobId },
        failed,
        label,
      );
      return { jobId: started.jobId, channelIds: failed };
    },

    /** The channels of a push job (default: the newest) with their outcomes and tasks. */
    tasks(jobId?: string): PushTasksView {
      const job = jobId === undefined ? rows.newest('permission-push') : rows.get(jobId);
      if (jobId !== undefined) requirePush(jobId);
      if (!job) return { jobId: null, state: null, createdAt: null, mode: null, certificate: null, channels: [] };
      const options = job.options as PushOptions;
      return {
        jobId: job.id,
        state: job.state,
        createdAt: job.createdAt,
        mode: options.mode,
        certificate: options.certificate,
        channels: journal.channels(job.id).map((c) => ({
          jobId: job.id,
          channelId: c.channelId,
          channelName: c.channelName,
          outcome: c.state === 'final' || c.outcome === 'queued' ? c.outcome : null,
          rawCode: c.rawCode,
          reason: c.reason,
          attempts: c.attempts,
          tasks: tasks
            .ofJob(job.id, c.channelId)
            .map(
              ({
                jobId: _job,
                channelId: _channel,
                credentials: _c,
                recordsScope: _scope,
                fetchedStates: _fetched,
                ...task
              }) => task,
            ),
        })),
      };
    },

    /** Reads (once) every record of the job's finished tasks that the follow did not read, for the report. */
    async loadAllRecords(jobId: string): Promise<void> {
      const finished = rows.get(jobId) ? tasks.ofJob(jobId).filter((t) => t.recordsStored) : [];
      if (finished.every((t) => t.recordsScope === 'all')) return;
      const connection = await config.tuya();
      for (const task of finished) await fetchRecordsOnDemand(connection, tasks, task, undefined);
    },

    /**
     * A task, its per-credential totals and one page of its per-person records. The follow stored only the
     * failed records: other states (or every record) are read from the cloud the first time they are opened and
     * journaled; the breakdown (issue-info) of the opened page's records is read when they have none yet.
     */
    async taskDetail(query: {
      taskId: string;
      state?: TaskDetail['records'][number]['state'];
      offset: number;
      limit: number;
    }) {
      let task = tasks.get(query.taskId);
      if (!task) {
        throw cloudError(
          'tuya',
          'not-found',
          `The app follows no task ${query.taskId}. Choose a task of a push from the list.`,
        );
      }
      const channel = journal.channels(task.jobId).find((c) => c.channelId === task?.channelId);
      let page = tasks.records(task.taskId, query.state, query.offset, query.limit);
      if (task.recordsStored) {
        try {
          const connection = await config.tuya();
          await fetchRecordsOnDemand(connection, tasks, task, query.state);
          page = tasks.records(task.taskId, query.state, query.offset, query.limit);
          if ((await fetchBreakdowns(connection, tasks, task.taskId, page.records)) > 0) {
            page = tasks.records(task.taskId, query.state, query.offset, query.limit);
          }
          task = tasks.get(query.taskId) ?? task;
          deps.status.setCloudReachability('tuya', 'reachable');
        } catch (error) {
          if (isUnreachable(error, 'tuya')) deps.status.setCloudReachability('tuya', 'unreachable');
          throw toCloudError(error, 'tuya');
        }
      }
      const { jobId, channelId, credentials, recordsScope: _scope, fetchedStates: _fetched, ...view } = task;
      const detail: TaskDetail = {
        jobId,
        channelId,
        channelName: channel?.channelName ?? null,
        task: view,
        credentials,
        ...page,
      };
      return detail;
    },
  };
}

/** The push service. */
export type PushService = ReturnType<typeof createPushService>;
