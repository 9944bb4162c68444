import { describe, expect, it } from 'vitest';
import type { IndexStaleness } from '../../../shared/domain/people-index.ts';
import { resolvePeople, type ResolveInput } from './resolve.ts';
import { rowOf } from './rows.ts';
import type { IndexRow } from './store.ts';
import { basipPerson, sophonPerson, terminalOf } from '../../../test/support/people-index/test-kit.ts';

const LINK_A = '0f8fad5b-d9cb-469f-a165-70867728950e';
const LINK_B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

const rows: Record<string, IndexRow[]> = {
  S1: [sophonPerson('100001', '张伟'), sophonPerson('100002', '李娜'), sophonPerson('100003', '李娜')].map((p) =>
    rowOf('S1', 'sophon', p),
  ),
  S2: [sophonPerson('100002', '李娜')].map((p) => rowOf('S2', 'sophon', p)),
  B1: [basipPerson(1, '张伟', LINK_A), basipPerson(2, '张伟', null), basipPerson(3, '王芳', LINK_B)].map((p) =>
    rowOf('B1', 'basip', p),
  ),
};
const targets = [terminalOf('S1', 'sophon'), terminalOf('S2', 'sophon'), terminalOf('B1', 'basip')];

const input = (over: Partial<ResolveInput>): ResolveInput => ({
  items: [],
  targets,
  match: 'id',
  confirmAmbiguous: false,
  staleness: () => null,
  readAt: () => 1,
  rowsOf: (serial) => rows[serial] ?? [],
  ...over,
});

describe('one person → each terminal’s own id', () => {
  it('resolves per vendor id column, link_id across panels (with the panel’s unlinked identifiers of that person)', () => {
    const result = resolvePeople(
      input({ items: [{ line: 2, identity_id: '100001', link_id: LINK_A.toUpperCase(), name: '张伟' }] }),
    );
    expect(result.perTerminal.get('S1')).toEqual([{ line: 2, name: '张伟', identity_id: '100001' }]);
    expect(result.perTerminal.get('S2')).toEqual([]);
    expect(result.perTerminal.get('B1')).toEqual([
      { line: 2, name: '张伟', link_id: LINK_A },
      { line: 2, name: '张伟', uid: 2 },
    ]);
    expect(result.presence.get('S2')).toMatchObject({ present: 0, absent: 1, unknown: 0 });
    expect(result.unresolved).toEqual([]);
  });

  it('falls back to the exact name where a row has no id for that vendor', () => {
    const result = resolvePeople(input({ items: [{ line: 2, identity_id: '100001', name: '张伟' }] }));
    expect(result.perTerminal.get('B1')?.map((i) => i.link_id ?? i.uid)).toEqual([LINK_A, 2]);
  });

  it('lists an ambiguous name as unresolved until confirmed, then removes every holder of it', () => {
    const items = [{ line: 5, name: '李娜' }];
    const first = resolvePeople(input({ items, match: 'name' }));
    expect(first.unresolved).toEqual([
      { line: 5, label: '李娜', reason: 'ambiguous-name', serials: ['S1'], candidates: 2 },
    ]);
    expect(first.perTerminal.get('S1')).toEqual([]);
    expect(first.perTerminal.get('S2')).toEqual([{ line: 5, name: '李娜', identity_id: '100002' }]);
    const confirmed = resolvePeople(input({ items, match: 'name', confirmAmbiguous: true }));
    expect(confirmed.unresolved).toEqual([]);
    expect(confirmed.perTerminal.get('S1')?.map((i) => i.identity_id)).toEqual(['100002', '100003']);
  });

  it('counts a stale or missing index as unknown: ids are sent as given, names are not guessed', () => {
    const staleness = (serial: string): IndexStaleness => (serial === 'B1' ? 'too-old' : null);
    const result = resolvePeople(
      input({
        items: [
          { line: 2, identity_id: '100001', link_id: LINK_A, name: '张伟' },
          { line: 3, name: '王芳' },
        ],
        staleness,
      }),
    );
    expect(result.presence.get('B1')).toMatchObject({ present: 0, absent: 0, unknown: 2, staleness: 'too-old' });
    expect(result.perTerminal.get('B1')).toEqual([{ line: 2, identity_id: '100001', link_id: LINK_A, name: '张伟' }]);
    expect(result.unresolved).toEqual([
      { line: 3, label: '王芳', reason: 'index-unknown', serials: ['B1'], candidates: 0 },
    ]);
  });
});
