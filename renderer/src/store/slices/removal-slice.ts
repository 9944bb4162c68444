import type { StateCreator } from 'zustand';
import type { ErrorPayload } from '../../../../shared/errors.ts';
import type { ColumnKind, ColumnMapping, RemovalMode } from '../../../../shared/domain/people-import.ts';
import type { ParsedInput, RemovalInputSource } from '../../../../shared/domain/removal-input.ts';
import type { PersonHit, PersonMatch } from '../../../../shared/domain/people-index.ts';
import type { RemovalPlan, RemovalRequest } from '../../../../shared/domain/removal.ts';
import type { Api } from '../../../../shared/ipc/types.ts';
import type { AppState } from '../app-store.ts';
import {
  EMPTY_ALIYUN_TARGET,
  planAliyunRemoval,
  type AliyunRemovalPlan,
  type AliyunTarget,
} from '../removal/aliyun-target.ts';
import { pickedItem, removalItems, withColumnKind, type PickedPerson } from '../removal/removal-list.ts';
import { indexedPicks } from '../removal/indexed-picks.ts';
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
  /** Read every terminal's list afterwards and confirm each removed person is gone (on by default). */
  verify: boolean;
  /** The dry run of the current list and targets; cleared by any change. */
  plan: RemovalPlan | null;
  /** Alibaba Cloud devices or spaces to remove the people from as well (or instead of terminals). */
  aliyun: AliyunTarget;
  /** The reviewed Alibaba part (what `cloud-removal:start` gets); cleared by any change. */
  aliyunPlan: AliyunRemovalPlan | null;
  /** True while the dry run or the start is asked for. */
  busy: boolean;
  /**
   * The list is of people resolved on each terminal through the site people index (`id`: each vendor's id, else
   * the exact name; `name`: exact names); null: the ids are sent as they are.
   */
  match: PersonMatch | null;
  /** With `match`: a name several people share on a terminal removes them all there (the technician confirmed). */
  confirmAmbiguous: boolean;
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
  /** Adds people found in the site people index (one entry per person, each terminal resolves its own id). */
  addIndexedPeople(hits: readonly PersonHit[]): void;
  /** Resolve the list through the people index (null: send the ids as they are). */
  setRemovalMatch(match: PersonMatch | null): void;
  setConfirmAmbiguous(confirm: boolean): void;
  setRemovalTargets(serials: string[]): void;
  /** Changes the Alibaba Cloud part (enabled, scope type, ids, user type). */
  setAliyunTarget(patch: Partial<AliyunTarget>): void;
  setRemovalVerify(verify: boolean): void;
  showRemovalStep(step: WizardStep): void;
  /**
   * The dry run (removal:plan) of the list and chosen terminals, and the Alibaba part's batches; true when
   * the review step shows them.
   */
  planRemoval(): Promise<boolean>;
  /**
   * Runs the removal: the terminal job (removal:start) and/or the Alibaba job (cloud-removal:start), then opens
   * the first in the Jobs view; its id, or null when nothing started.
   */
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
  // Read every terminal back afterwards unless turned off (as the removal request's own default).
  verify: true,
  plan: null,
  aliyun: EMPTY_ALIYUN_TARGET,
  aliyunPlan: null,
  busy: false,
  match: null,
  confirmAmbiguous: false,
};

/** What every change of the list or the targets resets: the reviewed plans. */
const UNPLANNED = { plan: null, aliyunPlan: null } as const;

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
    ...(wizard.match === null || wizard.mode !== 'people'
      ? {}
      : { match: wizard.match, confirmAmbiguous: wizard.confirmAmbiguous }),
  };
}

/**
 * The Alibaba part of the removal for what the wizard holds: null when none is asked for (or the cloud is not
 * set up), 'problem' when the ids or the people cannot be sent (the targets step says why).
 */
export function aliyunPartOf(
  state: Pick<AppState, 'removalWizard' | 'cloudConfig'>,
): AliyunRemovalPlan | null | 'problem' {
  const wizard = state.removalWizard;
  const config = state.cloudConfig?.aliyun;
  if (!wizard.aliyun.enabled || !config?.configured) return null;
  const items = removalItems(wizard.input?.list.items ?? [], wizard.picked, wizard.mode);
  const label = wizard.source?.kind === 'file' ? wizard.source.fileName : undefined;
  const result = planAliyunRemoval(wizard.aliyun, items, config.settings, label);
  return 'plan' in result ? result.plan : 'problem';
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
      update({ source, reading: true, ...UNPLANNED });
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
        update({ source: null, input: null, reading: false, ...UNPLANNED });
      },
      async setRemovalMode(mode) {
        update({ mode, ...UNPLANNED });
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
        update({ picked: added, ...UNPLANNED });
      },
      unpickPerson(serial, id) {
        const picked = get()
          .removalWizard.picked.filter((p) => p.serial !== serial || p.id !== id)
          .map((p, index) => ({ ...p, item: { ...p.item, line: index + 1 } }));
        update({ picked, ...UNPLANNED });
      },
      addIndexedPeople(hits) {
        const { picked } = get().removalWizard;
        update({ picked: indexedPicks(picked, hits), match: 'id', ...UNPLANNED });
      },
      setRemovalMatch: (match) => update({ match, ...UNPLANNED }),
      setConfirmAmbiguous: (confirmAmbiguous) => update({ confirmAmbiguous, ...UNPLANNED }),
      setRemovalTargets: (serials) => update({ targets: [...new Set(serials)], ...UNPLANNED }),
      setAliyunTarget: (patch) => update({ aliyun: { ...get().removalWizard.aliyun, ...patch }, ...UNPLANNED }),
      setRemovalVerify: (verify) => update({ verify }),
      showRemovalStep: (step) => update({ step }),

      async planRemoval() {
        const wizard = get().removalWizard;
        if (wizard.aliyun.enabled && get().cloudConfig === null) await get().loadCloudConfig();
        const aliyun = aliyunPartOf(get());
        if (aliyun === 'problem') return false;
        const terminals = request();
        // Without an Alibaba part the terminals are planned even when none is chosen: the core says what to do.
        const withTerminals = terminals.devices.length > 0 || aliyun === null;
        update({ busy: true, ...UNPLANNED });
        let plan: RemovalPlan | null = null;
        if (withTerminals) {
          const result = await api.invoke('removal:plan', terminals);
          if (!result.ok) {
            update({ busy: false });
            get().showError(result.error);
            return false;
          }
          plan = result.value;
        }
        update({ busy: false, plan, aliyunPlan: aliyun, step: 'review' });
        return true;
      },

      async startRemoval() {
        const wizard = get().removalWizard;
        const terminals = request();
        const withTerminals = terminals.devices.length > 0 || wizard.aliyunPlan === null;
        update({ busy: true });
        let terminalJob: string | null = null;
        if (withTerminals) {
          const result = await api.invoke('removal:start', terminals);
          if (!result.ok) {
            update({ busy: false });
            get().showError(result.error);
            return null;
          }
          terminalJob = result.value.jobId;
        }
        let cloudJob: string | null = null;
        let cloudError: ErrorPayload | null = null;
        if (wizard.aliyunPlan) {
          const result = await api.invoke('cloud-removal:start', wizard.aliyunPlan.request);
          if (result.ok) cloudJob = result.value.jobId;
          else cloudError = result.error;
        }
        const first = terminalJob ?? cloudJob;
        if (first === null) {
          if (cloudError) get().showError(cloudError);
          update({ busy: false });
          return null;
        }
        readRequest++;
        // The terminals' job started but not the Alibaba one: keep the people and the Alibaba part, so it can be
        // run again from the targets step once the cause (in the error banner) is fixed.
        const keep = wizard.aliyunPlan !== null && cloudJob === null;
        set({
          removalWizard: keep ? { ...wizard, step: 'targets', targets: [], ...UNPLANNED, busy: false } : EMPTY_WIZARD,
        });
        get().showSection('jobs');
        // Said in Jobs, where the technician now is (an error stays with the view it is shown in).
        if (cloudError) get().showError(cloudError);
        await get().openJob(first);
        return first;
      },
    };
  };
}
