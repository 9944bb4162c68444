import type { StateCreator } from 'zustand';
import type { ErrorPayload } from '../../../../shared/errors.ts';
import {
  MAX_PICKS_PER_CALL,
  type DraftPlanRequest,
  type DraftSummary,
} from '../../../../shared/domain/removal-draft.ts';
import type { Result } from '../../../../shared/result.ts';
import type { ContractApi } from '../../api/contract-api.ts';
import type { AppState } from '../state/app-state.ts';
import { EMPTY_ALIYUN_TARGET, planAliyunRemoval, type AliyunRemovalPlan } from '../removal/aliyun-target.ts';
import { withColumnKind } from '../removal/removal-list.ts';
import type { RemovalWizard, RemovalSlice } from '../state/removal.ts';

/** Declared in state/removal.ts; re-exported for the modules that import them from this slice. */
export { WIZARD_STEPS } from '../state/removal.ts';

/** How many picks the wizard shows (the first page of the draft's picks; the count says how many there are). */
export const PICKED_PAGE = 500;

/** A wizard with nothing in it. */
export const EMPTY_WIZARD: RemovalWizard = {
  step: 'input',
  mode: 'people',
  draft: null,
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

/** Why the core refused: `details.reason` of its coded errors (draft-gone, plan-stale, ...), or null. */
function reasonOf(error: ErrorPayload): string | null {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : null;
}

/** The removal:plan request for what the wizard holds, aimed at `targets`; null without a list. */
export function planRequestOf(wizard: RemovalWizard, targets: string[]): DraftPlanRequest | null {
  if (!wizard.draft) return null;
  return {
    draftId: wizard.draft.draftId,
    devices: targets,
    verify: wizard.verify,
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
  const result = planAliyunRemoval(wizard.aliyun, wizard.draft?.cloudUsers ?? 0, config.settings);
  return 'plan' in result ? result.plan : 'problem';
}

/**
 * Creates the {@link RemovalSlice}. The list lives in the core as a draft: this slice holds its id, counts and the
 * first page of picks, sends each change as one call (in order), plans it, and starts the reviewed plan by id.
 */
export function createRemovalSlice(api: ContractApi): StateCreator<AppState, [], [], RemovalSlice> {
  // A reset (a started removal) makes answers to calls made before it stale.
  let epoch = 0;
  // Changes of the draft run one after another: two quick picks never make two drafts.
  let queue: Promise<unknown> = Promise.resolve();
  return (set, get) => {
    const update = (patch: Partial<RemovalWizard>) =>
      set((state) => ({ removalWizard: { ...state.removalWizard, ...patch } }));
    const draftId = () => get().removalWizard.draft?.draftId;

    /** A refusal: a list the core discarded is dropped here too (the banner says to import it again). */
    const refused = (error: ErrorPayload): void => {
      if (reasonOf(error) === 'draft-gone') update({ draft: null, picked: [], ...UNPLANNED });
      get().showError(error);
    };

    /**
     * Runs one change of the draft after the earlier ones, and shows its answer (and the picks, when asked);
     * `call` answers null when there is nothing to change (no draft yet).
     */
    const change = (
      call: () => Promise<Result<DraftSummary>> | null,
      picks = false,
      reading = false,
    ): Promise<void> => {
      const mine = epoch;
      const run = async (): Promise<void> => {
        const pending = call();
        if (pending === null) return;
        if (reading) update({ reading: true, ...UNPLANNED });
        const result = await pending;
        if (mine !== epoch) return;
        if (!result.ok) {
          update({ reading: false });
          refused(result.error);
          return;
        }
        const before = get().removalWizard.draft;
        update({ draft: result.value, mode: result.value.mode, reading: false, ...UNPLANNED });
        if (picks || before?.picked !== result.value.picked) await loadPicks(result.value);
      };
      const next = queue.then(run, run);
      queue = next;
      return next;
    };

    const loadPicks = async (draft: DraftSummary): Promise<void> => {
      if (draft.picked === 0) {
        update({ picked: [] });
        return;
      }
      const page = await api.removal.draftPage({ draftId: draft.draftId, part: 'picked', limit: PICKED_PAGE });
      if (page.ok && get().removalWizard.draft?.draftId === draft.draftId) update({ picked: page.value.picked ?? [] });
      else if (!page.ok) refused(page.error);
    };

    /** The terminals chosen that are still in the inventory. */
    const targets = (): string[] => get().removalWizard.targets.filter((serial) => serial in get().terminals);

    /** Plans the list on the chosen terminals again (the answer replaces the reviewed plan); false on a refusal. */
    const replan = async (): Promise<boolean> => {
      const request = planRequestOf(get().removalWizard, targets());
      if (!request) return false;
      const result = await api.removal.plan(request);
      if (!result.ok) {
        update({ plan: null });
        refused(result.error);
        return false;
      }
      update({ plan: result.value });
      return true;
    };

    return {
      removalWizard: EMPTY_WIZARD,

      readRemovalInput: (source) =>
        change(
          () => {
            const id = draftId();
            return api.removal.parseInput({ source, mode: get().removalWizard.mode, ...(id ? { draftId: id } : {}) });
          },
          false,
          true,
        ),
      clearRemovalInput: () =>
        change(() => {
          const id = draftId();
          return id ? api.removal.draftEdit({ draftId: id, edit: { kind: 'clear-input' } }) : null;
        }),
      async setRemovalMode(mode) {
        update({ mode, ...UNPLANNED });
        await change(
          () => {
            const id = draftId();
            return id ? api.removal.draftEdit({ draftId: id, edit: { kind: 'set-mode', mode } }) : null;
          },
          false,
          true,
        );
      },
      async setRemovalColumnKind(index, kind) {
        const draft = get().removalWizard.draft;
        if (!draft?.input) return;
        const mapping = withColumnKind(draft.input.mapping, index, kind);
        await change(
          () => api.removal.parseInput({ draftId: draft.draftId, mode: get().removalWizard.mode, mapping }),
          false,
          true,
        );
      },
      async pickPeople(serial, people) {
        const kind = get().terminals[serial]?.kind ?? 'unknown';
        if (kind === 'unknown') return;
        for (let at = 0; at < people.length; at += MAX_PICKS_PER_CALL) {
          const chunk = people.slice(at, at + MAX_PICKS_PER_CALL).map((p) => ({ id: p.id, name: p.name }));
          await change(() => {
            const id = draftId();
            return api.removal.draftPick({
              ...(id ? { draftId: id } : {}),
              from: { kind: 'terminal', serial, people: chunk },
            });
          }, true);
        }
      },
      unpickPerson: (serial, id) =>
        change(() => {
          const current = draftId();
          return current ? api.removal.draftEdit({ draftId: current, edit: { kind: 'unpick', serial, id } }) : null;
        }, true),
      async addIndexedPeople(hits) {
        if (hits.length === 0) return;
        update({ match: 'id' });
        for (let at = 0; at < hits.length; at += MAX_PICKS_PER_CALL) {
          const chunk = hits.slice(at, at + MAX_PICKS_PER_CALL);
          await change(() => {
            const id = draftId();
            return api.removal.draftPick({ ...(id ? { draftId: id } : {}), from: { kind: 'index', hits: chunk } });
          }, true);
        }
      },
      setRemovalMatch: (match) => update({ match, ...UNPLANNED }),
      setConfirmAmbiguous: (confirmAmbiguous) => update({ confirmAmbiguous, ...UNPLANNED }),
      setRemovalTargets: (serials) => update({ targets: [...new Set(serials)], ...UNPLANNED }),
      setAliyunTarget: (patch) => update({ aliyun: { ...get().removalWizard.aliyun, ...patch }, ...UNPLANNED }),
      async setRemovalVerify(verify) {
        update({ verify });
        // The reviewed plan holds whether it reads back: plan it again with the new choice.
        if (get().removalWizard.plan) {
          update({ busy: true });
          await replan();
          update({ busy: false });
        }
      },
      showRemovalStep: (step) => update({ step }),

      async planRemoval() {
        const wizard = get().removalWizard;
        if (wizard.aliyun.enabled && get().cloudConfig === null) await get().loadCloudConfig();
        const aliyun = aliyunPartOf(get());
        if (aliyun === 'problem') return false;
        // Without an Alibaba part the terminals are planned even when none is chosen: the core says what to do.
        const withTerminals = targets().length > 0 || aliyun === null;
        update({ busy: true, ...UNPLANNED });
        if (withTerminals && !(await replan())) {
          update({ busy: false });
          return false;
        }
        update({ busy: false, aliyunPlan: aliyun, step: 'review' });
        return true;
      },

      async startRemoval() {
        const wizard = get().removalWizard;
        update({ busy: true });
        let terminalJob: string | null = null;
        if (wizard.plan) {
          const result = await api.removal.start({ planId: wizard.plan.planId });
          if (!result.ok) {
            // The site changed since the review (or the review is gone): show the plan as it is now, then say why.
            const reason = reasonOf(result.error);
            if (reason === 'plan-stale' || reason === 'plan-gone') await replan();
            update({ busy: false });
            refused(result.error);
            return null;
          }
          terminalJob = result.value.jobId;
        }
        let cloudJob: string | null = null;
        let cloudError: ErrorPayload | null = null;
        if (wizard.aliyunPlan && wizard.draft) {
          const result = await api.removal.cloudStart({ draftId: wizard.draft.draftId, ...wizard.aliyunPlan.request });
          if (result.ok) cloudJob = result.value.jobId;
          else cloudError = result.error;
        }
        const first = terminalJob ?? cloudJob;
        if (first === null) {
          if (cloudError) get().showError(cloudError);
          update({ busy: false });
          return null;
        }
        epoch++;
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
