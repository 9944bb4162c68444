import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.ts';
import { kindOfError, toCloudError } from '../../electron/core/cloud/cloud-errors.ts';
import { createAliyunClient } from '../../electron/core/cloud/aliyun/client.ts';
import { AliyunError } from '../../electron/core/cloud/aliyun/errors.ts';
import { deleteFacePermissions } from '../../electron/core/cloud/aliyun/permission-delete.ts';
import {
  getIssueInfo,
  getTask,
  issuePermissions,
  listChannels,
  listTasks,
  queryAccessAuth,
} from '../../electron/core/cloud/tuya/api.ts';
import { createTuyaClient } from '../../electron/core/cloud/tuya/client.ts';
import { TUYA_ERROR_KINDS, TuyaError } from '../../electron/core/cloud/tuya/errors.ts';
import { describeAnswers, startAnswerServer, type AnswerServer } from './answer-server.ts';
import { aliyunPlan, aliyunRoutes, tuyaPlan, tuyaRoutes } from './cloud-plans.ts';
import { within } from './harness.ts';
import { fuzzLimit, fuzzOptions, fuzzTimeout } from './runs.ts';

/**
 * The Tuya and Alibaba Cloud clients against a cloud on 127.0.0.1 that answers anything (near-miss
 * envelopes, any codes and messages, other JSON, truncated JSON, HTML, binary, oversized; any status,
 * content type and delivery; gateway error headers). Every call must give a value or the client's own
 * classified error (TuyaError, AliyunError), which the app turns into an AppError with a cloud failure
 * kind; never a TypeError or a ZodError, and within the time-out times the attempts.
 */

const TIMEOUT_MS = 2_000;
const ATTEMPTS = 2;
/** Retries (ATTEMPTS), each with a token renewal and a repeat: at most four requests per attempt. */
const WITHIN_MS = TIMEOUT_MS * ATTEMPTS * 4 + 500;
const noWait = async (): Promise<void> => undefined;

let server: AnswerServer;
beforeAll(async () => {
  server = await startAnswerServer();
});
afterAll(async () => {
  await server.close();
});

/** Runs a cloud call: its value, or null after checking the failure is the cloud client's classified error. */
async function settleCloud<T>(cloud: 'tuya' | 'aliyun', call: () => Promise<T>, context: string): Promise<T | null> {
  const started = performance.now();
  try {
    return await within(call(), WITHIN_MS + 1_000, context);
  } catch (error) {
    const own = cloud === 'tuya' ? error instanceof TuyaError : error instanceof AliyunError;
    if (!own) {
      const shown = error instanceof Error ? error.stack : String(error);
      throw new Error(`${context}: not a classified cloud error: ${shown}`, { cause: error });
    }
    if (error instanceof TuyaError) expect(TUYA_ERROR_KINDS, context).toContain(error.kind);
    const appError = toCloudError(error, cloud);
    expect(ERROR_CODES, context).toContain(appError.code);
    expect(kindOfError(error, cloud), context).not.toBeNull();
    expect(appError.message.length, context).toBeLessThanOrEqual(1_000);
    return null;
  } finally {
    const elapsed = performance.now() - started;
    expect(elapsed, `${context}: took ${Math.round(elapsed)} ms`).toBeLessThan(WITHIN_MS);
  }
}

describe('fuzzing the cloud clients with any answer', () => {
  it(
    'Tuya: channels, permissions, tasks, issue: a value or a classified TuyaError, in time',
    async () => {
      let values = 0;
      await fc.assert(
        fc.asyncProperty(tuyaPlan, async (answers) => {
          server.use(tuyaRoutes(answers));
          const context = `tuya\n${describeAnswers(answers)}\n`;
          const client = createTuyaClient({
            baseUrl: `http://127.0.0.1:${server.endpoint.port}`,
            clientId: 'id',
            clientSecret: 'secret',
            fetchTimeoutMs: TIMEOUT_MS,
            proxy: false,
            backoff: { maxAttempts: ATTEMPTS, baseDelayMs: 1, maxDelayMs: 1 },
            sleep: noWait,
            // Throttling is waited out for up to 10 minutes in the app; here it must end in a classified error.
            throttleWaitMs: 0,
          });
          const calls: (() => Promise<unknown>)[] = [
            () => listChannels(client, { page: 1, pageSize: 10 }),
            () => queryAccessAuth(client, { projectId: 'p' }),
            () => listTasks(client, { projectId: 'p' }),
            () => getTask(client, 'p', 't1'),
            () => getIssueInfo(client, 'p', 'r1'),
            () =>
              issuePermissions(client, { projectId: 'p', mode: 'full', channelIds: ['c1'], certificate: 'card+face' }),
          ];
          for (const call of calls) if ((await settleCloud('tuya', call, context)) !== null) values++;
        }),
        fuzzOptions(1, 1, fuzzLimit(40)),
      );
      expect(values).toBeGreaterThan(0);
    },
    fuzzTimeout(40),
  );

  it(
    'Alibaba Cloud: token, call, permission delete: a value or a classified AliyunError, in time',
    async () => {
      let values = 0;
      await fc.assert(
        fc.asyncProperty(aliyunPlan, async (answers) => {
          server.use(aliyunRoutes(answers));
          const context = `aliyun\n${describeAnswers(answers)}\n`;
          const client = createAliyunClient({
            host: `http://127.0.0.1:${server.endpoint.port}`,
            appKey: 'key',
            appSecret: 'secret',
            projectId: 'project',
            auth: { kind: 'project' },
            timeoutMs: TIMEOUT_MS,
            retry: { maxAttempts: ATTEMPTS, sleep: noWait },
          });
          if ((await settleCloud('aliyun', () => client.cloudToken(), context)) !== null) values++;
          const params = { userType: 'OPEN', userIdList: ['u1'], scopeType: 'IOT_ID', scopeIdList: ['d1'] };
          const answer = await settleCloud(
            'aliyun',
            () => client.call('/face/paas/permission/delete', '1.2.0', params),
            context,
          );
          if (answer !== null) expect(Number.isInteger(answer.code), context).toBe(true);
          // Never throws: every (user, scope) pair gets an outcome.
          const userIds = ['u1', 'u2', 'u3', ''];
          const scopeIds = ['d1', 'd2'];
          const results = await settleCloud(
            'aliyun',
            () =>
              deleteFacePermissions(client, { userType: 'OPEN', userIds, scopeType: 'IOT_ID', scopeIds, batchSize: 2 }),
            context,
          );
          expect(results, context).not.toBeNull();
          expect(
            results?.map((r) => `${r.scopeId}/${r.userId}`),
            context,
          ).toEqual(scopeIds.flatMap((scope) => userIds.map((user) => `${scope}/${user}`)));
          for (const result of results ?? []) {
            expect(['removed', 'already-absent', 'failed', 'queued', 'cancelled'], context).toContain(result.outcome);
          }
        }),
        fuzzOptions(1, 1, fuzzLimit(40)),
      );
      expect(values).toBeGreaterThan(0);
    },
    fuzzTimeout(40),
  );
});
