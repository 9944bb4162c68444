import type { StateCreator } from 'zustand';
import type { Terminal } from '../../../../shared/domain/terminal.ts';
import type { ContractApi } from '../../api/contract-api.ts';
import type { AppState } from '../state/app-state.ts';
import { DEFAULT_TERMINAL_QUERY, endpointOf, nextSort } from '../devices/terminal-table.ts';
import type { PeopleView, DevicesSlice } from '../state/devices.ts';

/** Declared in state/devices.ts; re-exported for the modules that import them from this slice. */
export type { CredentialsInput, TerminalPerson } from '../state/devices.ts';

/** How many people one page of a terminal's people list holds. */
export const PEOPLE_PAGE_SIZE = 50;

/** Where "Add by address" shows its error (errors-slice `showErrorIn`). */
export const ADD_SCOPE = 'devices.add';

/** A fresh id for one "Add by address" request (so it can be cancelled). */
function newRequestId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `add-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Whether opening a terminal's details should list its people at once: it has a driver, usable credentials,
 * and, when reading needs a login (BAS-IP), it is trusted.
 */
export function canListPeople(terminal: Terminal): boolean {
  if (terminal.kind === 'basip' && terminal.trust !== 'trusted') return false;
  return terminal.kind !== 'unknown' && terminal.credentials !== 'missing' && terminal.credentials !== 'rejected';
}

/** Creates the {@link DevicesSlice}; every write goes through the contract, failures go to the error banner. */
export function createDevicesSlice(api: ContractApi): StateCreator<AppState, [], [], DevicesSlice> {
  let peopleRequest = 0;
  /** Ends the running add's wait at once, once the core confirmed the cancel (it then saves nothing). */
  let endAddWait: (() => void) | null = null;
  return (set, get) => ({
    terminals: {},
    terminalQuery: DEFAULT_TERMINAL_QUERY,
    selectedSerial: null,
    checkedSerials: {},
    people: null,
    adding: false,
    addRequest: null,

    receiveTerminals: (list) =>
      set((state) => ({ terminals: { ...Object.fromEntries(list.map((t) => [t.serial, t])), ...state.terminals } })),
    receiveTerminal: (terminal) => set((state) => ({ terminals: { ...state.terminals, [terminal.serial]: terminal } })),
    removeTerminal: (serial) =>
      set((state) => {
        if (!(serial in state.terminals)) return {};
        const { [serial]: _removed, ...terminals } = state.terminals;
        const { [serial]: _unchecked, ...checkedSerials } = state.checkedSerials;
        const closing = state.selectedSerial === serial;
        if (closing) peopleRequest++;
        return closing
          ? { terminals, checkedSerials, selectedSerial: null, people: null }
          : { terminals, checkedSerials };
      }),
    setTerminalFilter: (filter) => set((state) => ({ terminalQuery: { ...state.terminalQuery, filter } })),
    sortTerminalsBy: (column) =>
      set((state) => ({ terminalQuery: { ...state.terminalQuery, sort: nextSort(state.terminalQuery.sort, column) } })),

    selectTerminal(serial) {
      peopleRequest++;
      set({ selectedSerial: serial, people: null });
      const terminal = serial ? get().terminals[serial] : undefined;
      if (terminal && canListPeople(terminal)) void get().loadPeople(terminal.serial, 0);
    },

    toggleChecked: (serial) =>
      set((state) => {
        const { [serial]: was, ...rest } = state.checkedSerials;
        return { checkedSerials: was ? rest : { ...rest, [serial]: true } };
      }),
    setChecked: (serials, checked) =>
      set((state) => {
        const next: Record<string, true> = { ...state.checkedSerials };
        for (const serial of serials) {
          if (checked && serial in state.terminals) next[serial] = true;
          else delete next[serial];
        }
        return { checkedSerials: next };
      }),

    async trustChecked() {
      const { checkedSerials, terminals } = get();
      const checked = Object.keys(checkedSerials).filter((serial) => serial in terminals);
      const untrusted = checked.filter((serial) => (terminals[serial]?.trust ?? 'untrusted') === 'untrusted');
      const leftOut = checked.filter((serial) => terminals[serial]?.trust === 'conflict').length;
      if (untrusted.length > 0 && !(await get().trustTerminals(untrusted))) return null;
      get().setChecked(untrusted, false);
      return { trusted: untrusted.length, leftOut };
    },

    async addTerminal(input) {
      const id = newRequestId();
      set({ adding: true, addRequest: { id, address: input.address, startedAt: Date.now() } });
      const cancelled = new Promise<'cancelled'>((resolve) => (endAddWait = () => resolve('cancelled')));
      const result = await Promise.race([api.devices.add({ ...input, requestId: id }), cancelled]);
      endAddWait = null;
      set({ adding: false, addRequest: null });
      if (result === 'cancelled') {
        get().clearErrorIn(ADD_SCOPE);
        return null;
      }
      if (!result.ok) {
        // A cancel the technician asked for is said by the form itself, not as an error.
        if (result.error.code === 'CANCELLED') get().clearErrorIn(ADD_SCOPE);
        else get().showErrorIn(ADD_SCOPE, result.error);
        return null;
      }
      get().clearErrorIn(ADD_SCOPE);
      get().receiveTerminal(result.value);
      return result.value;
    },

    async cancelAdd() {
      const running = get().addRequest;
      if (!running) return;
      const result = await api.devices.cancelAdd({ requestId: running.id });
      if (!result.ok) get().showErrorIn(ADD_SCOPE, result.error);
      // The core has the cancel: stop waiting for its probe's timeout (it will save nothing).
      else if (result.value.cancelled && get().addRequest?.id === running.id) endAddWait?.();
    },

    async forgetTerminal(serial) {
      const result = await api.devices.forget({ serial });
      if (!result.ok) {
        get().showError(result.error);
        return false;
      }
      get().removeTerminal(serial);
      return true;
    },

    async trustTerminals(serials, address) {
      const result = await api.devices.trust({ serials, ...(address ? { address } : {}) });
      if (!result.ok) {
        get().showError(result.error);
        return false;
      }
      result.value.forEach((t) => get().receiveTerminal(t));
      return true;
    },

    async setTerminalCredentials(serial, credentials) {
      const saved = await api.devices.setCredentials({ target: { serial }, credentials });
      if (!saved.ok) {
        get().showError(saved.error);
        return false;
      }
      const terminal = get().terminals[serial];
      if (terminal && terminal.kind !== 'unknown' && terminal.trust === 'trusted') {
        const kind = terminal.kind;
        const probed = await api.devices.add({ address: endpointOf(terminal), kind });
        if (probed.ok) get().receiveTerminal(probed.value);
        else get().showError(probed.error);
      }
      return true;
    },

    async loadPeople(serial, pageIndex) {
      const request = ++peopleRequest;
      const shown = get().people;
      const previous = shown?.serial === serial ? shown : null;
      const empty: PeopleView = { serial, pageIndex, total: null, items: [], loading: false };
      set({ people: { ...(previous ?? empty), pageIndex, loading: true } });
      const result = await api.devices.people({ serial, pageIndex, pageSize: PEOPLE_PAGE_SIZE });
      if (request !== peopleRequest) return; // another page or terminal was asked for meanwhile
      if (!result.ok) {
        set({ people: { ...(previous ?? empty), loading: false } });
        get().showError(result.error);
        return;
      }
      set({ people: { serial, pageIndex, total: result.value.total, items: result.value.items, loading: false } });
    },
  });
}
