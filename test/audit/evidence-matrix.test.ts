import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RemovalItem } from '../../shared/domain/people-import.ts';
import type { JobItem } from '../../shared/domain/removal.ts';
import { allRemoved } from '../../electron/cli/job-follow.ts';
import { deleteFacePermissions } from '../../electron/core/cloud/aliyun/permission-delete.ts';
import { startGateway, type GatewayFixture } from '../support/cloud/aliyun-harness.ts';
import type { Core } from '../../electron/core/compose.ts';
import { addTerminals, startTerminal, testCore, type SimTerminal } from '../support/removal/test-kit.ts';
import type { Knobs } from '../../tools/sim/common/knobs.ts';
import { generatePeople, type SimPerson } from '../../tools/sim/common/people.ts';
import { auditOutcomes, snapshotHeld, type ReportedItem } from './ground-truth.ts';

/**
 * Issue 14's acceptance matrix: each firmware variant × Sophon / BAS-IP by link / BAS-IP by uid, with ids the
 * terminal holds, ids it never held and ids of people removed earlier interleaved in the same batches. Every
 * job ends with the ground-truth audit (no false removed, no false already absent), every person the
 * terminal held is really gone, and the CLI's exit rule (allRemoved) says "not all confirmed" exactly when
 * some item is neither removed nor already absent.
 */

type Target = 'sophon' | 'basip-link' | 'basip-uid';

interface Case {
  target: Target;
  name: string;
  knobs: Partial<Knobs>;
}

const CASES: Case[] = [
  { target: 'sophon', name: 'documented answers', knobs: {} },
  { target: 'sophon', name: 'whole-batch ID_NOT_FOUND', knobs: { variants: ['batch-not-found'] } },
  {
    target: 'sophon',
    name: 'integer error codes + whole-batch ID_NOT_FOUND',
    knobs: { variants: ['int-codes', 'batch-not-found'] },
  },
  { target: 'sophon', name: 'numeric values', knobs: { variants: ['numeric-values'] } },
  { target: 'sophon', name: 'silent page cap of 7', knobs: { pageCap: 7 } },
  { target: 'sophon', name: 'HTML 200 on unknown paths', knobs: { variants: ['html-200'] } },
  { target: 'basip-link', name: 'documented answers', knobs: {} },
  { target: 'basip-link', name: 'link_id null in results', knobs: { variants: ['link-id-null'] } },
  { target: 'basip-link', name: '400 for a list naming an unknown id', knobs: { variants: ['list-400'] } },
  { target: 'basip-link', name: 'numeric values, no totals', knobs: { variants: ['numeric-values', 'no-totals'] } },
  { target: 'basip-link', name: 'silent page cap of 20', knobs: { pageCap: 20 } },
  { target: 'basip-uid', name: 'empty 200 (documented: no body)', knobs: { variants: ['uid-delete-empty'] } },
  { target: 'basip-uid', name: 'per-uid results', knobs: { variants: ['uid-delete-result'] } },
  { target: 'basip-uid', name: '400 for a list naming an unknown uid', knobs: { variants: ['list-400'] } },
  { target: 'basip-uid', name: 'silent page cap of 20, no totals', knobs: { pageCap: 20, variants: ['no-totals'] } },
];

/** 60 people on the terminal (more than one list page), 24 of them on the list. */
const onTerminal = generatePeople('matrix', 60);
/** People the terminal never held (other ids of the same shape). */
const strangers = generatePeople('matrix-strangers', 8).map((p, i) => ({
  ...p,
  identityId: `9${String(i).padStart(5, '0')}`,
}));

/** The removal list: present, never held and removed-earlier ids interleaved. */
function listFor(target: Target, uidOf: Map<string, number>, removedEarlier: readonly SimPerson[]): RemovalItem[] {
  const present = onTerminal.slice(0, 24);
  const rows: RemovalItem[] = [];
  const absent = [...strangers, ...removedEarlier];
  for (let i = 0; i < present.length; i++) {
    rows.push(rowFor(target, present[i] as SimPerson, uidOf));
    if (i % 2 === 1 && absent.length > 0) rows.push(rowFor(target, absent.shift() as SimPerson, uidOf));
  }
  return rows.map((row, index) => ({ ...row, line: index + 2 }));
}

function rowFor(target: Target, person: SimPerson, uidOf: Map<string, number>): RemovalItem {
  if (target === 'sophon') return { line: 0, identity_id: person.identityId, name: person.name };
  if (target === 'basip-link') return { line: 0, link_id: person.linkId, name: person.name };
  // A person the panel never held gets a uid beyond every uid it ever gave.
  return { line: 0, uid: uidOf.get(person.linkId.toLowerCase()) ?? 900_000 + person.index, name: person.name };
}

/** The panel's card identifiers' uids by link id (read from the simulator's store). */
function uidsByLink(terminal: SimTerminal): Map<string, number> {
  const device = terminal.device as SimTerminal['device'] & {
    identifiers?: () => { identifier_uid: number; link_id: string | null; identifier_type: string }[];
  };
  const map = new Map<string, number>();
  for (const item of device.identifiers?.() ?? []) {
    if (item.link_id && item.identifier_type === 'card') map.set(item.link_id.toLowerCase(), item.identifier_uid);
  }
  return map;
}

async function allItems(app: Core, jobId: string): Promise<JobItem[]> {
  const items: JobItem[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = app.services.jobs.show({ jobId, offset, limit: 1000 }).items;
    items.push(...page);
    if (page.length < 1000) return items;
  }
}

describe('evidence matrix: firmware variants × targets, present / never held / removed earlier interleaved', () => {
  let app: Core;
  let cleanup: () => Promise<void>;
  const started: SimTerminal[] = [];

  beforeAll(() => {
    ({ core: app, cleanup } = testCore({ sophonBatchSize: 8, basipBatchSize: 8, maxAttempts: 3 }));
  });
  afterAll(async () => {
    await cleanup();
    for (const t of started) await t.cutOff();
  });

  it.each(CASES)('$target: $name', { timeout: 60_000 }, async ({ target, knobs }) => {
    const kind = target === 'sophon' ? 'sophon' : 'basip';
    const terminal = await startTerminal(kind, `MX-${started.length}`, onTerminal);
    started.push(terminal);
    await addTerminals(app, [terminal]);
    terminal.device.knobs.set(knobs);
    // Two people removed before the job, by an earlier job: their ids are on the list again.
    const removedEarlier = onTerminal.slice(50, 52);
    const uids = uidsByLink(terminal);
    const early = app.services.removal.start({
      mode: 'people',
      items: removedEarlier.map((p, i) => ({ ...rowFor(target, p, uids), line: i + 2 })),
      devices: [terminal.serial],
      verify: true,
    });
    await app.services.jobs.whenIdle(early.jobId);
    for (const p of removedEarlier) {
      expect(terminal.device.holds('link_id', p.linkId) || terminal.device.holds('identity_id', p.identityId)).toBe(
        false,
      );
    }

    const list = listFor(target, uids, removedEarlier);
    const devices = new Map([[terminal.serial, terminal.device]]);
    const reported = (items: JobItem[]): ReportedItem[] =>
      items.map((i) => ({
        terminal: i.terminal,
        idKind: i.idKind,
        nativeId: i.nativeId,
        faceId: i.faceId,
        outcome: i.outcome,
      }));

    const { jobId } = app.services.removal.start({
      mode: 'people',
      items: list,
      devices: [terminal.serial],
      verify: true,
    });
    const planned = await allItems(app, jobId);
    const heldBefore = snapshotHeld(reported(planned), devices);
    const summary = await app.services.jobs.whenIdle(jobId);
    const items = await allItems(app, jobId);

    expect(auditOutcomes(reported(items), devices, heldBefore)).toEqual([]);
    // Every person the terminal held is gone, and reported removed.
    const held = items.filter((i) => heldBefore.get(`${i.terminal}|${i.idKind}|${i.nativeId.toLowerCase()}|`) === true);
    expect(held).toHaveLength(24);
    for (const item of held) {
      expect(terminal.device.holds(item.idKind, item.nativeId)).toBe(false);
      expect(item.outcome).toBe('removed');
      expect(item.evidence).toMatch(/^(answer|read-back)$/);
    }
    // Nobody the terminal did not hold is reported removed on the terminal's word. Where its answer names no id
    // (link_id null), a complete read after the delete is the only evidence: "removed (read back)" then says
    // that the id is not on the terminal after the delete, which is true, and the report tells the two apart.
    for (const item of items.filter((i) => !held.includes(i))) {
      if (item.outcome === 'removed') expect(item.evidence).toBe('read-back');
      if (target === 'basip-uid') expect([item.outcome, item.evidence]).toEqual(['already-absent', 'read-before']);
    }
    // The exit rule: non-zero exactly when an item is neither removed nor already absent.
    const unsettled = items.filter((i) => i.outcome !== 'removed' && i.outcome !== 'already-absent');
    expect(allRemoved(summary)).toBe(unsettled.length === 0);
  });
});

describe('evidence matrix: Alibaba Cloud, with and without a whole-batch 3000 for mixed batches', () => {
  let gw: GatewayFixture;
  afterEach(() => gw.close());

  it.each([{ variants: [] }, { variants: ['batch-3000'] }] as const)(
    'variants $variants: users with a face, without one and unknown, interleaved',
    async ({ variants }) => {
      gw = await startGateway({ variants: [...variants] });
      const on = (iotId: string): Set<string> =>
        new Set(
          gw.sim.permissions().flatMap((p) => (p.iotId === iotId && p.userType === 'IDENTITY' ? [p.userId] : [])),
        );
      // The device holding the most faces; users the platform knows who have none there.
      const device = [...gw.sim.world.devices].sort((a, b) => on(b.iotId).size - on(a.iotId).size)[0]?.iotId ?? '';
      const before = on(device);
      const present = [...before].slice(0, 8);
      const identities = gw.sim.world.users.filter((u) => u.userType === 'IDENTITY').map((u) => u.userId);
      const without = identities.filter((u) => !before.has(u)).slice(0, 4);
      expect(present.length).toBeGreaterThanOrEqual(4);
      expect(without.length).toBeGreaterThan(0);
      const unknown = ['ffffffffffffffffffffffffffffffff'];
      const users = present.flatMap((u, i) => [u, ...(i % 2 === 1 ? [without[i >> 1] ?? unknown[0] ?? ''] : [])]);
      users.push(...unknown);
      const results = await deleteFacePermissions(gw.client(), {
        userType: 'IDENTITY',
        userIds: users,
        scopeType: 'IOT_ID',
        scopeIds: [device],
        batchSize: 10,
      });
      const after = on(device);
      for (const r of results) {
        // The ground truth: nothing reported removed or absent is still on the device, and "already absent"
        // only for users who had no face there before.
        if (r.outcome === 'removed' || r.outcome === 'already-absent')
          expect(after.has(r.userId), r.userId).toBe(false);
        if (r.outcome === 'already-absent') expect(before.has(r.userId), r.userId).toBe(false);
      }
      for (const u of present) {
        expect(after.has(u), u).toBe(false);
        expect(results.find((r) => r.userId === u)).toMatchObject({ outcome: 'removed', evidence: 'answer' });
      }
      // Users with no face there: already absent on the platform's own "none of these" (3000), or removed when
      // the whole request was answered 200 ("none of these faces is there any more"); never failed or left.
      const listedWithout = without.filter((u) => users.includes(u));
      expect(listedWithout.length).toBeGreaterThan(0);
      for (const u of listedWithout) {
        expect(['already-absent', 'removed']).toContain(results.find((r) => r.userId === u)?.outcome);
      }
      if (variants.length > 0) {
        for (const u of listedWithout) expect(results.find((r) => r.userId === u)?.outcome).toBe('already-absent');
      }
    },
  );
});
