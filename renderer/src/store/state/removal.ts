import type { ColumnKind, RemovalMode } from '../../../../shared/domain/people-import.ts';
import type { RemovalInputSource } from '../../../../shared/domain/removal-input.ts';
import type { PersonHit, PersonMatch } from '../../../../shared/domain/people-index.ts';
import type { DraftSummary, PickedPerson, ReviewedPlan } from '../../../../shared/domain/removal-draft.ts';
import type { AliyunRemovalPlan, AliyunTarget } from '../removal/aliyun-target.ts';
import type { TerminalPerson } from './devices.ts';

/** The steps of the removal wizard, in order (the fourth, running, happens in the Jobs view). */
export const WIZARD_STEPS = ['input', 'targets', 'review'] as const;

/** A step of the removal wizard. */
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** Everything the removal wizard holds between its steps. */
export interface RemovalWizard {
  step: WizardStep;
  mode: RemovalMode;
  /**
   * The removal list, kept in the core (removal:parse-input, removal:draft-pick): its id, the input's reading and
   * the counts; null before anything was pasted, imported or picked. The items never come here.
   */
  draft: DraftSummary | null;
  /** True while the core reads the input. */
  reading: boolean;
  /** The first page of the people picked from terminals' lists or the people index (`draft.picked` counts all). */
  picked: PickedPerson[];
  /** Serials of the chosen terminals. */
  targets: string[];
  /** Read every terminal's list afterwards and confirm each removed person is gone (on by default). */
  verify: boolean;
  /** The reviewed dry run of the current list and targets (its planId is what starts); cleared by any change. */
  plan: ReviewedPlan | null;
  /** Alibaba Cloud devices or spaces to remove the people from as well (or instead of terminals). */
  aliyun: AliyunTarget;
  /** The reviewed Alibaba part (what `removal:cloud-start` gets with the draft); cleared by any change. */
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
  /** Drops the pasted or imported input (the picks stay). */
  clearRemovalInput(): Promise<void>;
  /** Switches between removing people and faces only; the input is read again for that mode. */
  setRemovalMode(mode: RemovalMode): Promise<void>;
  /** Gives a column of the imported table a kind (null: not used) and reads the input again. */
  setRemovalColumnKind(index: number, kind: ColumnKind | null): Promise<void>;
  /** Adds people listed by a terminal to the removal list (each once). */
  pickPeople(serial: string, people: readonly TerminalPerson[]): Promise<void>;
  unpickPerson(serial: string, id: string): Promise<void>;
  /** Adds people found in the site people index (one entry per person, each terminal resolves its own id). */
  addIndexedPeople(hits: readonly PersonHit[]): Promise<void>;
  /** Resolve the list through the people index (null: send the ids as they are). */
  setRemovalMatch(match: PersonMatch | null): void;
  setConfirmAmbiguous(confirm: boolean): void;
  setRemovalTargets(serials: string[]): void;
  /** Changes the Alibaba Cloud part (enabled, scope type, ids, user type). */
  setAliyunTarget(patch: Partial<AliyunTarget>): void;
  /** Turns reading back on or off; a reviewed plan is planned again with it (the plan holds what starts). */
  setRemovalVerify(verify: boolean): Promise<void>;
  showRemovalStep(step: WizardStep): void;
  /**
   * The dry run (removal:plan) of the list and chosen terminals, and the Alibaba part's batches; true when
   * the review step shows them.
   */
  planRemoval(): Promise<boolean>;
  /**
   * Runs the removal: the reviewed terminal plan (removal:start) and/or the Alibaba job (removal:cloud-start), then opens
   * the first in the Jobs view; its id, or null when nothing started.
   */
  startRemoval(): Promise<string | null>;
}
