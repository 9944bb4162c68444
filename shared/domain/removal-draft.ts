import { z } from 'zod';
import { AliyunScopeTypeSchema, AliyunUserTypeSchema } from './cloud.ts';
import { ColumnMappingSchema, ImportIssueSchema, RemovalItemSchema, RemovalModeSchema } from './people-import.ts';
import { PersonHitSchema, PersonMatchSchema } from './people-index.ts';
import { ParsedInputSchema, RemovalInputSourceSchema } from './removal-input.ts';
import { RemovalPlanSchema, RemovalTargetsSchema } from './removal.ts';

/**
 * The removal list lives in the core as a draft (electron/core/removal-drafts): the renderer and the CLI hold its
 * id, its counts and pages of it, never the whole list. A dry run of a draft is a reviewed plan with an id;
 * `removal:start` journals exactly that plan. These are the requests and answers of those channels.
 */

const count = z.number().int().nonnegative();
const serial = z.string().min(1).max(128);

/** The id of a removal draft. */
export const DraftIdSchema = z.string().min(1).max(64);

/** The id of a reviewed plan. */
export const PlanIdSchema = z.string().min(1).max(64);

/** The pseudo-serial of people picked from the site people index (each terminal resolves its own id). */
export const INDEX_SOURCE = 'people-index';

/** Most people one pick (from a terminal's people list or the people index) adds at once. */
export const MAX_PICKS_PER_CALL = 1000;

/** Most rows one page of a draft answers. */
export const MAX_DRAFT_PAGE = 500;

/** A person picked into the list from a terminal's people list, or from the site people index. */
export const PickedPersonSchema = z.object({
  /** The terminal they were picked from, or `people-index`. */
  serial,
  /** The id the terminal (or the index) lists them by. */
  id: z.string(),
  name: z.string(),
  /** What is sent: the id as the kind the terminal uses. */
  item: RemovalItemSchema,
});

/** A person picked into the list. */
export type PickedPerson = z.infer<typeof PickedPersonSchema>;

/** The reading of the pasted or imported input, without its items (they stay in the core). */
export const DraftInputSchema = ParsedInputSchema.extend({
  list: z.object({
    mode: RemovalModeSchema,
    /** Valid rows (what the input adds to the list). */
    valid: count,
    /** Row errors (at most MAX_ANSWERED_ERRORS; the rest are counted in `moreErrors`). */
    errors: z.array(ImportIssueSchema),
    duplicates: count,
    invalidRows: count,
    blankLines: count,
    totalRows: count,
  }),
});

/** The reading of the pasted or imported input, without its items. */
export type DraftInput = z.infer<typeof DraftInputSchema>;

/** What the wizard and the CLI know of a draft: its id, its input's reading and its counts. */
export const DraftSummarySchema = z.object({
  draftId: DraftIdSchema,
  mode: RemovalModeSchema,
  /** The imported file's name (shown in job lists), or null. */
  label: z.string().nullable(),
  /** The reading of the input, or null when there is none (picks only). */
  input: DraftInputSchema.nullable(),
  /** People picked from terminals or the people index. */
  picked: count,
  /** Items a removal sends: the input's valid rows, then the picks not already in it (people mode only). */
  total: count,
  /** Picked BAS-IP uids: numbers that mean another person on every other panel. */
  panelLocal: count,
  /** Distinct Alibaba Cloud user ids of the list (its own ids, else identity_id, link_id or uid). */
  cloudUsers: count,
});

/** What the wizard and the CLI know of a draft. */
export type DraftSummary = z.infer<typeof DraftSummarySchema>;

/**
 * The request of `removal:parse-input`: reads pasted text or an imported file into a draft (a new one, or the
 * input of `draftId` replaced); without `source`, reads the draft's own input again in `mode` with `mapping`.
 */
export const DraftReadRequestSchema = z
  .object({
    draftId: DraftIdSchema.optional(),
    source: RemovalInputSourceSchema.optional(),
    mode: RemovalModeSchema.default('people'),
    /** The column picker's mapping; the suggested one when absent. */
    mapping: ColumnMappingSchema.optional(),
    /** The id column by header label, "Column N" or 1-based number (the CLI's `--column`); ignored with mapping. */
    column: z.string().min(1).max(200).optional(),
    /** A row may name a person by name alone (a list matched through the people index). */
    names: z.boolean().optional(),
    /** Where the list came from, shown in job lists (default: the imported file's name). */
    label: z.string().min(1).max(300).optional(),
  })
  .strict()
  .refine((r) => r.source !== undefined || r.draftId !== undefined, {
    message: 'give the input (source) or the draft to read again (draftId)',
  });

/** The request of `removal:parse-input` (as sent). */
export type DraftReadRequest = z.input<typeof DraftReadRequestSchema>;

/** The request of `removal:draft-pick`: people of a terminal's list, or found in the site people index. */
export const DraftPickRequestSchema = z
  .object({
    draftId: DraftIdSchema.optional(),
    from: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('terminal'),
          serial,
          people: z
            .array(z.object({ id: z.string().min(1).max(128), name: z.string().max(300) }).strict())
            .min(1)
            .max(MAX_PICKS_PER_CALL),
        })
        .strict(),
      z.object({ kind: z.literal('index'), hits: z.array(PersonHitSchema).min(1).max(MAX_PICKS_PER_CALL) }).strict(),
    ]),
  })
  .strict();

/** The request of `removal:draft-pick`. */
export type DraftPickRequest = z.input<typeof DraftPickRequestSchema>;

/** The request of `removal:draft-edit`: take one pick out, drop the input, or empty the draft. */
export const DraftEditRequestSchema = z
  .object({
    draftId: DraftIdSchema,
    edit: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('unpick'), serial, id: z.string().min(1).max(300) }).strict(),
      z.object({ kind: z.literal('clear-input') }).strict(),
      z.object({ kind: z.literal('set-mode'), mode: RemovalModeSchema }).strict(),
    ]),
  })
  .strict();

/** The request of `removal:draft-edit`. */
export type DraftEditRequest = z.input<typeof DraftEditRequestSchema>;

/** What a page of a draft shows: the list's items, the picks, or the input's row errors. */
export const DraftPartSchema = z.enum(['items', 'picked', 'errors']);

/** What a page of a draft shows. */
export type DraftPart = z.infer<typeof DraftPartSchema>;

/** The request of `removal:draft-page`. */
export const DraftPageRequestSchema = z
  .object({
    draftId: DraftIdSchema,
    part: DraftPartSchema,
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(MAX_DRAFT_PAGE).default(100),
  })
  .strict();

/** The request of `removal:draft-page` (as sent). */
export type DraftPageRequest = z.input<typeof DraftPageRequestSchema>;

/** The answer of `removal:draft-page`: one page of one part, and how many the part holds. */
export const DraftPageSchema = z.object({
  draftId: DraftIdSchema,
  part: DraftPartSchema,
  offset: count,
  total: count,
  items: z.array(RemovalItemSchema).optional(),
  picked: z.array(PickedPersonSchema).optional(),
  errors: z.array(ImportIssueSchema).optional(),
});

/** The answer of `removal:draft-page`. */
export type DraftPage = z.infer<typeof DraftPageSchema>;

/** The request of `removal:plan`: the dry run of a draft on the targets, with the run's options. */
export const DraftPlanRequestSchema = z
  .object({
    draftId: DraftIdSchema,
    devices: RemovalTargetsSchema,
    /** Read every terminal's list afterwards and confirm each removed item is gone (on unless turned off). */
    verify: z.boolean().default(true),
    /** The list is of people resolved per target through the site people index (people mode only). */
    match: PersonMatchSchema.optional(),
    /** With `match`: a name several people share on a terminal removes every one of them there. */
    confirmAmbiguous: z.boolean().optional(),
    /** With `match`: start although some people are unresolved on some terminals (they are left out there). */
    skipUnresolved: z.boolean().optional(),
  })
  .strict();

/** The request of `removal:plan` (as sent). */
export type DraftPlanRequest = z.input<typeof DraftPlanRequestSchema>;

/** The answer of `removal:plan`: the dry run the technician reviews, with the id `removal:start` takes. */
export const ReviewedPlanSchema = RemovalPlanSchema.extend({ planId: PlanIdSchema });

/** The dry run the technician reviews. */
export type ReviewedPlan = z.infer<typeof ReviewedPlanSchema>;

/** The request of `removal:start`: the reviewed plan to journal and run. */
export const PlanStartRequestSchema = z.object({ planId: PlanIdSchema }).strict();

/** The answer of `removal:start`. */
export const PlanStartedSchema = z.object({ jobId: z.string(), plan: ReviewedPlanSchema });

/** The answer of `removal:start`. */
export type PlanStarted = z.infer<typeof PlanStartedSchema>;

/** The request of `removal:cloud-start`: the draft's people removed from Alibaba Cloud devices or spaces. */
export const DraftCloudStartRequestSchema = z
  .object({
    draftId: DraftIdSchema,
    userType: AliyunUserTypeSchema.optional(),
    scopeType: AliyunScopeTypeSchema,
    scopeIds: z.array(z.string().max(128)).min(1).max(1000),
  })
  .strict();

/** The request of `removal:cloud-start`. */
export type DraftCloudStartRequest = z.input<typeof DraftCloudStartRequestSchema>;
