import { describe, expect, it } from 'vitest';
import { createAppStore } from '../app-store.ts';
import { connectBridge } from '../bridge.ts';
import { fakeApi } from '../testing/fake-api.ts';
import { terminal } from '../testing/terminals.ts';
import { PEOPLE_PAGE_SIZE } from './devices-slice.ts';

const page = (from: number, count: number, total: number) => ({
  ok: true as const,
  value: {
    items: Array.from({ length: count }, (_, i) => ({ id: String(from + i), name: `P${from + i}`, extra: {} })),
    total,
  },
});

/** Resolves a promise the test controls, to hold an answer in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('devices slice', () => {
  it('loads the inventory, then follows devices:updated and devices:removed', async () => {
    const fake = fakeApi({
      'devices:list': { ok: true, value: [terminal({ serial: 'A' }), terminal({ serial: 'B' })] },
    });
    const store = createAppStore(fake.api);
    await connectBridge(fake.api, store);
    expect(Object.keys(store.getState().terminals).sort()).toEqual(['A', 'B']);

    fake.push('devices:updated', terminal({ serial: 'A', online: false }));
    fake.push('devices:updated', terminal({ serial: 'C' }));
    expect(store.getState().terminals.A?.online).toBe(false);
    expect(Object.keys(store.getState().terminals).sort()).toEqual(['A', 'B', 'C']);

    fake.push('devices:removed', { serial: 'B' });
    fake.push('devices:removed', { serial: 'nobody' });
    expect(Object.keys(store.getState().terminals).sort()).toEqual(['A', 'C']);
  });

  it('keeps an event heard while the inventory loaded over the older listed row', async () => {
    const listed = deferred<{ ok: true; value: ReturnType<typeof terminal>[] }>();
    const fake = fakeApi({ 'devices:list': () => listed.promise });
    const store = createAppStore(fake.api);
    const connected = connectBridge(fake.api, store);
    fake.push('devices:updated', terminal({ serial: 'A', name: 'fresh' }));
    listed.resolve({ ok: true, value: [terminal({ serial: 'A', name: 'stale' }), terminal({ serial: 'B' })] });
    await connected;
    expect(store.getState().terminals.A?.name).toBe('fresh');
    expect(store.getState().terminals.B).toBeDefined();
  });

  it('adds a terminal with kind and credentials, and shows a refusal beside the form (not in the banner)', async () => {
    const added = terminal({ serial: 'NEW' });
    const fake = fakeApi({
      'devices:add': (request: { address: string }) =>
        request.address === '127.0.0.1:1'
          ? { ok: false, error: { code: 'NETWORK', message: 'Nothing answers' } }
          : { ok: true, value: added },
    });
    const store = createAppStore(fake.api);
    const input = { address: '10.0.0.2:80', kind: 'basip' as const, credentials: { username: 'admin', password: 'x' } };
    expect(await store.getState().addTerminal(input)).toEqual(added);
    expect(fake.calls).toContainEqual(['devices:add', { ...input, requestId: expect.any(String) }]);
    expect(store.getState().terminals.NEW).toEqual(added);
    expect(store.getState().adding).toBe(false);

    expect(await store.getState().addTerminal({ address: '127.0.0.1:1' })).toBeNull();
    expect(store.getState().scopedErrors['devices.add']).toEqual({ code: 'NETWORK', message: 'Nothing answers' });
    expect(store.getState().error).toBeNull();
    // The next success clears it.
    await store.getState().addTerminal(input);
    expect(store.getState().scopedErrors['devices.add']).toBeUndefined();
  });

  it('sorts, filters and forgets; forgetting the selected terminal closes its details', async () => {
    const fake = fakeApi({
      'devices:forget': { ok: true, value: { forgotten: true } },
      'devices:people': page(0, 3, 3),
    });
    const store = createAppStore(fake.api);
    store.getState().receiveTerminal(terminal({ serial: 'A' }));
    store.getState().sortTerminalsBy('name');
    expect(store.getState().terminalQuery.sort).toEqual({ column: 'name', direction: 'descending' });
    store.getState().setTerminalFilter('lobby');
    expect(store.getState().terminalQuery.filter).toBe('lobby');

    store.getState().selectTerminal('A');
    await store.getState().forgetTerminal('A');
    expect(fake.calls).toContainEqual(['devices:forget', { serial: 'A' }]);
    expect(store.getState().terminals.A).toBeUndefined();
    expect(store.getState().selectedSerial).toBeNull();
    expect(store.getState().people).toBeNull();
  });

  it('saves credentials for one serial, then probes the terminal again for its credential state', async () => {
    const fake = fakeApi({
      'devices:set-credentials': { ok: true, value: { saved: true } },
      'devices:add': { ok: true, value: terminal({ serial: 'A', credentials: 'ok' }) },
    });
    const store = createAppStore(fake.api);
    store
      .getState()
      .receiveTerminal(terminal({ serial: 'A', credentials: 'missing', address: '10.0.0.7', port: 8080 }));
    expect(await store.getState().setTerminalCredentials('A', { username: 'admin', password: '123456' })).toBe(true);
    expect(fake.calls).toEqual([
      ['devices:set-credentials', { target: { serial: 'A' }, credentials: { username: 'admin', password: '123456' } }],
      ['devices:add', { address: '10.0.0.7:8080', kind: 'basip' }],
    ]);
    expect(store.getState().terminals.A?.credentials).toBe('ok');
  });

  it('trusts a terminal through devices:trust, and never re-probes an untrusted one after saving its credentials', async () => {
    const fake = fakeApi({
      'devices:set-credentials': { ok: true, value: { saved: true } },
      'devices:trust': { ok: true, value: [terminal({ serial: 'N', trust: 'trusted' })] },
    });
    const store = createAppStore(fake.api);
    store.getState().receiveTerminal(terminal({ serial: 'N', trust: 'untrusted', pin: null, source: 'mdns' }));
    expect(await store.getState().setTerminalCredentials('N', { username: 'admin', password: '123456' })).toBe(true);
    expect(fake.calls.map(([channel]) => channel)).toEqual(['devices:set-credentials']);
    expect(await store.getState().trustTerminals(['N'], '10.0.0.9:80')).toBe(true);
    expect(fake.calls[1]).toEqual(['devices:trust', { serials: ['N'], address: '10.0.0.9:80' }]);
    expect(store.getState().terminals.N?.trust).toBe('trusted');
  });

  it('trusts the ticked terminals in one call, leaving out those in conflict and those already trusted', async () => {
    const fake = fakeApi({
      'devices:trust': (request: { serials: string[] }) => ({
        ok: true,
        value: request.serials.map((serial) => terminal({ serial, trust: 'trusted' })),
      }),
    });
    const store = createAppStore(fake.api);
    const conflict = {
      reason: 'serial-elsewhere',
      address: '10.0.0.66',
      port: 80,
      serial: 'C',
      kind: 'basip',
      at: 1,
    } as const;
    for (const t of [
      terminal({ serial: 'A', trust: 'untrusted', pin: null, source: 'mdns' }),
      terminal({ serial: 'B', trust: 'untrusted', pin: null, source: 'sweep' }),
      terminal({ serial: 'C', trust: 'conflict', conflict }),
      terminal({ serial: 'D', trust: 'trusted' }),
      terminal({ serial: 'E', trust: 'untrusted', pin: null, source: 'mdns' }),
    ])
      store.getState().receiveTerminal(t);
    store.getState().setChecked(['A', 'B', 'C', 'D', 'nowhere'], true);
    store.getState().toggleChecked('B');
    store.getState().toggleChecked('B');
    expect(Object.keys(store.getState().checkedSerials).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(await store.getState().trustChecked()).toEqual({ trusted: 2, leftOut: 1 });
    expect(fake.calls.filter(([channel]) => channel === 'devices:trust')).toEqual([
      ['devices:trust', { serials: ['A', 'B'] }],
    ]);
    expect(store.getState().terminals.A?.trust).toBe('trusted');
    expect(store.getState().terminals.E?.trust).toBe('untrusted');
    // The trusted ones leave the selection; the conflict stays ticked for the technician to open.
    expect(Object.keys(store.getState().checkedSerials).sort()).toEqual(['C', 'D']);
    store.getState().removeTerminal('C');
    expect(Object.keys(store.getState().checkedSerials)).toEqual(['D']);
    expect(await store.getState().trustChecked()).toEqual({ trusted: 0, leftOut: 0 });
    expect(fake.calls.filter(([channel]) => channel === 'devices:trust')).toHaveLength(1);
  });

  it('lists people when a readable terminal is selected, pages, and ignores answers that came too late', async () => {
    const slow = deferred<ReturnType<typeof page>>();
    const fake = fakeApi({
      'devices:people': (request: { pageIndex: number }) =>
        request.pageIndex === 1 ? slow.promise : page(request.pageIndex * 50, 50, 120),
    });
    const store = createAppStore(fake.api);
    store.getState().receiveTerminal(terminal({ serial: 'A', kind: 'sophon', credentials: 'not-required' }));
    store.getState().receiveTerminal(terminal({ serial: 'B', credentials: 'missing' }));

    store.getState().selectTerminal('B');
    expect(fake.calls).toEqual([]); // no usable credentials: wait for the technician
    store.getState().selectTerminal('A');
    await Promise.resolve();
    await Promise.resolve();
    expect(fake.calls).toEqual([['devices:people', { serial: 'A', pageIndex: 0, pageSize: PEOPLE_PAGE_SIZE }]]);
    await store.getState().loadPeople('A', 0);
    expect(store.getState().people).toMatchObject({ serial: 'A', pageIndex: 0, total: 120, loading: false });

    const second = store.getState().loadPeople('A', 1);
    expect(store.getState().people).toMatchObject({ pageIndex: 1, loading: true, total: 120 });
    await store.getState().loadPeople('A', 2);
    slow.resolve(page(50, 50, 120));
    await second;
    expect(store.getState().people).toMatchObject({ pageIndex: 2, loading: false });
    expect(store.getState().people?.items[0]?.id).toBe('100');
  });

  it('keeps the last page and shows the error when a page fails', async () => {
    let fail = false;
    const fake = fakeApi({
      'devices:people': () =>
        fail ? { ok: false, error: { code: 'UNAUTHORIZED', message: 'refused' } } : page(0, 50, 70),
    });
    const store = createAppStore(fake.api);
    store.getState().receiveTerminal(terminal({ serial: 'A' }));
    await store.getState().loadPeople('A', 0);
    fail = true;
    await store.getState().loadPeople('A', 1);
    expect(store.getState().people).toMatchObject({ pageIndex: 0, total: 70, loading: false });
    expect(store.getState().error?.code).toBe('UNAUTHORIZED');
  });
});
