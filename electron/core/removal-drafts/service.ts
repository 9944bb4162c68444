import type { Terminal } from '../../../shared/domain/terminal.ts';
import type { StoreBounds } from './bounded-store.ts';
import { createDraftStore, type DraftStore } from './drafts.ts';
import {
  createReviewedPlans,
  type RemovalEngine,
  type ReviewedPlans,
  type ReviewedPlansDeps,
} from './reviewed-plans.ts';

/** The `removal:*` channels' service: drafts (the list in the core), reviewed plans, and their start. */
export type RemovalDraftService = Omit<DraftStore, 'require'> & ReviewedPlans;

/** What {@link createRemovalDraftService} needs. */
export interface RemovalDraftDeps {
  /** The removal engine (electron/core/removal): its dry run and start. */
  engine: RemovalEngine;
  /** A terminal of the inventory by serial (picks take its kind; plans its trust). */
  terminal(serial: string): Terminal | undefined;
  cloud: ReviewedPlansDeps['cloud'];
  now?: () => number;
  bounds?: { drafts?: StoreBounds; plans?: StoreBounds };
  newId?: () => string;
}

/** Creates the {@link RemovalDraftService} (one per process; everything it holds is in memory). */
export function createRemovalDraftService(deps: RemovalDraftDeps): RemovalDraftService {
  const common = {
    terminal: deps.terminal,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.newId ? { newId: deps.newId } : {}),
  };
  const drafts = createDraftStore({ ...common, ...(deps.bounds?.drafts ? { bounds: deps.bounds.drafts } : {}) });
  const plans = createReviewedPlans({
    ...common,
    drafts,
    engine: deps.engine,
    cloud: deps.cloud,
    ...(deps.bounds?.plans ? { bounds: deps.bounds.plans } : {}),
  });
  return {
    read: drafts.read,
    pick: drafts.pick,
    edit: drafts.edit,
    summary: drafts.summary,
    page: drafts.page,
    plan: plans.plan,
    start: plans.start,
    cloudStart: plans.cloudStart,
  };
}
