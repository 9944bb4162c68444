import { describe, expect, it } from 'vitest';
import type { ParsedInput } from '../../../../shared/domain/removal-input.ts';
import type { RemovalPlan } from '../../../../shared/domain/removal.ts';
import { createAppStore } from '../app-store.ts';
import { fakeApi } from '../testing/fake-api.ts';
import { parsedInput } from '../testing/parsed-input.ts';
import { terminal } from '../testing/terminals.ts';

const parsed = parsedInput;

const plan: RemovalPlan = {
  mode: 'people',
  terminals: [],
  offline: [],
  skipped: [],
  totalItems: 2,
  unplannableItems: 0,
  estimatedMs: 100,
};

/** Resolves a promise the test controls, to hold an answer in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('removal slice', () => {
  it('reads pasted ids through the contract, again for a new mode, and with a picked column', async () => {
    const fake = fakeApi({
      'removal:parse-input': (request: { mode: string; mapping?: object }) => ({
        ok: true,
        value: parsed(request.mapping ? ['x'] : ['1', '2'], { table: true }),
      }),
    });
    const store = createAppStore(fake.api);
    await store.getState().readRemovalInput({ kind: 'paste', text: '1\n2' });
    expect(store.getState().removalWizard.input?.list.items).toHaveLength(2);
    expect(fake.calls.at(-1)).toEqual([
      'removal:parse-input',
      { source: { kind: 'paste', text: '1\n2' }, mode: 'people' },
    ]);

    await store.getState().setRemovalMode('faces-only');
    expect(fake.calls.at(-1)).toEqual([
      'removal:parse-input',
      { source: { kind: 'paste', text: '1\n2' }, mode: 'faces-only' },
    ]);

    await store.getState().setRemovalColumnKind(0, 'identity_id');
    expect(fake.calls.at(-1)?.[1]).toMatchObject({ mapping: { identity_id: 0 } });
    expect(store.getState().removalWizard.input?.list.items).toEqual([{ line: 1, nativeId: 'x' }]);
  });

  it('keeps the newest reading when an older answer comes late, and shows a refused file', async () => {
    const slow = deferred<{ ok: true; value: ParsedInput }>();
    let call = 0;
    const fake = fakeApi({
      'removal:parse-input': () => {
        call++;
        if (call === 1) return slow.promise;
        if (call === 2) return { ok: true, value: parsed(['new']) };
        return { ok: false, error: { code: 'VALIDATION', message: 'binary' } };
      },
    });
    const store = createAppStore(fake.api);
    const first = store.getState().readRemovalInput({ kind: 'paste', text: 'old' });
    await store.getState().readRemovalInput({ kind: 'paste', text: 'new' });
    slow.resolve({ ok: true, value: parsed(['old']) });
    await first;
    expect(store.getState().removalWizard.input?.list.items[0]?.nativeId).toBe('new');

    await store.getState().readRemovalInput({ kind: 'file', fileName: 'x.pdf', base64: 'AAAA' });
    expect(store.getState().error).toEqual({ code: 'VALIDATION', message: 'binary' });
    expect(store.getState().removalWizard.reading).toBe(false);
  });

  it('picks people listed by terminals with the id their kind uses, once each', () => {
    const store = createAppStore(fakeApi().api);
    store.getState().receiveTerminal(terminal({ serial: 'S', kind: 'sophon' }));
    store.getState().receiveTerminal(terminal({ serial: 'B', kind: 'basip' }));
    store.getState().receiveTerminal(terminal({ serial: 'U', kind: 'unknown' }));
    const person = { id: '100001', name: '张伟', extra: {} };
    store.getState().pickPeople('S', [person, person]);
    store.getState().pickPeople('B', [{ id: '7', name: 'Anna', extra: {} }]);
    store.getState().pickPeople('U', [person]);
    expect(store.getState().removalWizard.picked.map((p) => p.item)).toEqual([
      { line: 1, identity_id: '100001', name: '张伟' },
      { line: 2, uid: 7, name: 'Anna' },
    ]);
    store.getState().unpickPerson('S', '100001');
    expect(store.getState().removalWizard.picked.map((p) => p.item)).toEqual([{ line: 1, uid: 7, name: 'Anna' }]);
  });

  it('plans for the chosen terminals still in the inventory, then starts and opens the job in Jobs', async () => {
    const fake = fakeApi({
      'removal:parse-input': { ok: true, value: parsed(['1', '2']) },
      'removal:plan': { ok: true, value: plan },
      'removal:start': { ok: true, value: { jobId: 'job-1', plan } },
      'jobs:list': { ok: true, value: [] },
      'jobs:show': { ok: false, error: { code: 'NOT_FOUND', message: 'gone' } },
    });
    const store = createAppStore(fake.api);
    store.getState().receiveTerminal(terminal({ serial: 'A' }));
    await store.getState().readRemovalInput({ kind: 'paste', text: '1 2' });
    store.getState().setRemovalTargets(['A', 'A', 'forgotten']);
    // Reading every terminal back afterwards is on unless turned off.
    expect(store.getState().removalWizard.verify).toBe(true);
    expect(await store.getState().planRemoval()).toBe(true);
    const request = {
      mode: 'people',
      items: [
        { line: 1, nativeId: '1' },
        { line: 2, nativeId: '2' },
      ],
      devices: ['A'],
      verify: true,
    };
    expect(fake.calls).toContainEqual(['removal:plan', request]);
    expect(store.getState().removalWizard).toMatchObject({ step: 'review', plan, busy: false });

    store.getState().setRemovalTargets(['A']);
    expect(store.getState().removalWizard.plan).toBeNull(); // any change asks for a new dry run

    expect(await store.getState().startRemoval()).toBe('job-1');
    expect(fake.calls).toContainEqual(['removal:start', request]);
    expect(store.getState().section).toBe('jobs');
    expect(store.getState().jobView?.jobId).toBe('job-1');
    expect(store.getState().removalWizard).toMatchObject({ step: 'input', input: null, targets: [] });
  });

  it('sends verify: false once read-back is turned off, and a new removal has it on again', async () => {
    const fake = fakeApi({
      'removal:parse-input': { ok: true, value: parsed(['1']) },
      'removal:plan': { ok: true, value: plan },
      'removal:start': { ok: true, value: { jobId: 'job-2', plan } },
      'jobs:list': { ok: true, value: [] },
      'jobs:show': { ok: false, error: { code: 'NOT_FOUND', message: 'gone' } },
    });
    const store = createAppStore(fake.api);
    store.getState().receiveTerminal(terminal({ serial: 'A' }));
    await store.getState().readRemovalInput({ kind: 'paste', text: '1' });
    store.getState().setRemovalTargets(['A']);
    store.getState().setRemovalVerify(false);
    expect(await store.getState().planRemoval()).toBe(true);
    expect(await store.getState().startRemoval()).toBe('job-2');
    expect(fake.calls).toContainEqual(['removal:start', expect.objectContaining({ verify: false })]);
    expect(store.getState().removalWizard.verify).toBe(true);
  });

  it('keeps the wizard and shows the error when the dry run or the start is refused', async () => {
    const fake = fakeApi({
      'removal:plan': { ok: false, error: { code: 'NOT_FOUND', message: 'no terminal' } },
      'removal:start': { ok: false, error: { code: 'CONFLICT', message: 'busy' } },
    });
    const store = createAppStore(fake.api);
    store.getState().showRemovalStep('targets');
    expect(await store.getState().planRemoval()).toBe(false);
    expect(store.getState().error?.code).toBe('NOT_FOUND');
    expect(store.getState().removalWizard.step).toBe('targets');
    expect(await store.getState().startRemoval()).toBeNull();
    expect(store.getState().error?.code).toBe('CONFLICT');
    expect(store.getState().section).toBe('devices');
  });
});
