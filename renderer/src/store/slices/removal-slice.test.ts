import { describe, expect, it } from 'vitest';
import type { DraftSummary, PickedPerson, ReviewedPlan } from '../../../../shared/domain/removal-draft.ts';
import type { Result } from '../../../../shared/result.ts';
import { createAppStore } from '../app-store.ts';
import { draftSummary } from '../testing/draft-summary.ts';
import { fakeApi } from '../testing/fake-api.ts';
import { terminal } from '../testing/terminals.ts';

const summary = draftSummary;

const plan = (planId: string): ReviewedPlan => ({
  planId,
  mode: 'people',
  terminals: [],
  offline: [],
  skipped: [],
  totalItems: 2,
  unplannableItems: 0,
  estimatedMs: 100,
});

/** Resolves a promise the test controls, to hold an answer in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const JOBS = {
  'jobs:list': { ok: true, value: [] },
  'jobs:show': { ok: false, error: { code: 'NOT_FOUND', message: 'gone' } },
} as const;

describe('removal slice', () => {
  it('reads pasted ids into a draft, then reads the draft again for a new mode and a picked column', async () => {
    const fake = fakeApi({
      'removal:parse-input': (request: { mapping?: object }) => ({
        ok: true,
        value: summary(request.mapping ? ['x'] : ['1', '2']),
      }),
      'removal:draft-edit': (request: { edit: { mode: 'people' | 'faces-only' } }) => ({
        ok: true,
        value: summary(['1', '2'], { mode: request.edit.mode }, { table: true }),
      }),
    });
    const store = createAppStore(fake.api);
    await store.getState().readRemovalInput({ kind: 'paste', text: '1\n2' });
    expect(store.getState().removalWizard.draft).toMatchObject({ draftId: 'd1', total: 2 });
    expect(fake.calls.at(-1)).toEqual([
      'removal:parse-input',
      { source: { kind: 'paste', text: '1\n2' }, mode: 'people' },
    ]);

    await store.getState().setRemovalMode('faces-only');
    // The core reads its own copy again: the text is not sent twice.
    expect(fake.calls.at(-1)).toEqual([
      'removal:draft-edit',
      { draftId: 'd1', edit: { kind: 'set-mode', mode: 'faces-only' } },
    ]);
    expect(store.getState().removalWizard.mode).toBe('faces-only');

    await store.getState().setRemovalColumnKind(0, 'identity_id');
    expect(fake.calls.at(-1)).toEqual([
      'removal:parse-input',
      { draftId: 'd1', mode: 'faces-only', mapping: { identity_id: 0 } },
    ]);
    expect(store.getState().removalWizard.draft?.total).toBe(1);
  });

  it('sends changes of the list one after another, into the same draft, and shows a refused file', async () => {
    const slow = deferred<Result<DraftSummary>>();
    const fake = fakeApi({
      'removal:parse-input': (request: { draftId?: string; source: { text?: string } }) => {
        if (request.draftId === undefined) return slow.promise;
        if (request.source.text === 'new') return { ok: true, value: summary(['new']) };
        return { ok: false, error: { code: 'VALIDATION', message: 'binary' } };
      },
    });
    const store = createAppStore(fake.api);
    const first = store.getState().readRemovalInput({ kind: 'paste', text: 'old' });
    const second = store.getState().readRemovalInput({ kind: 'paste', text: 'new' });
    await Promise.resolve();
    // The second read waits for the first: it goes into the draft the first one made.
    expect(fake.calls.filter(([channel]) => channel === 'removal:parse-input')).toHaveLength(1);
    slow.resolve({ ok: true, value: summary(['old']) });
    await Promise.all([first, second]);
    expect(fake.calls.at(-1)?.[1]).toMatchObject({ draftId: 'd1', source: { text: 'new' } });
    expect(store.getState().removalWizard.draft?.total).toBe(1);

    await store.getState().readRemovalInput({ kind: 'file', fileName: 'x.pdf', base64: 'AAAA' });
    expect(store.getState().error).toEqual({ code: 'VALIDATION', message: 'binary' });
    expect(store.getState().removalWizard.reading).toBe(false);
  });

  it('adds people picked from a terminal to the draft and shows its first page of picks', async () => {
    const pick: PickedPerson = { serial: 'S', id: '100001', name: '张伟', item: { line: 1, identity_id: '100001' } };
    let picks: PickedPerson[] = [];
    const fake = fakeApi({
      'removal:draft-pick': () => {
        picks = [pick];
        return { ok: true, value: summary([], { picked: 1, total: 1, input: null }) };
      },
      'removal:draft-edit': () => {
        picks = [];
        return { ok: true, value: summary([], { picked: 0, total: 0, input: null }) };
      },
      'removal:draft-page': () => ({
        ok: true,
        value: { draftId: 'd1', part: 'picked', offset: 0, total: 1, picked: picks },
      }),
    });
    const store = createAppStore(fake.api);
    store.getState().receiveTerminal(terminal({ serial: 'S', kind: 'sophon' }));
    store.getState().receiveTerminal(terminal({ serial: 'U', kind: 'unknown' }));
    const person = { id: '100001', name: '张伟', extra: {} };
    await store.getState().pickPeople('U', [person]);
    expect(fake.calls.some(([channel]) => channel === 'removal:draft-pick')).toBe(false);
    await store.getState().pickPeople('S', [person]);
    expect(fake.calls).toContainEqual([
      'removal:draft-pick',
      { from: { kind: 'terminal', serial: 'S', people: [{ id: '100001', name: '张伟' }] } },
    ]);
    expect(store.getState().removalWizard).toMatchObject({ picked: [pick], draft: { picked: 1, total: 1 } });
    await store.getState().unpickPerson('S', '100001');
    expect(fake.calls).toContainEqual([
      'removal:draft-edit',
      { draftId: 'd1', edit: { kind: 'unpick', serial: 'S', id: '100001' } },
    ]);
    expect(store.getState().removalWizard.picked).toEqual([]);
  });

  it('plans the draft on the chosen terminals still in the inventory, then starts that plan by its id', async () => {
    const fake = fakeApi({
      'removal:parse-input': { ok: true, value: summary(['1', '2']) },
      'removal:plan': { ok: true, value: plan('p1') },
      'removal:start': { ok: true, value: { jobId: 'job-1', plan: plan('p1') } },
      ...JOBS,
    });
    const store = createAppStore(fake.api);
    store.getState().receiveTerminal(terminal({ serial: 'A' }));
    await store.getState().readRemovalInput({ kind: 'paste', text: '1 2' });
    store.getState().setRemovalTargets(['A', 'A', 'forgotten']);
    // Reading every terminal back afterwards is on unless turned off.
    expect(store.getState().removalWizard.verify).toBe(true);
    expect(await store.getState().planRemoval()).toBe(true);
    expect(fake.calls).toContainEqual(['removal:plan', { draftId: 'd1', devices: ['A'], verify: true }]);
    expect(store.getState().removalWizard).toMatchObject({ step: 'review', plan: plan('p1'), busy: false });
    // No item list crosses: neither the plan nor the start carries one.
    expect(JSON.stringify(fake.calls)).not.toContain('items');

    store.getState().setRemovalTargets(['A']);
    expect(store.getState().removalWizard.plan).toBeNull(); // any change asks for a new dry run
    expect(await store.getState().planRemoval()).toBe(true);

    expect(await store.getState().startRemoval()).toBe('job-1');
    expect(fake.calls).toContainEqual(['removal:start', { planId: 'p1' }]);
    expect(store.getState().section).toBe('jobs');
    expect(store.getState().jobView?.jobId).toBe('job-1');
    expect(store.getState().removalWizard).toMatchObject({ step: 'input', draft: null, targets: [] });
  });

  it('plans again when read-back is turned off on the review, and starts the plan that says so', async () => {
    let plans = 0;
    const fake = fakeApi({
      'removal:parse-input': { ok: true, value: summary(['1']) },
      'removal:plan': () => ({ ok: true, value: plan(`p${++plans}`) }),
      'removal:start': { ok: true, value: { jobId: 'job-2', plan: plan('p2') } },
      ...JOBS,
    });
    const store = createAppStore(fake.api);
    store.getState().receiveTerminal(terminal({ serial: 'A' }));
    await store.getState().readRemovalInput({ kind: 'paste', text: '1' });
    store.getState().setRemovalTargets(['A']);
    expect(await store.getState().planRemoval()).toBe(true);
    await store.getState().setRemovalVerify(false);
    expect(fake.calls.at(-1)).toEqual(['removal:plan', { draftId: 'd1', devices: ['A'], verify: false }]);
    expect(await store.getState().startRemoval()).toBe('job-2');
    expect(fake.calls).toContainEqual(['removal:start', { planId: 'p2' }]);
    expect(store.getState().removalWizard.verify).toBe(true);
  });

  it('on a stale plan shows the plan as it is now and says why; a discarded list is dropped', async () => {
    let plans = 0;
    const stale = { code: 'CONFLICT', message: 'changed', details: { reason: 'plan-stale' } } as const;
    const gone = { code: 'NOT_FOUND', message: 'gone', details: { reason: 'draft-gone' } } as const;
    const fake = fakeApi({
      'removal:parse-input': { ok: true, value: summary(['1']) },
      'removal:plan': () => (plans++ < 2 ? { ok: true, value: plan(`p${plans}`) } : { ok: false, error: gone }),
      'removal:start': { ok: false, error: stale },
    });
    const store = createAppStore(fake.api);
    store.getState().receiveTerminal(terminal({ serial: 'A' }));
    await store.getState().readRemovalInput({ kind: 'paste', text: '1' });
    store.getState().setRemovalTargets(['A']);
    await store.getState().planRemoval();
    expect(await store.getState().startRemoval()).toBeNull();
    expect(store.getState().error).toEqual(stale);
    expect(store.getState().removalWizard).toMatchObject({ plan: { planId: 'p2' }, busy: false, step: 'review' });

    expect(await store.getState().planRemoval()).toBe(false);
    expect(store.getState().error).toEqual(gone);
    expect(store.getState().removalWizard).toMatchObject({ draft: null, plan: null });
  });

  it('keeps the wizard and shows the error when the dry run is refused', async () => {
    const fake = fakeApi({
      'removal:parse-input': { ok: true, value: summary(['1']) },
      'removal:plan': { ok: false, error: { code: 'NOT_FOUND', message: 'no terminal' } },
    });
    const store = createAppStore(fake.api);
    await store.getState().readRemovalInput({ kind: 'paste', text: '1' });
    store.getState().showRemovalStep('targets');
    expect(await store.getState().planRemoval()).toBe(false);
    expect(store.getState().error?.code).toBe('NOT_FOUND');
    expect(store.getState().removalWizard.step).toBe('targets');
    expect(await store.getState().startRemoval()).toBeNull();
    expect(fake.calls.some(([channel]) => channel === 'removal:start')).toBe(false);
    expect(store.getState().section).toBe('devices');
  });
});
