import { describe, expect, it } from 'vitest';
import type { Holding, PersonHit } from '../../../shared/domain/people-index.ts';
import type { PickedPerson } from '../../../shared/domain/removal-draft.ts';
import { cloudUserIds, indexedPicks, isPanelLocal, pickedItem, removalItems } from './draft-items.ts';

const UUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

describe('removal draft items', () => {
  it('turns a listed person into the id their terminal uses', () => {
    expect(pickedItem('sophon', { id: '100001', name: ' 张伟 ' }, 1)).toEqual({
      line: 1,
      identity_id: '100001',
      name: '张伟',
    });
    expect(pickedItem('basip', { id: UUID, name: '' }, 2)).toEqual({ line: 2, link_id: UUID });
    const byNumber = pickedItem('basip', { id: '17', name: 'Anna' }, 3);
    expect(byNumber).toEqual({ line: 3, uid: 17, name: 'Anna' });
    expect(isPanelLocal(byNumber)).toBe(true);
    expect(isPanelLocal({ line: 1, link_id: UUID })).toBe(false);
  });

  it('adds picked people after the imported ones, once, and only when removing people', () => {
    const picked: PickedPerson[] = [
      { serial: 'A', id: '100001', name: 'x', item: { line: 1, identity_id: '100001' } },
      { serial: 'B', id: UUID, name: 'y', item: { line: 2, link_id: UUID.toUpperCase() } },
      { serial: 'C', id: UUID, name: 'y', item: { line: 3, link_id: UUID } },
    ];
    const imported = [{ line: 2, identity_id: '100001' }];
    expect(removalItems(imported, picked, 'people')).toEqual([
      { line: 2, identity_id: '100001' },
      { line: 2, link_id: UUID.toUpperCase() },
    ]);
    expect(removalItems(imported, picked, 'faces-only')).toEqual(imported);
  });

  it('picks a person of the index once per Sophon id, with their BAS-IP link id and name', () => {
    const holding = (serial: string, kind: 'sophon' | 'basip', id: string): Holding => ({
      serial,
      terminalName: '',
      kind,
      idKind: kind === 'sophon' ? 'identity_id' : 'link_id',
      id,
      uid: kind === 'basip' ? '5' : null,
      linkId: kind === 'basip' ? id : null,
      faceIds: [],
      name: '王芳',
      type: null,
      readAt: 1,
    });
    const hit: PersonHit = {
      term: '王芳',
      name: '王芳',
      match: 'name',
      holdings: [holding('S1', 'sophon', '100001'), holding('S2', 'sophon', '100009'), holding('B1', 'basip', UUID)],
    };
    const picks = indexedPicks([], [hit, hit]);
    expect(picks.map((p) => p.item)).toEqual([
      { line: 1, identity_id: '100001', link_id: UUID, name: '王芳' },
      { line: 2, identity_id: '100009', link_id: UUID, name: '王芳' },
    ]);
    expect(cloudUserIds(picks.map((p) => p.item))).toEqual(['100001', '100009']);
  });

  it("takes each person's own id as the Alibaba user id, else the identity_id, link_id or uid, each once", () => {
    expect(
      cloudUserIds([
        { line: 1, nativeId: '100001' },
        { line: 2, identity_id: '100002', face_id: 'f1' },
        { line: 3, link_id: '0f0e0d0c-0b0a-4908-8706-050403020100' },
        { line: 4, uid: 42 },
        { line: 5, nativeId: '100001' },
        { line: 6, nativeId: ' 100003 ' },
      ]),
    ).toEqual(['100001', '100002', '0f0e0d0c-0b0a-4908-8706-050403020100', '42', '100003']);
  });
});
