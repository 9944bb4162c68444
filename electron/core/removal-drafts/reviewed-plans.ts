import { randomUUID } from 'node:crypto';
import type { CloudRemovalRequest, CloudRemovalStarted } from '../../../shared/domain/permissions.ts';
import type { ParsedRemovalRequest, RemovalPlan } from '../../../shared/domain/removal.ts';
import {
  DraftPlanRequestSchema,
  type DraftCloudStartRequest,
  type DraftPlanRequest,
  type PlanStarted,
  type ReviewedPlan,
} from '../../../shared/domain/removal-draft.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import { createBoundedStore, type StoreBounds } from './bounded-store.ts';
import { cloudUserIds } from './draft-items.ts';
import type { DraftStore } from './drafts.ts';
import { planGone, planStale, planStarted } from './errors.ts';
import { planChanges, snapshotTargets, type TargetSnapshot } from './plan-check.ts';

/** The removal engine as the reviewed plans use it (electron/core/removal's RemovalService). */
export interface RemovalEngine {
  plan(request: ParsedRemovalRequest): RemovalPlan;
  /** Journals and starts the request; `check` sees the fresh plan first and refuses it by throwing. */
  start(request: ParsedRemovalRequest, check?: (plan: RemovalPlan) => void): { jobId: string; plan: RemovalPlan };
}

/** What a reviewed plan was computed from, and what it showed. */
interface StoredPlan {
  readonly planId: string;
  readonly draftId: string;
  /** The request built from the draft at review time (its items are the draft's list then, never copied). */
  readonly request: ParsedRemovalRequest;
  readonly plan: RemovalPlan;
  readonly targets: readonly TargetSnapshot[];
  jobId: string | null;
}

/** Reviewed plans: a few at a time, dropped after 6 hours unused. */
export const PLAN_BOUNDS: StoreBounds = { maxEntries: 16, maxIdleMs: 6 * 60 * 60 * 1000 };

/** The dry run a technician reviews, and the start of exactly that plan. */
export interface ReviewedPlans {
  /** The dry run of a draft on the targets (writes nothing but the reviewed plan kept in memory). */
  plan(request: DraftPlanRequest): ReviewedPlan;
  /**
   * Journals and runs exactly the reviewed plan: CONFLICT (nothing sent) when a target changed (serials, kind,
   * trust, address) or the plan now differs (per-terminal items, presence, unresolved, skipped); NOT_FOUND when
   * the plan is unknown or expired; CONFLICT when it was already started.
   */
  start(planId: string): PlanStarted;
  /** The draft's people removed from Alibaba Cloud devices or spaces (the cloud engine's own job). */
  cloudStart(request: DraftCloudStartRequest): CloudRemovalStarted;
}

/** What the reviewed plans need. */
export interface ReviewedPlansDeps {
  drafts: DraftStore;
  engine: RemovalEngine;
  terminal(serial: string): Terminal | undefined;
  cloud: { startRemoval(request: CloudRemovalRequest): CloudRemovalStarted };
  now?: () => number;
  bounds?: StoreBounds;
  newId?: () => string;
}

/** Creates the {@link ReviewedPlans}. */
export function createReviewedPlans(deps: ReviewedPlansDeps): ReviewedPlans {
  const plans = createBoundedStore<StoredPlan>(deps.bounds ?? PLAN_BOUNDS, deps.now ?? Date.now);
  const newId = deps.newId ?? randomUUID;
  const reviewed = (stored: StoredPlan, plan: RemovalPlan): ReviewedPlan => ({ ...plan, planId: stored.planId });

  return {
    plan(raw) {
      const options = DraftPlanRequestSchema.parse(raw);
      const draft = deps.drafts.require(options.draftId);
      if (draft.items.length === 0) {
        throw new AppError('VALIDATION', 'The removal list is empty: paste ids, import a file or pick people first.', {
          reason: 'empty-list',
          messageCode: 'removal.empty-list',
          params: {},
        });
      }
      const label = draft.label ?? undefined;
      const matched = options.match !== undefined && draft.mode === 'people';
      const request: ParsedRemovalRequest = {
        mode: draft.mode,
        items: draft.items as ParsedRemovalRequest['items'],
        devices: options.devices,
        verify: options.verify,
        ...(label === undefined ? {} : { label }),
        ...(matched
          ? {
              match: options.match,
              confirmAmbiguous: options.confirmAmbiguous ?? false,
              skipUnresolved: options.skipUnresolved ?? false,
            }
          : {}),
      };
      const plan = deps.engine.plan(request);
      const stored: StoredPlan = {
        planId: newId(),
        draftId: draft.id,
        request,
        plan,
        targets: snapshotTargets(plan, deps.terminal),
        jobId: null,
      };
      plans.put(stored.planId, stored);
      return reviewed(stored, plan);
    },
    start(planId) {
      const stored = plans.get(planId);
      if (!stored) throw planGone(planId);
      if (stored.jobId !== null) throw planStarted(planId, stored.jobId);
      // The engine plans again before it journals (one pass): the fresh plan must be the reviewed one.
      const { jobId, plan } = deps.engine.start(stored.request, (fresh) => {
        const changed = planChanges(stored.plan, stored.targets, fresh, deps.terminal);
        if (changed.length > 0) throw planStale(planId, changed);
      });
      stored.jobId = jobId;
      return { jobId, plan: reviewed(stored, plan) };
    },
    cloudStart(request) {
      const draft = deps.drafts.require(request.draftId);
      const userIds = cloudUserIds(draft.items);
      if (userIds.length === 0) {
        throw new AppError('VALIDATION', 'No person of the list has an id to remove from Alibaba Cloud.', {
          reason: 'no-users',
          messageCode: 'removal.no-users',
          params: {},
        });
      }
      const label = draft.label ?? undefined;
      return deps.cloud.startRemoval({
        userIds,
        scopeType: request.scopeType,
        scopeIds: request.scopeIds,
        ...(request.userType === undefined ? {} : { userType: request.userType }),
        ...(label === undefined ? {} : { label }),
      });
    },
  };
}
