import { AppError } from '../../../shared/errors.ts';

/**
 * The coded errors of drafts and reviewed plans: `details.reason` for programs, `details.messageCode` (`removal.*`)
 * with `details.params` for the user interface's own words (renderer/src/i18n, `codes.removal`).
 */

/** `details.reason` of a draft that is unknown: never made here, discarded (too many lists open), or expired. */
export const DRAFT_GONE = 'draft-gone';

/** `details.reason` of a reviewed plan that is unknown, discarded or expired. */
export const PLAN_GONE = 'plan-gone';

/** `details.reason` of a reviewed plan whose site changed since the review (a target, or what it resolves to). */
export const PLAN_STALE = 'plan-stale';

/** `details.reason` of a reviewed plan that was already started. */
export const PLAN_STARTED = 'plan-started';

/** NOT_FOUND: the list was discarded; the technician imports (or pastes) it again. */
export function draftGone(draftId: string): AppError {
  return new AppError(
    'NOT_FOUND',
    'The removal list was discarded (it was left unused too long, or too many lists were open): import it again.',
    { reason: DRAFT_GONE, draftId, messageCode: `removal.${DRAFT_GONE}`, params: {} },
  );
}

/** NOT_FOUND: the reviewed plan was discarded; the technician reviews the plan again. */
export function planGone(planId: string): AppError {
  return new AppError(
    'NOT_FOUND',
    'The reviewed plan was discarded (it was left unused too long, or too many were open): review the plan again.',
    { reason: PLAN_GONE, planId, messageCode: `removal.${PLAN_GONE}`, params: {} },
  );
}

/** One way the site changed since a review: the terminal concerned (null: the list's resolution) and what. */
export interface PlanChange {
  serial: string | null;
  text: string;
}

/** CONFLICT: what the plan was computed from changed; nothing was sent. */
export function planStale(planId: string, changes: readonly PlanChange[]): AppError {
  const texts = changes.map((c) => c.text);
  const serials = [...new Set(changes.flatMap((c) => (c.serial === null ? [] : [c.serial])))];
  return new AppError(
    'CONFLICT',
    `Nothing was sent: the site changed since the review (${texts.slice(0, 5).join('; ')}${texts.length > 5 ? '; …' : ''}): review the plan again.`,
    {
      reason: PLAN_STALE,
      planId,
      changed: texts,
      messageCode: `removal.${PLAN_STALE}`,
      params: { count: serials.length, terminals: serials.slice(0, 10).join(', ') },
    },
  );
}

/** CONFLICT: the plan already runs as a job; starting it again would send everything twice. */
export function planStarted(planId: string, jobId: string): AppError {
  return new AppError(
    'CONFLICT',
    `This reviewed plan was already started as job ${jobId}: follow it in Jobs (fcom jobs show ${jobId}).`,
    { reason: PLAN_STARTED, planId, jobId, messageCode: `removal.${PLAN_STARTED}`, params: { jobId } },
  );
}
