import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemovalItem } from '../../../shared/domain/people-import.ts';
import { auditOutcomes, snapshotHeld } from '../../../test/audit/ground-truth.ts';
import type { BasipDevice } from '../../../tools/sim/basip/index.ts';
import { generatePeople, type SimPerson } from '../../../tools/sim/common/people.ts';
import type { Core } from '../compose.ts';
import { importPeopleFile } from '../people-import/index.ts';
import { addTerminals, startTerminal, testCore, type SimTerminal } from '../../../test/support/removal/test-kit.ts';

/**
 * Issue 17's acceptance on a simulated site of both kinds (127.0.0.1): a CSV of names and per-vendor ids
 * ("姓名", "Sophon id", "BAS-IP link id") removes each listed person from every terminal that holds them and
 * sends nothing to the terminals that hold nobody of the list; the ground-truth audit finds no false outcome;
 * the dry run's presence counts equal the simulators' real counts.
 */
const population = generatePeople('who-is-where', 60);
const nameCount = new Map<string, number>();
for (const p of population) nameCount.set(p.name, (nameCount.get(p.name) ?? 0) + 1);
const unique = (p: SimPerson): boolean => nameCount.get(p.name) === 1;
// The listed people: 0..35 of the population (terminals C hold only 40..59: nobody of the list).
const listed = population.slice(0, 36);

/** The CSV: some rows name the person only (unique names), some give both ids, some the Sophon id only. */
function csvOf(people: readonly SimPerson[]): string {
  const rows = people.map((p, i) => {
    const how = unique(p) ? i % 3 : 1;
    if (how === 0) return `${p.name},,`;
    if (how === 1) return `${p.name},${p.identityId},${p.linkId.toUpperCase()}`;
    return `${p.name},${p.identityId},`;
  });
  return ['姓名,Sophon id,BAS-IP link id', ...rows].join('\r\n');
}

describe('acceptance (issue 17): one person across every terminal and vendor', () => {
  const terminals: SimTerminal[] = [];
  const holders = new Map<string, readonly SimPerson[]>();
  let app: Core;
  let cleanup: () => Promise<void>;
  let items: RemovalItem[];

  beforeAll(async () => {
    const spread: [string, 'sophon' | 'basip', SimPerson[]][] = [
      ['SPH-A', 'sophon', population.slice(0, 40)],
      ['SPH-B', 'sophon', population.slice(20, 60)],
      ['SPH-C', 'sophon', population.slice(40, 60)],
      ['BAS-A', 'basip', population.slice(0, 30)],
      ['BAS-B', 'basip', population.slice(10, 50)],
      ['BAS-C', 'basip', population.slice(40, 60)],
    ];
    for (const [serial, kind, people] of spread) {
      const terminal = await startTerminal(kind, serial, people, { pageCap: 20 });
      terminals.push(terminal);
      holders.set(serial, people);
    }
    ({ core: app, cleanup } = testCore(
      { sophonBatchSize: 10, basipBatchSize: 10, concurrency: 4 },
      { peopleIndex: { tuning: { paceMs: 1 } } },
    ));
    await addTerminals(app, terminals);
    const imported = importPeopleFile(new TextEncoder().encode(csvOf(listed)), { names: true });
    expect(imported.mapping).toEqual({ name: 0, identity_id: 1, link_id: 2 });
    items = imported.list.items;
    expect(items).toHaveLength(listed.length);
  });
  afterAll(async () => {
    await cleanup();
    for (const t of terminals) await t.cutOff();
  });

  const heldBy = (t: SimTerminal, p: SimPerson): boolean =>
    t.kind === 'sophon' ? t.device.holds('identity_id', p.identityId) : t.device.holds('link_id', p.linkId);

  it(
    'refreshes, previews presence truthfully, removes everywhere they are and sends nothing elsewhere',
    { timeout: 60_000 },
    async () => {
      const refreshed = await app.services.peopleIndex.refresh().result;
      expect(refreshed.filter((r) => !r.ok)).toEqual([]);
      const status = app.services.peopleIndex.status();
      expect(status.terminals.every((t) => t.staleness === null)).toBe(true);

      const request = { mode: 'people' as const, items, devices: 'all' as const, match: 'id' as const };
      const plan = app.services.removal.plan({ ...request, verify: true });
      expect(plan.unresolved).toEqual([]);
      for (const t of terminals) {
        const real = listed.filter((p) => heldBy(t, p)).length;
        const mine = plan.terminals.find((x) => x.serial === t.serial);
        expect(mine?.presence, t.serial).toMatchObject({ present: real, absent: listed.length - real, unknown: 0 });
        if (real === 0) expect(mine?.items, t.serial).toBe(0);
      }

      const quiet = terminals.filter((t) => listed.every((p) => !heldBy(t, p)));
      expect(quiet).toEqual([terminals[2], terminals[5]]);
      const quietBefore = quiet.map((t) => t.device.log.all().length);

      // Some listed people hold a face identifier (no link_id) beside their card on a panel: it must go too.
      const faces = terminals
        .filter((t) => t.kind === 'basip')
        .flatMap((t) => (t.device as BasipDevice).identifiers())
        .filter((i) => i.link_id === null && listed.some((p) => unique(p) && p.name === i.identifier_owner?.name));
      expect(faces.length).toBeGreaterThan(0);
      const { jobId } = app.services.removal.start({ ...request, verify: true });
      const summary = await app.services.jobs.whenIdle(jobId);
      expect(summary.state).toBe('done');
      expect(summary.counts.removed).toBe(plan.totalItems);
      expect(plan.totalItems).toBeGreaterThan(listed.length);
      expect(summary.counts).toMatchObject({ failed: 0, queued: 0, pending: 0, unconfirmed: 0, 'already-absent': 0 });

      const reported = app.services.jobs.show({ jobId, offset: 0, limit: 1000 }).items;
      const devices = new Map(terminals.map((t) => [t.serial, t.device]));
      expect(auditOutcomes(reported, devices, snapshotHeld([], devices))).toEqual([]);
      // Nothing at all reached the terminals that hold nobody of the list.
      expect(quiet.map((t) => t.device.log.all().length)).toEqual(quietBefore);

      // Every listed person is gone from every terminal (BAS-IP: their face identifiers beside the card too),
      // and everybody else is still there.
      for (const t of terminals) {
        for (const p of holders.get(t.serial) ?? []) {
          const isListed = listed.includes(p);
          expect(heldBy(t, p), `${p.name} on ${t.serial}`).toBe(!isListed);
        }
        if (t.kind === 'basip') {
          const names = (t.device as BasipDevice).identifiers().map((i) => i.identifier_owner?.name);
          for (const p of listed.filter(unique)) expect(names, `${p.name} on ${t.serial}`).not.toContain(p.name);
        }
      }
      // The index read afterwards agrees with the simulators.
      await app.services.peopleIndex.refresh().result;
      const found = app.services.peopleIndex.find(listed.map((p) => p.identityId).join('\n'), 1000);
      expect(found.hits.filter((h) => h.holdings.some((x) => x.kind === 'sophon'))).toEqual([]);
      const links = app.services.peopleIndex.find(listed.map((p) => p.linkId).join('\n'), 1000);
      expect(links.hits).toEqual([]);
    },
  );
});
