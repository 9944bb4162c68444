import { afterEach, describe, expect, it } from 'vitest';
import { md5UpperHex } from '../drivers/basip/index.ts';
import type { BasipDevice } from '../../../tools/sim/basip/index.ts';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import {
  acknowledgedThenResent,
  addTerminals,
  deleteRequests,
  idsSent,
  listOf,
  startTerminal,
  testCore,
  type SimTerminal,
} from '../../../test/support/removal/test-kit.ts';

const people = generatePeople('executor', 40);
const listed = people.slice(0, 30);

describe('removal executor against simulated terminals', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const terminal = async (...args: Parameters<typeof startTerminal>): Promise<SimTerminal> => {
    const sim = await startTerminal(...args);
    cleanups.push(() => sim.cutOff());
    return sim;
  };
  const core = (...args: Parameters<typeof testCore>) => {
    const made = testCore(...args);
    cleanups.push(made.cleanup);
    return made.core;
  };

  it('removes people in batches of the configured size, with already-absent for ids the terminal does not hold', async () => {
    const sophon = await terminal('sophon', 'SPH-A', people);
    const basip = await terminal('basip', 'BAS-A', people);
    const app = core({ sophonBatchSize: 7, basipBatchSize: 8 });
    await addTerminals(app, [sophon, basip]);
    const loginsBefore = basip.device.log.matching('/login').length;
    const unknown = { line: 99, identity_id: '999999', link_id: '00000000-0000-4000-8000-000000000000' };
    // A row with only a BAS-IP uid: removed from the panel by uid, failed at plan time on the Sophon terminal.
    const unlisted = (basip.device as BasipDevice).identifiers().find((i) => i.link_id === people[35]?.linkId);
    const byUid = { line: 100, uid: unlisted?.identifier_uid as number };
    const { jobId, plan } = app.services.removal.start({
      mode: 'people',
      items: [...listOf(listed), unknown, byUid],
      devices: 'all',
      verify: false,
    });
    expect(plan.terminals.map((t) => [t.serial, t.items, t.unplannable, t.requests]).sort()).toEqual(
      [
        [sophon.serial, 31, 1, 5],
        ['BAS-A', 32, 0, 5],
      ].sort(),
    );
    const summary = await app.services.jobs.whenIdle(jobId);
    expect(summary.state).toBe('done');
    expect(summary.counts).toMatchObject({ removed: 61, 'already-absent': 2, failed: 1, queued: 0, pending: 0 });
    expect(sophon.device.stats().people).toBe(10);
    expect((basip.device as BasipDevice).identifiers().filter((i) => i.link_id !== null)).toHaveLength(9);
    expect(deleteRequests(sophon.device).map((r) => idsSent(r).length)).toEqual([7, 7, 7, 7, 3]);
    expect(deleteRequests(basip.device).map((r) => idsSent(r).length)).toEqual([8, 8, 8, 7, 1]);
    expect(deleteRequests(basip.device).at(-1)?.body).toEqual({ uid_items: [byUid.uid] });
    // BAS-IP: one login, with the MD5 of the password in upper-case hex.
    const logins = basip.device.log.matching('/login').slice(loginsBefore);
    expect(logins).toHaveLength(1);
    expect(logins[0]?.query.password).toBe(md5UpperHex('123456'));
    const absent = app.services.jobs.show({ jobId, outcome: 'already-absent', offset: 0, limit: 10 });
    expect(absent.items.map((i) => [i.terminal, i.rawCode]).sort()).toEqual([
      ['BAS-A', 'entity_not_found'],
      [sophon.serial, 'ID_NOT_FOUND'],
    ]);
  });

  it('retries 503 and busy answers with back-off, and never retries a validation error', async () => {
    const flaky = await terminal('sophon', 'SPH-FLAKY', people);
    const busy = await terminal('basip', 'BAS-BUSY', people);
    const refusing = await terminal('sophon', 'SPH-REFUSE', people);
    const app = core({ sophonBatchSize: 10, basipBatchSize: 10, maxAttempts: 8 });
    await addTerminals(app, [flaky, busy, refusing]);
    flaky.device.knobs.set({ faults: [{ kind: 'http503', rate: 0.5 }] });
    // Busy three times, and a token that expires twice: the driver logs in again without failing anything.
    busy.device.knobs.set({
      faults: [
        { kind: 'busy', count: 3, pathIncludes: '/identifier/items' },
        { kind: 'expired-credentials', count: 2 },
      ],
    });
    const loginsBefore = busy.device.log.matching('/login').length;
    refusing.device.knobs.set({ maxIdsPerRequest: 0 });
    const { jobId } = app.services.removal.start({
      mode: 'people',
      items: listOf(listed),
      devices: 'all',
      verify: false,
    });
    const summary = await app.services.jobs.whenIdle(jobId);
    const terminals = app.services.jobs.show({ jobId, offset: 0, limit: 1 }).terminals;
    const bySerial = Object.fromEntries(terminals.map((t) => [t.serial, t.counts]));
    expect(bySerial[flaky.serial]).toMatchObject({ removed: 30, failed: 0 });
    expect(bySerial[busy.serial]).toMatchObject({ removed: 30, failed: 0 });
    expect(bySerial[refusing.serial]).toMatchObject({ removed: 0, failed: 30 });
    expect(summary.state).toBe('done');
    expect(flaky.device.log.all().filter((r) => r.status === 503).length).toBeGreaterThan(0);
    expect(busy.device.log.all().filter((r) => r.fault === 'busy')).toHaveLength(3);
    // Two expired tokens: the first renewal is refused again, so the item waits a back-off and a third login works.
    expect(busy.device.log.all().filter((r) => r.fault === 'expired-credentials')).toHaveLength(2);
    expect(busy.device.log.matching('/login').length - loginsBefore).toBe(3);
    // A whole-request refusal is split in halves down to each id alone (the driver): a terminal that refuses
    // every request costs each id at most 1 + log2(10) rounded up sends, and a lone refusal is final.
    const sent = deleteRequests(refusing.device).flatMap(idsSent);
    expect(sent).toHaveLength(3 * 44);
    for (const p of listed) {
      const times = sent.filter((id) => id === p.identityId).length;
      expect(times).toBeGreaterThanOrEqual(4);
      expect(times).toBeLessThanOrEqual(5);
    }
    const failed = app.services.jobs.show({ jobId, outcome: 'failed', offset: 0, limit: 1 }).items[0];
    expect(failed).toMatchObject({ rawCode: 'INVALID_ARGUMENTS', attempts: 1 });
    expect(failed?.reason).toContain('INVALID_ARGUMENTS');
  });

  it('fails every item with "credentials rejected" when the panel refuses the login, and sends no delete', async () => {
    const panel = await terminal('basip', 'BAS-AUTH', people);
    const app = core();
    await addTerminals(app, [panel], 'wrong-password');
    const { jobId } = app.services.removal.start({
      mode: 'people',
      items: listOf(listed),
      devices: ['BAS-AUTH'],
      verify: false,
    });
    const summary = await app.services.jobs.whenIdle(jobId);
    expect(summary.counts).toMatchObject({ failed: 30, removed: 0 });
    const item = app.services.jobs.show({ jobId, offset: 0, limit: 1 }).items[0];
    expect(item?.reason).toMatch(/^Credentials rejected: .*Set the terminal's credentials/);
    // The raw code is the panel's own; the code the UI words says what it is, whatever the vendor's words.
    expect(item).toMatchObject({ rawCode: 'Wrong login or password', failureCode: 'credentials' });
    expect(deleteRequests(panel.device)).toHaveLength(0);
  });

  it('queues the items of an offline terminal and runs them by themselves when discovery sees it again', async () => {
    const sophon = await terminal('sophon', 'SPH-OFF', people);
    const app = core();
    await addTerminals(app, [sophon]);
    await sophon.cutOff();
    await app.services.health.checkAll();
    const dry = app.services.removal.plan({ mode: 'people', items: listOf(listed), devices: 'all', verify: false });
    expect(dry.offline).toEqual([sophon.serial]);
    const { jobId } = app.services.removal.start({
      mode: 'people',
      items: listOf(listed),
      devices: 'all',
      verify: false,
    });
    const waiting = await app.services.jobs.whenIdle(jobId);
    expect(waiting).toMatchObject({ state: 'running', counts: { queued: 30, removed: 0 } });
    await sophon.bringBack();
    await app.services.health.checkAll(); // emits devices:updated with online = true
    const done = await app.services.jobs.whenIdle(jobId);
    expect(done).toMatchObject({ state: 'done', counts: { removed: 30, queued: 0 } });
  });

  it('re-checks a request that got no answer by reading the terminal instead of sending it again', async () => {
    // The panel deletes, then dribbles two answers out over 2 s: they outlive the 500 ms time-out.
    const slow = await terminal('basip', 'BAS-SLOW', people, {
      faults: [{ kind: 'slow-body', count: 2, pathIncludes: '/identifier/items/link' }],
    });
    // The Sophon terminal swallows one request without doing anything.
    const swallow = await terminal('sophon', 'SPH-SWALLOW', people, {
      faults: [{ kind: 'timeout', count: 1, pathIncludes: 'deleteidentities' }],
    });
    const app = core({ basipBatchSize: 10, sophonBatchSize: 10, requestTimeoutMs: 500 });
    await addTerminals(app, [slow, swallow]);
    const { jobId } = app.services.removal.start({
      mode: 'people',
      items: listOf(listed),
      devices: 'all',
      verify: false,
    });
    const summary = await app.services.jobs.whenIdle(jobId);
    expect(summary.counts).toMatchObject({ removed: 60, failed: 0 });
    // Every link id went out in exactly one delete: the unanswered ones were confirmed by listing.
    const linkIds = deleteRequests(slow.device).flatMap(idsSent);
    expect(linkIds).toHaveLength(30);
    expect(new Set(linkIds).size).toBe(30);
    const rechecked = app.services.jobs.show({ jobId, terminal: 'BAS-SLOW', offset: 0, limit: 100 }).items;
    expect(rechecked.filter((i) => i.rawCode === 'recheck:absent')).toHaveLength(20);
    // The swallowed batch was still present when read back, so it was sent again; nothing acknowledged twice.
    expect(deleteRequests(swallow.device).flatMap(idsSent)).toHaveLength(40);
    expect(acknowledgedThenResent(swallow.device)).toEqual([]);
    expect(acknowledgedThenResent(slow.device)).toEqual([]);
  });
});
