import { describe, expect, it } from 'vitest';
import { RemovalSettingsSchema } from '../../../shared/domain/removal.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import { API_V0_CODE, API_V0_REASON } from '../../../shared/domain/capabilities.ts';
import { NO_ID_CODE } from './plan-ids.ts';
import { planRemoval, planRemovalLazily, resolveTargets } from './planner.ts';

const settings = RemovalSettingsSchema.parse({ sophonBatchSize: 2, basipBatchSize: 3, concurrency: 2 });

function terminal(serial: string, kind: Terminal['kind'], online = true): Terminal {
  return {
    serial,
    kind,
    apiVersion: null,
    name: serial,
    model: null,
    firmware: null,
    address: '10.0.0.1',
    port: 80,
    online,
    lastSeen: null,
    credentials: 'ok',
    peopleCount: null,
    capacity: null,
    source: 'manual',
    adapter: null,
    trust: 'trusted',
    pin: { address: '10.0.0.1', port: 80, kind, model: null, at: 0 },
    conflict: null,
  };
}

const LINK = '6F9619FF-8B86-D011-B42D-00C04FC964FF';

describe('planRemoval', () => {
  const sophon = terminal('S1', 'sophon');
  const basip = terminal('B1', 'basip', false);

  it("uses each terminal's own id kind, and records rows without one as failed at plan time", () => {
    const { plan, items } = planRemoval({
      mode: 'people',
      items: [
        { line: 2, identity_id: '1001', link_id: LINK },
        { line: 3, nativeId: '42' },
        { line: 4, nativeId: LINK.toLowerCase() },
        { line: 5, link_id: '11111111-2222-4333-8444-555555555555' },
        { line: 6, nativeId: 'EMP-7' },
        { line: 7, uid: 9 },
      ],
      targets: [sophon, basip],
      settings,
    });
    const on = (serial: string) =>
      items.filter((i) => i.terminal === serial).map((i) => [i.idKind, i.nativeId, i.failure?.rawCode ?? null]);
    expect(on('S1')).toEqual([
      ['identity_id', '1001', null],
      ['identity_id', '42', null],
      ['identity_id', LINK.toLowerCase(), null],
      ['link_id', '11111111-2222-4333-8444-555555555555', NO_ID_CODE],
      ['identity_id', 'EMP-7', null],
      ['uid', '9', NO_ID_CODE],
    ]);
    // On BAS-IP the same link id twice (typed and single-column) is one item; "EMP-7" is neither kind.
    expect(on('B1')).toEqual([
      ['link_id', LINK.toLowerCase(), null],
      ['uid', '42', null],
      ['link_id', '11111111-2222-4333-8444-555555555555', null],
      ['identity_id', 'EMP-7', NO_ID_CODE],
      ['uid', '9', null],
    ]);
    expect(items.find((i) => i.nativeId === 'EMP-7' && i.terminal === 'B1')?.failure?.reason).toContain(
      'neither a link_id (UUID) nor a uid',
    );
    expect(plan.terminals).toMatchObject([
      { serial: 'S1', items: 4, unplannable: 2, requests: 2, online: true },
      { serial: 'B1', items: 4, unplannable: 1, requests: 2, online: false },
    ]);
    expect(plan).toMatchObject({ offline: ['B1'], totalItems: 11, unplannableItems: 3 });
    expect(new Set(items.map((i) => i.seq)).size).toBe(items.length);
  });

  it('plans single faces on Sophon only, one request per face', () => {
    const { plan, items } = planRemoval({
      mode: 'faces-only',
      items: [
        { line: 2, identity_id: '1', face_id: 'f1' },
        { line: 3, identity_id: '1', face_id: 'f2', register_image_id: 'r2' },
      ],
      targets: [sophon, basip],
      settings,
    });
    expect(items.filter((i) => i.terminal === 'S1').map((i) => [i.idKind, i.nativeId, i.faceId])).toEqual([
      ['face_id', '1', 'f1'],
      ['register_image_id', '1', 'r2'],
    ]);
    expect(items.filter((i) => i.terminal === 'B1').every((i) => i.failure?.reason.includes('single face'))).toBe(true);
    expect(plan.terminals[0]?.requests).toBe(2);
  });

  it('estimates time from requests and ids, and spreads terminals over the concurrency limit', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ line: i + 2, nativeId: String(i + 1) }));
    const targets = [
      terminal('S1', 'sophon'),
      terminal('S2', 'sophon'),
      terminal('S3', 'sophon'),
      terminal('S4', 'sophon'),
    ];
    const { plan } = planRemoval({
      mode: 'people',
      items: many,
      targets,
      settings,
      cost: { requestMs: 100, perItemMs: 10 },
    });
    expect(plan.terminals.map((t) => t.estimatedMs)).toEqual([600, 600, 600, 600]);
    expect(plan.estimatedMs).toBe(1200); // four lanes of 600 ms, two at a time
  });

  it('plans lazily the same items and figures, planned again on each pass instead of held', () => {
    const input = {
      mode: 'people' as const,
      items: [
        { line: 2, identity_id: 'EMP-1', link_id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' },
        { line: 3, identity_id: 'EMP-1' },
        { line: 4, nativeId: '42' },
      ],
      targets: [terminal('S1', 'sophon'), terminal('B1', 'basip', false)],
      settings,
    };
    const eager = planRemoval(input);
    const lazy = planRemovalLazily(input);
    expect(lazy.plan).toEqual(eager.plan);
    expect([...lazy.items]).toEqual(eager.items);
    expect([...lazy.items]).toEqual(eager.items); // a second pass plans them again
    expect(eager.items.length).toBeGreaterThan(3);
  });
});

describe('resolveTargets', () => {
  const inventory = [terminal('S1', 'sophon'), terminal('B1', 'basip'), terminal('U1', 'unknown')];

  it('takes every terminal of a known kind for "all", listing the others as skipped', () => {
    const { targets, skipped } = resolveTargets(inventory, 'all');
    expect(targets.map((t) => t.serial)).toEqual(['S1', 'B1']);
    expect(skipped).toEqual(['U1']);
  });

  it('leaves untrusted and conflicting terminals out of "all", and refuses to target them by serial', () => {
    const conflict = {
      reason: 'serial-elsewhere' as const,
      address: '10.0.0.9',
      port: 80,
      serial: 'C1',
      kind: 'basip' as const,
      at: 1,
    };
    const mixed = [
      ...inventory,
      { ...terminal('N1', 'basip'), trust: 'untrusted' as const, pin: null },
      { ...terminal('C1', 'basip'), trust: 'conflict' as const, conflict },
    ];
    const { targets, skipped } = resolveTargets(mixed, 'all');
    expect(targets.map((t) => t.serial)).toEqual(['S1', 'B1']);
    expect(skipped).toEqual(['U1', 'N1', 'C1']);
    try {
      resolveTargets(mixed, ['B1', 'C1', 'N1']);
      expect.unreachable('a conflicting target must be refused');
    } catch (error) {
      expect((error as AppError).code).toBe('CONFLICT');
      expect((error as AppError).details).toEqual({ conflicts: ['C1'], untrusted: ['N1'] });
      expect((error as AppError).message).toMatch(/Nothing was sent.*identity conflict.*C1.*fcom devices trust/);
    }
    expect(() => resolveTargets([{ ...terminal('N1', 'basip'), trust: 'untrusted', pin: null }], 'all')).toThrow(
      /No trusted terminal.*fcom devices trust/,
    );
  });

  it('refuses serials that are not in the inventory, naming them and what to do', () => {
    expect(() => resolveTargets(inventory, ['S1', 'NOPE'])).toThrow(/Not in the inventory: NOPE.*fcom devices list/);
    try {
      resolveTargets([], 'all');
    } catch (error) {
      expect((error as AppError).code).toBe('NOT_FOUND');
      expect((error as AppError).message).toContain('fcom devices add');
    }
    expect.assertions(3);
  });

  it('leaves BAS-IP panels on API v0 out of "all" as skipped, and fails a named one\'s items at plan time for good', () => {
    const old = { ...terminal('OLD', 'basip'), apiVersion: 'v0', firmware: '3.8.2' };
    const { targets, skipped } = resolveTargets([...inventory, old], 'all');
    expect(targets.map((t) => t.serial)).toEqual(['S1', 'B1']);
    expect(skipped).toEqual(['U1', 'OLD']);
    expect(() => resolveTargets([old], 'all')).toThrow(/No trusted terminal can remove people: Firmware too old/);

    const named = resolveTargets([...inventory, old], ['OLD', 'B1']);
    expect(named.targets.map((t) => t.serial)).toEqual(['OLD', 'B1']);
    const { plan, items } = planRemoval({
      mode: 'people',
      items: [
        { line: 1, link_id: LINK },
        { line: 2, uid: 7 },
      ],
      targets: named.targets,
      settings,
    });
    const onOld = items.filter((i) => i.terminal === 'OLD');
    expect(onOld).toHaveLength(2);
    expect(onOld.every((i) => i.failure?.rawCode === API_V0_CODE && i.failure.reason === API_V0_REASON)).toBe(true);
    expect(items.filter((i) => i.terminal === 'B1').every((i) => i.failure === null)).toBe(true);
    expect(plan.terminals.find((t) => t.serial === 'OLD')).toMatchObject({ items: 0, unplannable: 2, requests: 0 });
    expect(plan.unplannableItems).toBe(2);
  });
});

describe('plans of a people list resolved through the index (issue 17)', () => {
  it('plans per terminal only the ids the index resolved there: a terminal holding nobody gets no requests', () => {
    const targets = [terminal('S1', 'sophon'), terminal('S2', 'sophon'), terminal('B1', 'basip')];
    const presence = { present: 0, absent: 2, unknown: 0, staleness: null, readAt: 1 };
    const { plan, items } = planRemoval({
      mode: 'people',
      items: [
        { line: 2, name: '张伟' },
        { line: 3, name: '李娜' },
      ],
      targets,
      settings,
      perTerminal: new Map([
        ['S1', [{ line: 2, name: '张伟', identity_id: '100001' }]],
        ['S2', []],
        ['B1', [{ line: 3, name: '李娜', uid: 8 }]],
      ]),
      presence: new Map([['S2', presence]]),
      unresolved: [],
    });
    expect(items.map((i) => [i.terminal, i.idKind, i.nativeId, i.failure])).toEqual([
      ['S1', 'identity_id', '100001', null],
      ['B1', 'uid', '8', null],
    ]);
    const s2 = plan.terminals.find((t) => t.serial === 'S2');
    expect(s2).toMatchObject({ items: 0, requests: 0, estimatedMs: 0, presence });
    expect(plan.unresolved).toEqual([]);
  });
});
