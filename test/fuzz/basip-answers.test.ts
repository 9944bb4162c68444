import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createBasipDriver } from '../../electron/core/drivers/basip/index.ts';
import { checkReadOperations, expectBothPaths, expectItemResults, settle, type Tally } from './answer-checks.ts';
import { describeAnswers, startAnswerServer, type AnswerServer } from './answer-server.ts';
import { basipPlan, basipRoutes, LINK_POOL, UID_POOL } from './basip-plan.ts';
import { fuzzLimit, fuzzOptions, fuzzTimeout } from './runs.ts';

/**
 * The BAS-IP driver against a panel that answers anything: device info, login, identifier lists and both
 * delete routes fuzzed (near-miss shapes, legacy and coded error bodies, other JSON, truncated JSON, HTML,
 * binary, oversized; any status, content type and delivery). Every call must give a valid result or a
 * DriverError within its time-out.
 */

const TIMEOUT_MS = 2_000;
/** The most requests one call makes: two logins, then up to five pages each retried once after a re-login. */
const MOST_REQUESTS = 14;
const call = fc.record({
  pageIndex: fc.nat({ max: 5 }),
  pageSize: fc.integer({ min: 1, max: 100 }),
  links: fc.uniqueArray(fc.constantFrom(...LINK_POOL), { minLength: 1, maxLength: 3 }),
  uids: fc.uniqueArray(fc.constantFrom(...UID_POOL), { minLength: 1, maxLength: 4 }),
});

let server: AnswerServer;
beforeAll(async () => {
  server = await startAnswerServer();
});
afterAll(async () => {
  await server.close();
});

describe('fuzzing the BAS-IP driver with any answer', () => {
  it(
    'probe, login, count, list and remove by link id and by uid: a valid result or a DriverError, in time',
    async () => {
      const driver = createBasipDriver({ timeoutMs: TIMEOUT_MS });
      const within = TIMEOUT_MS * MOST_REQUESTS + 500;
      const tally: Tally = new Map();
      await fc.assert(
        fc.asyncProperty(basipPlan, call, async (answers, args) => {
          server.use(basipRoutes(answers));
          const context = `basip\n${describeAnswers(answers)}\n`;
          const session = driver.session(server.endpoint, { username: 'admin', password: '123456' });
          const reads = { kind: 'basip' as const, driver, session, endpoint: server.endpoint };
          await checkReadOperations(tally, reads, args, within, context);
          const byLink = await settle(
            tally,
            'links',
            () => session.removePeople(args.links, 'link_id'),
            within,
            context,
          );
          expectItemResults(byLink, args.links, context);
          const byUid = await settle(tally, 'uids', () => session.removePeople(args.uids, 'uid'), within, context);
          expectItemResults(byUid, args.uids, context);
        }),
        fuzzOptions(1, 1, fuzzLimit(40)),
      );
      expectBothPaths(tally);
    },
    fuzzTimeout(40),
  );
});
