import { afterEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import {
  acknowledgedThenResent,
  addTerminals,
  listOf,
  startTerminal,
  testCore,
} from '../../../test/support/removal/test-kit.ts';

const people = generatePeople('recheck-auth', 12);
const listed = people.slice(0, 6);

/**
 * Found by the chaos run (test/chaos): a token refused again right after a fresh login is transient when a delete
 * gets it (retried after a back-off), and must be when the re-check read of an unanswered batch gets it too,
 * instead of failing the terminal's items as "Credentials rejected" while the credentials are right.
 */
describe('re-check read of a BAS-IP panel whose token expires twice in a row', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('backs off and reads again, then finishes the items', async () => {
    const panel = await startTerminal('basip', 'BAS-RECHECK', people);
    cleanups.push(() => panel.cutOff());
    const { core, cleanup } = testCore({ requestTimeoutMs: 500 });
    cleanups.push(cleanup);
    await addTerminals(core, [panel]);
    // The delete is never answered (a re-check follows); the list read then meets an expired token twice: the
    // driver's one renewal is refused again.
    panel.device.knobs.set({
      faults: [
        { kind: 'timeout', count: 1, pathIncludes: '/identifier/items/link' },
        { kind: 'expired-credentials', count: 2 },
      ],
    });
    const { jobId } = core.services.removal.start({
      mode: 'people',
      items: listOf(listed),
      devices: 'all',
      verify: false,
    });
    const summary = await core.services.jobs.whenIdle(jobId);
    expect(panel.device.log.all().filter((r) => r.fault === 'expired-credentials')).toHaveLength(2);
    expect(summary.counts).toMatchObject({ removed: 6, failed: 0 });
    expect(acknowledgedThenResent(panel.device)).toEqual([]);
  });
});
