import type { StateCreator } from 'zustand';
import type { ColumnKind, ColumnMapping, RemovalMode } from '../../../../shared/domain/people-import.ts';
import type { ParsedInput, RemovalInputSource } from '../../../../shared/domain/removal-input.ts';
import type { RemovalPlan, RemovalRequest } from '../../../../shared/domain/removal.ts';
import type { Api } from '../../../../shared/ipc/types.ts';
import type { AppState } from '../app-store.ts';
import { pickedItem, removalItems, withColumnKind, type PickedPerson } from '../removal/removal-list.ts';
import type { TerminalPerson } from './devices-slice.ts';

/** The steps of the removal wizard, in order (the fourth, running, happens in the Jobs view). */
export const WIZARD_STEPS = ['input', 'targets', 'review'] as const;

/** A step of the removal wizard. */
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** Everything the removal wizard holds between its steps. */
export interface RemovalWizard {
  step: WizardStep;
  mode: RemovalMode;
  /** What was last read (re-read when the mode or a column changes). */
  source: RemovalInputSource | null;
  /** The core's reading of {@link RemovalWizard.source}. */
  input: ParsedInput | null;
  /** True while the core reads the input. */
  reading: boolean;
  /** People picked from terminals' people lists (Devices). */
  picked: PickedPerson[];
  /** Serials of the chosen terminals. */
  targets: string[];
  /** Read every terminal's list afterwards and confirm each removed person is gone. */
  verify: boolean;
  /** The dry run of the current list and targets; cleared by any change. */
  plan: RemovalPlan | null;
  /** True while the dry run or the start is asked for. */
  busy: boolean;
}

/** The wizard's state, its steps' actions, and what its run hands to the Jobs view. */
export interface RemovalSlice {
  removalWizard: RemovalWizard;
  /** Reads pasted text or an imported file's bytes (removal:parse-input), with the suggested columns. */
  readRemovalInput(source: RemovalInputSource): Promise<void>;
  clearRemovalInput(): void;
  /** Switches between removing people and faces only; the input is read again for that mode. */
  setRemovalMode(mode: RemovalMode): Promise<void>;
  /** Gives a column of the imported table a kind (null: not used) and reads the input again. */
  setRemovalColumnKind(index: number, kind: ColumnKind | null): Promise<void>;
  /** Adds people listed by a terminal to the removal list (each once). */
  pickPeople(serial: string, people: readonly TerminalPerson[]): void;
  unpickPerson(serial: string, id: string): void;
  setRemovalTargets(serials: string[]): void;
  setRemovalVerify(verify: boolean): void;
  showRemovalStep(step: WizardStep): void;
  /** The dry run (removal:plan) of the list and targets; true when it is shown on the review step. */
  planRemoval(): Promise<boolean>;
  /** Runs the removal (removal:start) and opens its job in the Jobs view; the job id, or null after an error. */
  startRemoval(): Promise<string | null>;
}

/** A wizard with nothing in it. */
export const EMPTY_WIZARD: RemovalWizard = {
  step: 'input',
  mode: 'people',
  source: null,
  input: null,
  reading: false,
  picked: [],
  targets: [],
  verify: false,
  plan: null,
  busy: false,
};

/** The request of removal:plan and removal:start for what the wizard holds. */
export function removalRequestOf(wizard: RemovalWizard): RemovalRequest {
  const items = removalItems(wizard.input?.list.items ?? [], wizard.picked, wizard.mode);
  const label = wizard.source?.kind === 'file' ? wizard.source.fileName : undefined;
  return {
    mode: wizard.mode,
    items,
    devices: wizard.targets,
    verify: wizard.verify,
    ...(label === undefined ? {} : { label }),
  };
}

/** Creates the {@link RemovalSlice}; every read and run goes through the contract, failures to the error banner. */
export function createRemovalSlice(api: Api): StateCreator<AppState, [], [], RemovalSlice> {
  let readRequest = 0;
  return (set, get) => {
    const update = (patch: Partial<RemovalWizard>) =>
      set((state) => ({ removalWizard: { ...state.removalWizard, ...patch } }));

    const read = async (source: RemovalInputSource, mapping?: ColumnMapping): Promise<void> => {
      const request = ++readRequest;
      const { mode } = get().removalWizard;
      update({ source, reading: true, plan: null });
      const result = await api.invoke('removal:parse-input', { source, mode, ...(mapping ? { mapping } : {}) });
      if (request !== readRequest) return; // a newer read was asked for meanwhile
      if (!result.ok) {
        update({ reading: false });
        get().showError(result.error);
        return;
      }
      update({ input: result.value, reading: false });
    };

    /** The request for what the wizard holds, aimed only at terminals still in the inventory. */
    const request = (): RemovalRequest => {
      const wizard = get().removalWizard;
      const targets = wizard.targets.filter((serial) => serial in get().terminals);
      return removalRequestOf({ ...wizard, targets });
    };

    return {
      removalWizard: EMPTY_WIZARD,

      readRemovalInput: (source) => read(source),
      clearRemovalInput() {
        readRequest++;
        update({ source: null, input: null, reading: false, plan: null });
      },
      async setRemovalMode(mode) {
        update({ mode, plan: null });
        const { source } = get().removalWizard;
        if (source) await read(source);
      },
      async setRemovalColumnKind(index, kind) {
        const { source, input } = get().removalWizard;
        if (!source || !input) return;
        await read(source, withColumnKind(input.mapping, index, kind));
      },
      pickPeople(serial, people) {
        const kind = get().terminals[serial]?.kind ?? 'unknown';
        if (kind === 'unknown') return;
        const { picked } = get().removalWizard;
        const have = new Set(picked.map((p) => `${p.serial}\n${p.id}`));
        const added = [...picked];
        for (const person of people) {
          if (have.has(`${serial}\n${person.id}`)) continue;
          have.add(`${serial}\n${person.id}`);
          added.push({ serial, id: person.id, name: person.name, item: pickedItem(kind, person, added.length + 1) });
        }
        update({ picked: added, plan: null });
      },
      unpickPerson(serial, id) {
        const picked = get()
          .removalWizard.picked.filter((p) => p.serial !== serial || p.id !== id)
          .map((p, index) => ({ ...p, item: { ...p.item, line: index + 1 } }));
        update({ picked, plan: null });
      },
      setRemovalTargets: (serials) => update({ targets: [...new Set(serials)], plan: null }),
      setRemovalVerify: (verify) => update({ verify }),
      showRemovalStep: (step) => update({ step }),

      async planRemoval() {
        update({ busy: true, plan: null });
        const result = await api.invoke('removal:plan', request());
        if (!result.ok) {
          update({ busy: false });
          get().showError(result.error);
          return false;
        }
        update({ busy: false, plan: result.value, step: 'review' });
        return true;
      },

      async startRemoval() {
        update({ busy: true });
        const result = await api.invoke('removal:start', request());
        if (!result.ok) {
          update({ busy: false });
          get().showError(result.error);
          return null;
        }
        readRequest++;
        set({ removalWizard: EMPTY_WIZARD });
        get().showSection('jobs');
        await get().openJob(result.value.jobId);
        return result.value.jobId;
      },
    };
  };
}
