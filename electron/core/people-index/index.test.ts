import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REFRESH, refreshTerminal } from './refresh.ts';
import { findPeople } from './search.ts';
import { createIndexStore, type IndexStore } from './store.ts';
import {
  basipPerson,
  scriptedSession,
  sophonPerson,
  tempDatabase,
  terminalOf,
} from '../../../test/support/people-index/test-kit.ts';
import type { Database } from '../db/database.ts';

const LINK_A = '0f8fad5b-d9cb-469f-a165-70867728950e';
const LINK_B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('people index: complete reads only', () => {
  let db: Database;
  let close: () => void;
  let store: IndexStore;
  let now = 1_000;
  beforeEach(() => {
    ({ db, close } = tempDatabase());
    store = createIndexStore(db);
  });
  afterEach(() => close());
  /** Rows waiting in the staging table of reads in progress. */
  const staged = (): number =>
    (db.sqlite.prepare('SELECT COUNT(*) AS n FROM temp.people_index_staged').get() as { n: number }).n;

  const deps = (session: ReturnType<typeof scriptedSession>['session']) => ({
    store,
    sessionFor: async () => session,
    now: () => now,
    tuning: { ...DEFAULT_REFRESH, paceMs: 0 },
  });

  it("stores a terminal's whole list with its own ids (Sophon identity_id and faces, BAS-IP link_id or uid)", async () => {
    const sophon = scriptedSession([sophonPerson('100001', '张伟', ['a', 'b']), sophonPerson('100002', 'Li Na')]);
    await refreshTerminal(deps(sophon.session), terminalOf('S1', 'sophon'));
    const basip = scriptedSession([basipPerson(7, '张伟', LINK_A.toUpperCase()), basipPerson(8, '张伟', null)]);
    await refreshTerminal(deps(basip.session), terminalOf('B1', 'basip'));
    expect(store.rowsOf('S1')).toContainEqual(
      expect.objectContaining({ idKind: 'identity_id', nativeId: '100001', faceIds: ['a', 'b'], name: '张伟' }),
    );
    expect(store.rowsOf('B1')).toEqual([
      expect.objectContaining({ idKind: 'link_id', nativeId: LINK_A, uid: '7', linkId: LINK_A }),
      expect.objectContaining({ idKind: 'uid', nativeId: '8', uid: '8', linkId: null }),
    ]);
    expect(store.reads().map((r) => [r.serial, r.readAt, r.people])).toEqual([
      ['B1', 1_000, 2],
      ['S1', 1_000, 2],
    ]);
  });

  it('keeps the previous index when a later read fails on a page or ends short, and records why', async () => {
    const people = Array.from({ length: 120 }, (_, i) => sophonPerson(String(200000 + i), `P${i}`));
    await refreshTerminal(deps(scriptedSession(people).session), terminalOf('S1', 'sophon'));
    now = 2_000;
    const failed = await refreshTerminal(
      deps(scriptedSession(people.slice(0, 60), { failAt: 1 }).session),
      terminalOf('S1', 'sophon'),
    );
    expect(failed.ok).toBe(false);
    expect(store.rowsOf('S1')).toHaveLength(120);
    now = 3_000;
    const short = await refreshTerminal(
      deps(scriptedSession(people, { shortAt: 1 }).session),
      terminalOf('S1', 'sophon'),
    );
    expect(short).toMatchObject({ ok: false, code: 'read:incomplete' });
    expect(store.rowsOf('S1')).toHaveLength(120);
    expect(staged()).toBe(0);
    expect(store.reads()[0]).toMatchObject({ readAt: 1_000, attemptedAt: 3_000, lastErrorCode: 'read:incomplete' });
  });

  it('a later complete read replaces the index: people gone, renamed and new are all reflected', async () => {
    const first = [sophonPerson('1', '张伟'), sophonPerson('2', '李娜'), sophonPerson('3', '王芳')];
    await refreshTerminal(deps(scriptedSession(first).session), terminalOf('S1', 'sophon'));
    const second = [sophonPerson('1', '张伟'), sophonPerson('3', '王芳芳'), sophonPerson('4', '赵强')];
    await refreshTerminal(deps(scriptedSession(second).session), terminalOf('S1', 'sophon'));
    expect(store.rowsOf('S1').map((r) => [r.nativeId, r.name])).toEqual([
      ['1', '张伟'],
      ['3', '王芳芳'],
      ['4', '赵强'],
    ]);
    expect(store.byName('王芳')).toEqual([]);
    expect(store.search(null, 'wangfangfang', 10).map((r) => r.nativeId)).toEqual(['3']);
  });

  it('asks a page that timed out again instead of leaving the whole terminal stale', async () => {
    const people = Array.from({ length: 120 }, (_, i) => sophonPerson(String(300000 + i), `P${i}`));
    const slow = scriptedSession(people, { timeoutOnceAt: 1 });
    const result = await refreshTerminal(deps(slow.session), terminalOf('S1', 'sophon'));
    expect(result).toMatchObject({ ok: true, people: 120 });
    expect(slow.pages).toEqual([0, 1, 1, 2]);
  });

  it('stages every page in the database as it is read (memory holds one page), and leaves nothing staged', async () => {
    const people = Array.from({ length: 160 }, (_, i) => sophonPerson(String(500000 + i), `P${i}`));
    const seen: [number, number][] = [];
    const result = await refreshTerminal(
      deps(scriptedSession(people).session),
      terminalOf('S1', 'sophon'),
      undefined,
      (read) => seen.push([read, staged()]),
    );
    expect(result).toMatchObject({ ok: true, people: 160 });
    expect(seen.length).toBeGreaterThan(2);
    for (const [read, inDatabase] of seen) expect(inDatabase).toBe(read);
    expect(staged()).toBe(0);
    expect(store.rowsOf('S1')).toHaveLength(160);
  });

  it('a paced read of many pages leaves no abort listener behind on the refresh signal', async () => {
    const people = Array.from({ length: 160 }, (_, i) => sophonPerson(String(400000 + i), `P${i}`));
    const controller = new AbortController();
    const session = scriptedSession(people);
    const result = await refreshTerminal(
      { ...deps(session.session), tuning: { ...DEFAULT_REFRESH, paceMs: 1 } },
      terminalOf('S1', 'sophon'),
      controller.signal,
    );
    expect(result).toMatchObject({ ok: true, people: 160 });
    expect(session.pages.length).toBeGreaterThan(2);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('a cancelled refresh keeps the index it had, fresh: nothing staged is left, no failure recorded', async () => {
    const people = Array.from({ length: 160 }, (_, i) => sophonPerson(String(600000 + i), `P${i}`));
    now = 1_000;
    await refreshTerminal(deps(scriptedSession(people).session), terminalOf('S1', 'sophon'));
    now = 2_000;
    const controller = new AbortController();
    const changed = people.map((p, i) => (i === 0 ? sophonPerson(p.id, 'Renamed') : p));
    const cancelled = await refreshTerminal(
      { ...deps(scriptedSession(changed).session), tuning: { ...DEFAULT_REFRESH, paceMs: 1 } },
      terminalOf('S1', 'sophon'),
      controller.signal,
      () => controller.abort(),
    );
    expect(cancelled).toMatchObject({ ok: false, code: 'cancelled' });
    expect(store.rowsOf('S1')).toHaveLength(160);
    expect(store.byName('Renamed')).toEqual([]);
    expect(store.reads()[0]).toMatchObject({ readAt: 1_000, lastErrorCode: null });
    expect(staged()).toBe(0);
  });

  it('does not contact an offline terminal and keeps its index', async () => {
    const sophon = scriptedSession([sophonPerson('1', 'A')]);
    await refreshTerminal(deps(sophon.session), terminalOf('S1', 'sophon'));
    const result = await refreshTerminal(deps(sophon.session), terminalOf('S1', 'sophon', { online: false }));
    expect(result).toMatchObject({ ok: false, code: 'offline' });
    expect(sophon.pages).toEqual([0]);
    expect(store.rowsOf('S1')).toHaveLength(1);
  });

  it('finds a person across terminals by Chinese name, pinyin, initials and any id, with each terminal’s id', async () => {
    await refreshTerminal(
      deps(scriptedSession([sophonPerson('100001', '张伟'), sophonPerson('100002', '李娜')]).session),
      terminalOf('S1', 'sophon'),
    );
    await refreshTerminal(
      deps(scriptedSession([basipPerson(7, '张伟', LINK_A), basipPerson(9, 'Zoë Müller', LINK_B)]).session),
      terminalOf('B1', 'basip'),
    );
    const info = (serial: string) => ({
      name: serial,
      kind: serial.startsWith('S') ? ('sophon' as const) : ('basip' as const),
      readAt: 1,
    });
    const byName = findPeople(store, info, '张伟', 10);
    expect(byName.hits).toHaveLength(1);
    expect(byName.hits[0]?.match).toBe('name');
    expect(byName.hits[0]?.holdings.map((h) => [h.serial, h.idKind, h.id])).toEqual([
      ['B1', 'link_id', LINK_A],
      ['S1', 'identity_id', '100001'],
    ]);
    expect(findPeople(store, info, 'Zhang Wei', 10).hits[0]?.holdings).toHaveLength(2);
    expect(findPeople(store, info, 'zw', 10).hits[0]?.name).toBe('张伟');
    expect(findPeople(store, info, LINK_A.toUpperCase(), 10).hits[0]?.holdings.map((h) => h.serial)).toEqual(['B1']);
    expect(findPeople(store, info, 'zoe', 10).hits[0]?.name).toBe('Zoë Müller');
    const list = findPeople(store, info, '100002\n张三, 7', 10);
    expect(list.hits.map((h) => h.name)).toEqual(['李娜', '张伟']);
    expect(list.notFound).toEqual(['张三']);
  });
});
