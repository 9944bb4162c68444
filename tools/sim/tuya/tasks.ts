import { createPrng, type Prng } from '../common/prng.ts';
import type { AccessAuth, SimChannel } from './model.ts';
import { snowflakeId } from './model.ts';
import { AUTH_ISSUE_CERTIFICATE, type AuthIssueCertificate, type RecordIssueStatus } from './task-values.ts';
import type { TaskNumbering, TaskProgress, TaskStatus } from './task-values.ts';

/** Which credential a failing record fails on ('person': the person entry itself, so everything fails). */
export type FailKind = 'person' | 'card' | 'password' | 'face';

/** One person's permission inside a task. */
export interface TaskRecord {
  authTaskRecordId: string;
  auth: AccessAuth;
  /** A full issue removes expired permissions from the device: this record is a deletion. */
  deletion: boolean;
  willFail: boolean;
  failKind: FailKind;
  issueStatus: RecordIssueStatus;
  authIssueTime?: number;
}

/** An asynchronous issuing task for one channel. */
export interface AuthTask {
  authTaskId: string;
  channel: SimChannel;
  /** 1 full, 2 increment. */
  authIssueType: 1 | 2;
  authIssueCertificate: AuthIssueCertificate;
  taskStartTime: number;
  records: TaskRecord[];
  /** Records whose outcome has been applied. */
  applied: number;
  terminatedAt?: number;
}

/** Counts of one credential kind in `issue-info`. */
export interface IssueCounts {
  successIssueNum: number;
  failIssueNum: number;
  successIssueDelNum: number;
  failIssueDelNum: number;
}

/** The per-credential breakdown of one record, as `issue-info` answers it (without the ids). */
export interface IssueBreakdown {
  personIssueResult: IssueCounts;
  cardIssueResult: IssueCounts;
  cardPwdIssueResult: IssueCounts;
  faceIssueResult: IssueCounts;
  fingerprintIssueResult: IssueCounts;
}

/** How tasks progress. */
export interface TaskTiming {
  /** Length of one step in ms. */
  stepMs: number;
  /** Records finished per step once executing. */
  recordsPerStep: number;
}

/**
 * Holds the tasks and moves them along the injectable clock. Timeline of a task started at t0 with n records
 * and step s: initialized in [t0, t0+s), to be started in [t0+s, t0+2s), executing from t0+2s; record i
 * finishes at t0 + (3 + floor(i / recordsPerStep)) * s; the task completes when its last record does (at
 * t0+2s when it has none). Which records fail is drawn from (seed, authTaskId, personId), so it is
 * deterministic, and a retry in a new task may succeed.
 */
export class TaskBook {
  private readonly tasks: AuthTask[] = [];
  private readonly ids: Prng;
  private readonly seed: string;
  private readonly timing: TaskTiming;
  private readonly failureRate: number;
  /** Which value table the task calls answer and filter with (see task-values.ts). */
  numbering: TaskNumbering;
  /** Whether answers carry `taskFinishTime` once a task ended (a knob: a cloud may leave it out). */
  finishTimes = true;

  constructor(options: { seed: number | string; timing: TaskTiming; failureRate: number; numbering?: TaskNumbering }) {
    this.seed = String(options.seed);
    this.numbering = options.numbering ?? 'response';
    this.ids = createPrng(`tuya-tasks:${this.seed}`);
    this.timing = options.timing;
    this.failureRate = options.failureRate;
  }

  /** Starts a task over `auths` (all on `channel`); `deletions` are the ids of permissions to remove. */
  create(input: {
    channel: SimChannel;
    authIssueType: 1 | 2;
    authIssueCertificate: AuthIssueCertificate;
    auths: AccessAuth[];
    deletions: ReadonlySet<string>;
    now: number;
  }): AuthTask {
    const authTaskId = snowflakeId(this.ids);
    const policy = AUTH_ISSUE_CERTIFICATE[input.authIssueCertificate];
    const records = input.auths.map((auth): TaskRecord => {
      const draw = createPrng(`${this.seed}|${authTaskId}|${auth.person.personId}`);
      const offline = input.channel.deviceStatus === 0;
      const willFail = offline || draw.next() < this.failureRate;
      const kinds: FailKind[] = ['card'];
      if (policy.password) kinds.push('password');
      if (policy.face && auth.person.faceCount > 0) kinds.push('face', 'face');
      return {
        authTaskRecordId: snowflakeId(this.ids),
        auth,
        deletion: input.deletions.has(auth.accessAuthId),
        willFail,
        failKind: offline || draw.next() < 0.3 ? 'person' : draw.pick(kinds),
        issueStatus: 'initialized',
      };
    });
    const task: AuthTask = {
      authTaskId,
      channel: input.channel,
      authIssueType: input.authIssueType,
      authIssueCertificate: input.authIssueCertificate,
      taskStartTime: input.now,
      records,
      applied: 0,
    };
    this.tasks.push(task);
    return task;
  }

  /** Every task, newest first. */
  all(): AuthTask[] {
    return [...this.tasks].reverse();
  }

  /** A task by id. */
  get(authTaskId: string): AuthTask | undefined {
    return this.tasks.find((task) => task.authTaskId === authTaskId);
  }

  /** A record by id, with its task. */
  findRecord(authTaskRecordId: string): { task: AuthTask; record: TaskRecord } | undefined {
    for (const task of this.tasks) {
      const record = task.records.find((r) => r.authTaskRecordId === authTaskRecordId);
      if (record) return { task, record };
    }
    return undefined;
  }

  /** When record `index` of a task finishes. */
  recordDoneAt(task: AuthTask, index: number): number {
    const { stepMs, recordsPerStep } = this.timing;
    return task.taskStartTime + (3 + Math.floor(index / recordsPerStep)) * stepMs;
  }

  /** When the task ends: terminated, or completed (maybe in the future). */
  finishAt(task: AuthTask): number {
    if (task.terminatedAt !== undefined) return task.terminatedAt;
    const n = task.records.length;
    return n === 0 ? task.taskStartTime + 2 * this.timing.stepMs : this.recordDoneAt(task, n - 1);
  }

  /** Applies every record outcome due by `now` (to the records and to the permissions' issue flags). */
  sync(now: number): void {
    for (const task of this.tasks) {
      if (task.terminatedAt !== undefined) continue;
      while (task.applied < task.records.length && this.recordDoneAt(task, task.applied) <= now) {
        const record = task.records[task.applied] as TaskRecord;
        record.issueStatus = record.willFail ? 'failed' : 'succeeded';
        record.authIssueTime = this.recordDoneAt(task, task.applied);
        if (!record.deletion) this.applyIssued(task, record);
        task.applied += 1;
      }
    }
  }

  /** Stops a task at `now`: finished records keep their outcome, the rest become terminated. */
  terminate(authTaskId: string, now: number): boolean {
    this.sync(now);
    const task = this.get(authTaskId);
    if (!task || task.terminatedAt !== undefined || now >= this.finishAt(task)) return false;
    task.terminatedAt = now;
    for (const record of task.records.slice(task.applied)) record.issueStatus = 'terminated';
    return true;
  }

  /** The task's progress at `now` (call {@link sync} first). */
  progress(task: AuthTask, now: number): TaskProgress {
    if (task.terminatedAt !== undefined) return 'terminated';
    if (now >= this.finishAt(task)) return 'completed';
    if (now >= task.taskStartTime + 2 * this.timing.stepMs) return 'executing';
    if (now >= task.taskStartTime + this.timing.stepMs) return 'toBeStarted';
    return 'initialized';
  }

  /** The task's result at `now`: to be started until it ends, then by its records. */
  status(task: AuthTask, now: number): TaskStatus {
    const progress = this.progress(task, now);
    if (progress === 'terminated') return 'terminated';
    if (progress !== 'completed') return 'toBeStarted';
    const succeeded = this.successNum(task);
    if (succeeded === task.records.length) return 'allSuccessful';
    return succeeded === 0 ? 'allFailed' : 'partiallySuccessful';
  }

  /** Records that succeeded so far. */
  successNum(task: AuthTask): number {
    return task.records.filter((r) => r.issueStatus === 'succeeded').length;
  }

  /** The per-credential counts of a record; all zero until the record has finished. */
  breakdown(task: AuthTask, record: TaskRecord): IssueBreakdown {
    const zero = (): IssueCounts => ({
      successIssueNum: 0,
      failIssueNum: 0,
      successIssueDelNum: 0,
      failIssueDelNum: 0,
    });
    const result: IssueBreakdown = {
      personIssueResult: zero(),
      cardIssueResult: zero(),
      cardPwdIssueResult: zero(),
      faceIssueResult: zero(),
      fingerprintIssueResult: zero(),
    };
    if (record.issueStatus !== 'succeeded' && record.issueStatus !== 'failed') return result;
    const policy = AUTH_ISSUE_CERTIFICATE[task.authIssueCertificate];
    const person = record.auth.person;
    const parts: Array<[keyof IssueBreakdown, FailKind, number]> = [
      ['personIssueResult', 'person', 1],
      ['cardIssueResult', 'card', person.cardCount],
      ['cardPwdIssueResult', 'password', policy.password ? 1 : 0],
      ['faceIssueResult', 'face', policy.face ? person.faceCount : 0],
    ];
    for (const [key, kind, count] of parts) {
      const failed = record.willFail && (record.failKind === 'person' || record.failKind === kind);
      const counts = result[key];
      if (record.deletion) counts[failed ? 'failIssueDelNum' : 'successIssueDelNum'] += count;
      else counts[failed ? 'failIssueNum' : 'successIssueNum'] += count;
    }
    return result;
  }

  private applyIssued(task: AuthTask, record: TaskRecord): void {
    const policy = AUTH_ISSUE_CERTIFICATE[task.authIssueCertificate];
    const failed = (kind: FailKind): boolean =>
      record.willFail && (record.failKind === 'person' || record.failKind === kind);
    const issued = record.auth.issued;
    if (!failed('card')) issued.card = 1;
    if (policy.face && record.auth.person.faceCount > 0 && !failed('face')) issued.face = 1;
  }
}
