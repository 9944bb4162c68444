import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createSophonDriver } from '../../electron/core/drivers/sophon/index.ts';
import { checkReadOperations, expectBothPaths, expectItemResults, settle, type Tally } from './answer-checks.ts';
import { describeAnswers, startAnswerServer, type AnswerServer } from './answer-server.ts';
import { ID_POOL, sophonPlan, sophonRoutes } from './sophon-plan.ts';
import { fuzzLimit, fuzzOptions, fuzzTimeout } from './runs.ts';

/**
 * The Sophon driver against a terminal that answers anything: every operation's answer fuzzed (near-miss
 * shapes, error bodies with any code, other JSON, truncated JSON, HTML, binary, oversized; any status,
 * content type and delivery). Every call must give a valid result or a DriverError within its time-out.
 */

const TIMEOUT_MS = 2_000;
/** The most requests one call makes: deleteidentities plus one confirming read per failed id. */
const MOST_REQUESTS = 6;
const call = fc.record({
  pageIndex: fc.nat({ max: 5 }),
  pageSize: fc.integer({ min: 1, max: 100 }),
  ids: fc.uniqueArray(fc.constantFrom(...ID_POOL), { minLength: 1, maxLength: 5 }),
  face: fc.oneof(
    fc.record({ faceId: fc.constantFrom(...ID_POOL) }),
    fc.record({ registerImageId: fc.constantFrom(...ID_POOL) }),
  ),
});

let server: AnswerServer;
beforeAll(async () => {
  server = await startAnswerServer();
});
afterAll(async () => {
  await server.close();
});

describe('fuzzing the Sophon driver with any answer', () => {
  it(
    'probe, login, count, list, remove people and remove a face: a valid result or a DriverError, in time',
    async () => {
      const driver = createSophonDriver({ timeoutMs: TIMEOUT_MS });
      const within = TIMEOUT_MS * MOST_REQUESTS + 500;
      const tally: Tally = new Map();
      await fc.assert(
        fc.asyncProperty(sophonPlan, call, async (answers, args) => {
          server.use(sophonRoutes(answers));
          const context = `sophon\n${describeAnswers(answers)}\n`;
          const session = driver.session(server.endpoint, { username: 'admin', password: 'admin' });
          const reads = { kind: 'sophon' as const, driver, session, endpoint: server.endpoint };
          await checkReadOperations(tally, reads, args, within, context);
          const removed = await settle(
            tally,
            'remove',
            () => session.removePeople(args.ids, 'identity_id'),
            within,
            context,
          );
          expectItemResults(removed, args.ids, context);
          const face = await settle(
            tally,
            'face',
            () => session.removeFace(ID_POOL[0] as string, args.face),
            within,
            context,
          );
          if (face !== null) {
            const target = 'faceId' in args.face ? args.face.faceId : args.face.registerImageId;
            expectItemResults([face.result], [target], context);
          }
        }),
        fuzzOptions(1, 1, fuzzLimit(40)),
      );
      expectBothPaths(tally);
    },
    fuzzTimeout(40),
  );
});
