import { CloudRemovalStartedSchema } from '../../domain/permissions.ts';
import {
  DraftCloudStartRequestSchema,
  DraftEditRequestSchema,
  DraftPageRequestSchema,
  DraftPageSchema,
  DraftPickRequestSchema,
  DraftPlanRequestSchema,
  DraftReadRequestSchema,
  DraftSummarySchema,
  PlanStartRequestSchema,
  PlanStartedSchema,
  ReviewedPlanSchema,
} from '../../domain/removal-draft.ts';
import { channel } from './channel.ts';

/**
 * The removal channels: bulk removal of people from terminals. The list lives in the core as a draft (read the
 * input, pick, edit, page); a plan of it has an id, and start runs exactly that plan. No item list crosses.
 */
export const removalChannels = {
  'removal:parse-input': channel(
    DraftReadRequestSchema,
    DraftSummarySchema,
    "Read a pasted list or an imported CSV/TSV file (base64 bytes) into a removal list kept in the core (a new one, or draftId's input replaced; without source, draftId's input read again with other columns): its id, columns, suggested mapping, counts and errors by line, never the items.",
  ),
  'removal:draft-pick': channel(
    DraftPickRequestSchema,
    DraftSummarySchema,
    "Add people of a terminal's list, or found in the people index, to a removal list (a new one without draftId).",
  ),
  'removal:draft-edit': channel(
    DraftEditRequestSchema,
    DraftSummarySchema,
    'Change a removal list: take a picked person out, drop the pasted or imported input, or switch people/faces-only.',
  ),
  'removal:draft-page': channel(
    DraftPageRequestSchema,
    DraftPageSchema,
    "One page of a removal list: its items, its picks, or its input's row errors, with how many there are.",
  ),
  'removal:plan': channel(
    DraftPlanRequestSchema,
    ReviewedPlanSchema,
    'Dry run of a removal list on terminals: per terminal how many items, which are offline, the estimated time, and the planId that removal:start takes.',
  ),
  'removal:start': channel(
    PlanStartRequestSchema,
    PlanStartedSchema,
    'Journal exactly the reviewed plan, then run it as a job (progress on jobs:progress); CONFLICT when the site changed since the review.',
  ),
  'removal:cloud-start': channel(
    DraftCloudStartRequestSchema,
    CloudRemovalStartedSchema,
    'Remove the people of a removal list from Alibaba Cloud devices or spaces, as a journaled job.',
  ),
} as const;

/** Events of the removal domain, with their payload schemas. */
export const removalEvents = {} as const;
