import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import { createDraftStore } from './drafts.ts';
import { DRAFT_GONE } from './errors.ts';

const LINK = '0f8fad5b-d9cb-469f-a165-70867728950e';

const terminals: Record<string, Pick<Terminal, 'serial' | 'kind'>> = {
  SPH: { serial: 'SPH', kind: 'sophon' },
  BAS: { serial: 'BAS', kind: 'basip' },
  ODD: { serial: 'ODD', kind: 'unknown' },
};

function store(bounds = { maxEntries: 3, maxIdleMs: 1000 }) {
  let clock = 0;
  let ids = 0;
  const drafts = createDraftStore({
    terminal: (serial) => terminals[serial] as Terminal | undefined,
    now: () => clock,
    bounds,
    newId: () => `d${++ids}`,
  });
  return { drafts, advance: (ms: number) => (clock += ms) };
}

const csv = (text: string) => ({
  kind: 'file' as const,
  fileName: 'list.csv',
  base64: Buffer.from(text).toString('base64'),
});

function codeOf(run: () => unknown): { code: string; reason: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, reason: (error.details as { reason?: unknown })?.reason };
    throw error;
  }
  throw new Error('did not throw');
}

describe('removal drafts', () => {
  it('reads pasted ids into a new draft and answers counts, not items; pages give the items', () => {
    const { drafts } = store();
    const summary = drafts.read({ source: { kind: 'paste', text: '100001\n100002, 100002\n1.2E+11' }, mode: 'people' });
    expect(summary).toMatchObject({ draftId: 'd1', mode: 'people', label: null, picked: 0, total: 2 });
    expect(summary.input?.list).toMatchObject({ valid: 2, duplicates: 1, invalidRows: 1 });
    expect(summary.input?.list).not.toHaveProperty('items');
    const page = drafts.page({ draftId: 'd1', part: 'items', offset: 1, limit: 5 });
    expect(page).toMatchObject({ total: 2, offset: 1 });
    expect(page.items?.map((i) => i.nativeId)).toEqual(['100002']);
    expect(drafts.page({ draftId: 'd1', part: 'errors' }).errors?.[0]?.code).toBe('scientific_notation');
  });

  it('reads its own file again with another column, without the file being sent again', () => {
    const { drafts } = store();
    const first = drafts.read({ source: csv('name,identity_id\nAnn,100001\nBob,100002\n'), mode: 'people' });
    expect(first).toMatchObject({ label: 'list.csv', total: 2 });
    expect(first.input?.mapping).toEqual({ name: 0, identity_id: 1 });
    const again = drafts.read({ draftId: first.draftId, mode: 'people', mapping: { nativeId: 0 } });
    expect(again.draftId).toBe(first.draftId);
    expect(drafts.page({ draftId: first.draftId, part: 'items' }).items?.map((i) => i.nativeId)).toEqual([
      'Ann',
      'Bob',
    ]);
    // The CLI's --column by header label.
    const byColumn = drafts.read({ draftId: first.draftId, mode: 'people', column: 'identity_id' });
    expect(byColumn.input?.mapping.identity_id).toBe(1);
  });

  it('adds picks once, with the id kind of the terminal, merges them after the input, and takes one out', () => {
    const { drafts } = store();
    const { draftId } = drafts.read({ source: { kind: 'paste', text: '100001' }, mode: 'people' });
    drafts.pick({
      draftId,
      from: {
        kind: 'terminal',
        serial: 'BAS',
        people: [
          { id: LINK, name: 'Li' },
          { id: '7', name: '' },
        ],
      },
    });
    const twice = drafts.pick({
      draftId,
      from: { kind: 'terminal', serial: 'SPH', people: [{ id: '200001', name: 'Wu' }] },
    });
    expect(
      drafts.pick({ draftId, from: { kind: 'terminal', serial: 'SPH', people: [{ id: '200001', name: 'Wu' }] } }),
    ).toEqual(twice);
    expect(twice).toMatchObject({ picked: 3, total: 4, panelLocal: 1, cloudUsers: 4 });
    const picked = drafts.page({ draftId, part: 'picked' }).picked ?? [];
    expect(picked.map((p) => p.item)).toEqual([
      { line: 1, link_id: LINK, name: 'Li' },
      { line: 2, uid: 7 },
      { line: 3, identity_id: '200001', name: 'Wu' },
    ]);
    const after = drafts.edit({ draftId, edit: { kind: 'unpick', serial: 'BAS', id: '7' } });
    expect(after).toMatchObject({ picked: 2, total: 3, panelLocal: 0 });
    expect(drafts.page({ draftId, part: 'picked' }).picked?.map((p) => p.item.line)).toEqual([1, 2]);
    // Clearing the input keeps the picks; faces-only mode ignores them.
    expect(drafts.edit({ draftId, edit: { kind: 'clear-input' } })).toMatchObject({ input: null, total: 2 });
    expect(drafts.edit({ draftId, edit: { kind: 'set-mode', mode: 'faces-only' } })).toMatchObject({ total: 0 });
  });

  it('refuses picks of a terminal of unknown kind', () => {
    const { drafts } = store();
    expect(
      codeOf(() => drafts.pick({ from: { kind: 'terminal', serial: 'ODD', people: [{ id: '1', name: '' }] } })),
    ).toEqual({
      code: 'VALIDATION',
      reason: 'unknown-kind',
    });
  });

  it('drops a draft left unused too long, and the least recently used beyond the count', () => {
    const { drafts, advance } = store({ maxEntries: 2, maxIdleMs: 1000 });
    const a = drafts.read({ source: { kind: 'paste', text: '1' }, mode: 'people' }).draftId;
    advance(900);
    expect(drafts.summary(a).total).toBe(1); // used: its age starts again
    advance(900);
    expect(drafts.summary(a).total).toBe(1);
    advance(1001);
    expect(codeOf(() => drafts.summary(a))).toEqual({ code: 'NOT_FOUND', reason: DRAFT_GONE });
    expect(codeOf(() => drafts.page({ draftId: a, part: 'items' }))).toEqual({ code: 'NOT_FOUND', reason: DRAFT_GONE });
    const b = drafts.read({ source: { kind: 'paste', text: '2' }, mode: 'people' }).draftId;
    const c = drafts.read({ source: { kind: 'paste', text: '3' }, mode: 'people' }).draftId;
    drafts.summary(b);
    drafts.read({ source: { kind: 'paste', text: '4' }, mode: 'people' });
    expect(drafts.summary(b).total).toBe(1);
    expect(codeOf(() => drafts.summary(c))).toEqual({ code: 'NOT_FOUND', reason: DRAFT_GONE });
    expect(codeOf(() => drafts.read({ draftId: c, mode: 'people' }))).toEqual({
      code: 'NOT_FOUND',
      reason: DRAFT_GONE,
    });
  });
});
