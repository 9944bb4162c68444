import { KnobBox, type Knobs } from '../common/knobs.ts';
import type { SimPerson } from '../common/people.ts';
import { createPrng } from '../common/prng.ts';
import { RequestLog } from '../common/request-log.ts';
import { serveSwitchable } from '../common/switchable.ts';
import { createGateway } from './gateway.ts';
import type { KeyCase } from './key-case.ts';
import { buildSite, type SimChannel, type TuyaChannelSpec } from './model.ts';
import { AUTH_ROUTES } from './routes-auth.ts';
import { TASK_ROUTES } from './routes-tasks.ts';
import { TaskBook, type AuthTask } from './tasks.ts';
import type { RecordIssueStatus, TaskNumbering, TaskProgress, TaskStatus } from './task-values.ts';
import type { SignedQueryForm } from './signature.ts';
import { RateLimiter, type ThrottleConfig } from './throttle.ts';
import { TokenStore } from './tokens.ts';

/** Options of {@link startTuyaCloud}. */
export interface TuyaCloudOptions {
  /** Listening address (default 127.0.0.1; tests keep it). */
  host?: string;
  port?: number;
  /** The only client (Access ID) the cloud knows, and its secret. */
  clientId: string;
  clientSecret: string;
  /** The clock for `t` checks, token expiry, throttling and task progress (default Date.now). */
  now?: () => number;
  seed?: number | string;
  /** The one project this client may use (default: a generated 19-digit id). */
  projectId?: string;
  /** How many channels (default 3), or the channels themselves. */
  channels?: number | TuyaChannelSpec[];
  /** The population (default: 40 people generated from the seed). */
  people?: SimPerson[];
  throttle?: ThrottleConfig;
  /** Access token lifetime in seconds (default 7200). */
  tokenTtlSeconds?: number;
  /** Length of one task step in ms (default 500). */
  taskStepMs?: number;
  /** Records a task finishes per step (default 10). */
  recordsPerStep?: number;
  /** Share of per-person records that fail, 0..1 (default 0.1), drawn deterministically from the seed. */
  recordFailureRate?: number;
  /** Key spelling of business results (default 'snake', like the vendor's captured answer). */
  keyCase?: KeyCase;
  /** Fault and latency knobs (see common/knobs.ts; http500 → code 500, busy → 1111, http503 → HTTP 503). */
  knobs?: Partial<Knobs>;
  /**
   * Which table task progress and status numbers follow (default `response`; `request`: the vendor's request
   * tables, where 1 is "completed" and 3 "being executed"). See task-values.ts.
   */
  taskNumbering?: TaskNumbering;
  /** How the signature's query is read (default `decoded`, as the vendor's Node connector signs it). */
  signedQuery?: SignedQueryForm;
  /** Whether task answers carry `taskFinishTime` once ended (default true; false: the end shows in numbers only). */
  taskFinishTimes?: boolean;
}

/** One record of a task, for tests. */
export interface TaskRecordSnapshot {
  authTaskRecordId: string;
  personId: string;
  personCode: string;
  name: string;
  issueStatus: RecordIssueStatus;
  deletion: boolean;
}

/** A task as tests see it (names, not wire numbers). */
export interface TaskSnapshot {
  authTaskId: string;
  channelId: string;
  channelName: string;
  authIssueType: 1 | 2;
  authIssueCertificate: number;
  progress: TaskProgress;
  status: TaskStatus;
  authNum: number;
  successNum: number;
  failedNum: number;
  taskStartTime: number;
  taskFinishTime?: number;
  records: TaskRecordSnapshot[];
}

/** A running simulated Tuya cloud. */
export interface TuyaCloudSim {
  readonly origin: string;
  readonly port: number;
  readonly projectId: string;
  readonly log: RequestLog;
  readonly knobs: KnobBox;
  /** The project's channels (copies). */
  channels(): SimChannel[];
  /** Offline = connection refused; online again on the same port, state kept. */
  setOnline(online: boolean): Promise<void>;
  /** Replaces the throttle (undefined switches it off). */
  setThrottle(config: ThrottleConfig | undefined): void;
  /** Throttling answers (1110/1111/1199 from the rate limit) sent so far. */
  throttledCount(): number;
  /** Every access token issued so far answers 1010 from now on (refresh tokens still work). */
  expireTokens(): void;
  /** Every task, newest first, brought up to the clock. */
  tasks(): TaskSnapshot[];
  /** Switches the task numbering (see {@link TuyaCloudOptions.taskNumbering}). */
  setTaskNumbering(numbering: TaskNumbering): void;
  /** Stops a running task (no API does this; the console can). False when unknown or already ended. */
  terminateTask(authTaskId: string): boolean;
  close(): Promise<void>;
}

function snapshot(book: TaskBook, task: AuthTask, now: number): TaskSnapshot {
  const finish = book.finishAt(task);
  const failedNum = task.records.filter((r) => r.issueStatus === 'failed').length;
  return {
    authTaskId: task.authTaskId,
    channelId: task.channel.accessControlChannelId,
    channelName: task.channel.accessControlChannelName,
    authIssueType: task.authIssueType,
    authIssueCertificate: task.authIssueCertificate,
    progress: book.progress(task, now),
    status: book.status(task, now),
    authNum: task.records.length,
    successNum: book.successNum(task),
    failedNum,
    taskStartTime: task.taskStartTime,
    ...(finish <= now ? { taskFinishTime: finish } : {}),
    records: task.records.map((r) => ({
      authTaskRecordId: r.authTaskRecordId,
      personId: r.auth.person.personId,
      personCode: r.auth.person.personCode,
      name: r.auth.person.name,
      issueStatus: r.issueStatus,
      deletion: r.deletion,
    })),
  };
}

/**
 * Starts the simulated Tuya cloud OpenAPI for building access control (token, channels, permission query,
 * full and incremental issue, asynchronous tasks and their records), on 127.0.0.1 by default.
 */
export async function startTuyaCloud(options: TuyaCloudOptions): Promise<TuyaCloudSim> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const site = buildSite({
    seed,
    now: now(),
    ...(options.projectId === undefined ? {} : { projectId: options.projectId }),
    ...(options.channels === undefined ? {} : { channels: options.channels }),
    ...(options.people === undefined ? {} : { people: options.people }),
  });
  const tokenPrng = createPrng(`tuya-tokens:${String(seed)}`);
  const uid = `bay${String(tokenPrng.int(1_000_000_000, 9_999_999_999))}${String(tokenPrng.int(1000, 9999))}`;
  const tokens = new TokenStore({ now, ttlSeconds: options.tokenTtlSeconds ?? 7200, prng: tokenPrng, uid });
  const limiter = new RateLimiter(now, options.throttle);
  const knobs = new KnobBox(options.knobs, `tuya-knobs:${String(seed)}`);
  const log = new RequestLog();
  const book = new TaskBook({
    seed,
    timing: { stepMs: options.taskStepMs ?? 500, recordsPerStep: options.recordsPerStep ?? 10 },
    failureRate: options.recordFailureRate ?? 0.1,
    ...(options.taskNumbering === undefined ? {} : { numbering: options.taskNumbering }),
  });
  book.finishTimes = options.taskFinishTimes ?? true;
  const handler = createGateway({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    now,
    tokens,
    limiter,
    knobs,
    log,
    site,
    tasks: book,
    routes: [...AUTH_ROUTES, ...TASK_ROUTES],
    keyCase: options.keyCase ?? 'snake',
    tidPrng: createPrng(`tuya-tid:${String(seed)}`),
    ...(options.signedQuery === undefined ? {} : { signedQuery: options.signedQuery }),
  });
  const endpoint = await serveSwitchable(handler, {
    host: options.host ?? '127.0.0.1',
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  return {
    origin: endpoint.origin,
    port: endpoint.port,
    projectId: site.projectId,
    log,
    knobs,
    channels: () => site.channels.map((c) => ({ ...c })),
    setOnline: (online) => endpoint.setOnline(online),
    setThrottle: (config) => limiter.set(config),
    throttledCount: () => limiter.refused(),
    expireTokens: () => tokens.expireAll(),
    tasks: () => {
      const at = now();
      book.sync(at);
      return book.all().map((task) => snapshot(book, task, at));
    },
    terminateTask: (authTaskId) => book.terminate(authTaskId, now()),
    setTaskNumbering: (numbering) => {
      book.numbering = numbering;
    },
    close: () => endpoint.close(),
  };
}

/** Throttle settings of {@link TuyaCloudOptions.throttle} and {@link TuyaCloudSim.setThrottle}. */
export type { ThrottleConfig, ThrottleCode } from './throttle.ts';
/** Channel specs in, channel records out. */
export type { TuyaChannelSpec, SimChannel } from './model.ts';
/** Key spelling of business answers. */
export type { KeyCase } from './key-case.ts';
/** The token call's result. */
export type { TokenGrant } from './tokens.ts';
