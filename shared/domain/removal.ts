import { z } from 'zod';
import { JobKindSchema, JobStateSchema } from './job.ts';
import { RemovalItemSchema, RemovalModeSchema } from './people-import.ts';
import { PersonMatchSchema, PresenceCountsSchema, UnresolvedPersonSchema } from './people-index.ts';
import { TerminalKindSchema } from './terminal.ts';

/**
 * Serialisable shapes of the bulk-removal engine (electron/core/removal): the dry-run plan, jobs, their
 * items and the requests of the `removal:*` and `jobs:*` channels.
 */

const serial = z.string().min(1).max(128);
const jobId = z.string().min(1).max(64);
const count = z.number().int().nonnegative();

/**
 * The outcome of one item: a closed set (pending = not finished yet). `done` is the outcome of work that is not a
 * removal: a channel whose permission push landed (permission-push jobs, electron/core/cloud/jobs).
 * `unconfirmed`: the request went out but no evidence says what became of the item (no per-item answer and no
 * complete read): not done, counted apart, settled later by reading the terminal, never by resending blindly.
 */
export const ITEM_OUTCOMES = [
  'removed',
  'already-absent',
  'failed',
  'queued',
  'cancelled',
  'done',
  'unconfirmed',
] as const;

/**
 * What decided an item's outcome (ARCHITECTURE.md, "Evidence"):
 * - `answer`: the terminal's own per-item confirmation (Sophon `success_identity_ids`, BAS-IP `result[]` entry);
 * - `not-found`: the terminal's per-item "not found" for that id (ID_NOT_FOUND for a request naming only it,
 *   `entity_not_found`);
 * - `item-error`: the terminal's per-item error for that id;
 * - `read-before`: a complete read of the terminal's list before sending showed it absent;
 * - `read-back`: a complete read after the delete showed it absent (or, for a failure, still present);
 * - `plan`: decided without a request (no id for that terminal's kind, the id not valid for it).
 * Null: no evidence (unconfirmed, failed on a whole-request error, queued, cancelled).
 */
export const EVIDENCE_KINDS = ['answer', 'not-found', 'item-error', 'read-before', 'read-back', 'plan'] as const;

/** Zod schema of {@link Evidence}. */
export const EvidenceSchema = z.enum(EVIDENCE_KINDS);

/** What decided an item's outcome. */
export type Evidence = z.infer<typeof EvidenceSchema>;

/** The evidence a stored value names, or null for none or for anything that is not an evidence kind. */
export function evidenceOf(value: unknown): Evidence | null {
  const parsed = EvidenceSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Zod schema of {@link ItemOutcome}. */
export const ItemOutcomeSchema = z.enum(ITEM_OUTCOMES);

/** The outcome of one item of a removal job. */
export type ItemOutcome = z.infer<typeof ItemOutcomeSchema>;

/** What `jobs:show` can filter items by: an outcome, or `pending` (not finished and not queued). */
export const ItemFilterSchema = z.enum([...ITEM_OUTCOMES, 'pending']);

/** What `jobs:show` can filter items by. */
export type ItemFilter = z.infer<typeof ItemFilterSchema>;

/** How many items of a job (or of one terminal) are in each outcome; `pending` are not done yet. */
export const OutcomeCountsSchema = z.object({
  removed: count,
  'already-absent': count,
  failed: count,
  queued: count,
  cancelled: count,
  pending: count,
  /** Sent, but nothing confirms what became of them (absent in older answers and in cloud pushes). */
  unconfirmed: count.optional(),
  /** Permission pushes only: channels whose push landed (absent in older answers). */
  done: count.optional(),
});

/** Item counts per outcome. */
export type OutcomeCounts = z.infer<typeof OutcomeCountsSchema>;

/** Which terminals a removal targets: every terminal of the inventory, or the named serials. */
export const RemovalTargetsSchema = z.union([z.literal('all'), z.array(serial).min(1).max(1000)]);

/** Which terminals a removal targets. */
export type RemovalTargets = z.infer<typeof RemovalTargetsSchema>;

/**
 * The removal engine's request (electron/core/removal): built in the core from a draft by the reviewed plans
 * (electron/core/removal-drafts); the `removal:*` channels carry a draft id or a plan id instead (removal-draft.ts).
 */
export const RemovalRequestSchema = z
  .object({
    mode: RemovalModeSchema.default('people'),
    /** The validated list (people-import's `RemovalList.items`). */
    items: z.array(RemovalItemSchema).min(1).max(200_000),
    devices: RemovalTargetsSchema,
    /** Read every terminal's list afterwards and confirm each removed item is gone (on unless turned off). */
    verify: z.boolean().default(true),
    /** Where the list came from (a file name), shown in job lists. */
    label: z.string().max(300).optional(),
    /**
     * The list is of PEOPLE, resolved per target through the site people index (issue 17): `id` by each vendor's
     * id column, `name` by exact name. Absent: each row's ids are sent as they are (no index).
     */
    match: PersonMatchSchema.optional(),
    /** With `match`: a name that stands for several people on a terminal removes every one of them there. */
    confirmAmbiguous: z.boolean().optional(),
    /** With `match`: start even though some people are unresolved on some terminals (they are left out there). */
    skipUnresolved: z.boolean().optional(),
  })
  .strict();

/** The removal engine's request (as built). */
export type RemovalRequest = z.input<typeof RemovalRequestSchema>;

/** The removal engine's request (defaults applied). */
export type ParsedRemovalRequest = z.output<typeof RemovalRequestSchema>;

/** The dry-run plan of one terminal. */
export const TerminalPlanSchema = z.object({
  serial,
  name: z.string(),
  kind: TerminalKindSchema,
  address: z.string(),
  online: z.boolean(),
  /** Items that will be sent. */
  items: count,
  /** Items recorded as failed at plan time (no id of this terminal's kind, or its firmware is too old: API v0). */
  unplannable: count,
  /** Requests needed (batches). */
  requests: count,
  estimatedMs: count,
  /** With a people list (`match`): how many of the list the index shows there, absent, or unknown. */
  presence: PresenceCountsSchema.optional(),
});

/** The dry-run plan of one terminal. */
export type TerminalPlan = z.infer<typeof TerminalPlanSchema>;

/** The answer of `removal:plan`: per terminal how many items, which are offline, the estimated time. */
export const RemovalPlanSchema = z.object({
  mode: RemovalModeSchema,
  terminals: z.array(TerminalPlanSchema),
  /** Serials of the targeted terminals the inventory shows offline: their items will wait, queued. */
  offline: z.array(serial),
  /** Inventory terminals that `all` skipped: unknown kind, firmware too old (API v0), not trusted, or in an identity conflict. */
  skipped: z.array(serial),
  totalItems: count,
  unplannableItems: count,
  /** Whole-job estimate with the concurrency limit applied. */
  estimatedMs: count,
  /** With a people list (`match`): people not resolved on some terminals, listed before anything runs. */
  unresolved: z.array(UnresolvedPersonSchema).optional(),
});

/** The dry-run plan. */
export type RemovalPlan = z.infer<typeof RemovalPlanSchema>;

/** A persisted job as `jobs:list` shows it. */
export const JobSummarySchema = z.object({
  id: jobId,
  kind: JobKindSchema,
  state: JobStateSchema,
  mode: RemovalModeSchema,
  verify: z.boolean(),
  label: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  total: count,
  terminals: count,
  counts: OutcomeCountsSchema,
  /** Items confirmed absent by a complete read, and those removed or already absent without one yet (verify only). */
  verified: count,
  unverified: count,
  error: z.string().nullable(),
});

/** A persisted job as `jobs:list` shows it. */
export type JobSummary = z.infer<typeof JobSummarySchema>;

/** One item of a job: one person (or face) on one terminal. */
export const JobItemSchema = z.object({
  seq: count,
  terminal: serial,
  terminalKind: TerminalKindSchema,
  line: z.number().int().nullable(),
  name: z.string().nullable(),
  /** The id of the list row the item came from (the same person on several terminals shares it). */
  personKey: z.string(),
  idKind: z.string(),
  nativeId: z.string(),
  faceId: z.string().nullable(),
  /** Null while the item is not finished. */
  outcome: ItemOutcomeSchema.nullable(),
  /** The vendor's own code for the item (ID_NOT_FOUND, entity_not_found, deleted, HTTP_503, ...). */
  rawCode: z.string().nullable(),
  reason: z.string().nullable(),
  /**
   * Why it failed, as a code the UI words, where the vendor's raw code does not say it: `credentials` when the
   * terminal refused the user name or password (its raw code is then the vendor's own). Absent from older hosts.
   */
  failureCode: z.enum(['credentials']).nullable().optional(),
  /** What decided the outcome; null without evidence (absent in answers of older hosts). */
  evidence: EvidenceSchema.nullable().optional(),
  attempts: count,
  /** Verification: true confirmed absent, false still present, null not checked. */
  verified: z.boolean().nullable(),
  updatedAt: z.number().int(),
});

/** One item of a job. */
export type JobItem = z.infer<typeof JobItemSchema>;

/** Per-terminal counts of a job. */
export const JobTerminalSchema = z.object({ serial, kind: TerminalKindSchema, counts: OutcomeCountsSchema });

/** Per-terminal counts of a job. */
export type JobTerminal = z.infer<typeof JobTerminalSchema>;

/** The request of `jobs:show`: one page of a job's items, optionally filtered. */
export const JobShowRequestSchema = z
  .object({
    jobId,
    outcome: ItemFilterSchema.optional(),
    terminal: serial.optional(),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();

/** A `jobs:show` request as the core receives it (defaults applied). */
export type JobShowRequest = z.infer<typeof JobShowRequestSchema>;

/** The answer of `jobs:show`. */
export const JobDetailSchema = z.object({
  job: JobSummarySchema,
  terminals: z.array(JobTerminalSchema),
  items: z.array(JobItemSchema),
  /** Items matching the filter (for paging). */
  matching: count,
});

/** The answer of `jobs:show`. */
export type JobDetail = z.infer<typeof JobDetailSchema>;

/** Export formats of `jobs:export`. */
export const ExportFormatSchema = z.enum(['csv', 'json']);

/** An export format. */
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** The answer of `jobs:export`: the report as text, ready to save. */
export const JobExportSchema = z.object({
  format: ExportFormatSchema,
  fileName: z.string(),
  items: count,
  content: z.string(),
});

/** The answer of `jobs:export`. */
export type JobExport = z.infer<typeof JobExportSchema>;

/** A request naming one job. */
export const JobRefSchema = z.object({ jobId }).strict();

/** Tuning of the removal engine, persisted in the settings (every field has a safe default). */
export const RemovalSettingsSchema = z.object({
  /** Ids per Sophon `deleteidentities` request. */
  sophonBatchSize: z.number().int().min(1).max(500).default(50),
  /** Link ids or uids per BAS-IP delete request (BAS-IP pages hold 50). */
  basipBatchSize: z.number().int().min(1).max(500).default(50),
  /** Requests in flight at once over every terminal and job. */
  concurrency: z.number().int().min(1).max(64).default(8),
  /** Requests in flight at once per terminal (terminals are small computers). */
  perTerminal: z.number().int().min(1).max(8).default(1),
  /** Sends of one item before it is failed (retries on 5xx, time-outs and busy). */
  maxAttempts: z.number().int().min(1).max(20).default(5),
  /** Per-request time-out in milliseconds. */
  requestTimeoutMs: z.number().int().min(500).max(120_000).default(15_000),
});

/** Tuning of the removal engine. */
export type RemovalSettings = z.infer<typeof RemovalSettingsSchema>;
