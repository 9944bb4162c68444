import { z } from 'zod';
import { TerminalKindSchema } from './terminal.ts';

/**
 * Serialisable shapes of the site people index (electron/core/people-index): who is on which terminal, read
 * from each trusted terminal's COMPLETE list, with the terminal's own ids; search across the site; and how a
 * removal list of people resolves to each terminal's own id (issue 17).
 */

const serial = z.string().min(1).max(128);
const count = z.number().int().nonnegative();

/** One person (BAS-IP: one identifier) as one terminal holds them, with that terminal's own ids. */
export const HoldingSchema = z.object({
  serial,
  terminalName: z.string(),
  kind: TerminalKindSchema,
  /** The id a removal sends to this terminal: `identity_id` (Sophon), `link_id`, else `uid` (BAS-IP). */
  idKind: z.enum(['identity_id', 'link_id', 'uid']),
  id: z.string(),
  /** BAS-IP identifier uid (null on Sophon). */
  uid: z.string().nullable(),
  /** BAS-IP link_id (null on Sophon and on identifiers without one). */
  linkId: z.string().nullable(),
  /** Sophon face ids (empty elsewhere). */
  faceIds: z.array(z.string()),
  name: z.string(),
  /** Sophon user_type or BAS-IP identifier type, when the terminal tells. */
  type: z.string().nullable(),
  /** When the complete read that saw this holding ended (ms since the epoch). */
  readAt: z.number().int(),
});

/** One person on one terminal. */
export type Holding = z.infer<typeof HoldingSchema>;

/** Why a terminal's index may not say the truth any more; null when it is fresh. */
export const IndexStalenessSchema = z.enum(['never-read', 'last-read-failed', 'too-old', 'offline']).nullable();

/** Why a terminal's index may not say the truth any more. */
export type IndexStaleness = z.infer<typeof IndexStalenessSchema>;

/** The index of one terminal: when it was last read completely, how many it held, whether that still holds. */
export const IndexedTerminalSchema = z.object({
  serial,
  name: z.string(),
  kind: TerminalKindSchema,
  /** End of the last COMPLETE read (ms since the epoch); null when none. */
  readAt: z.number().int().nullable(),
  people: count,
  staleness: IndexStalenessSchema,
  /** The error of the last attempt when it failed (English; the raw code beside it). */
  lastError: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
});

/** The index of one terminal. */
export type IndexedTerminal = z.infer<typeof IndexedTerminalSchema>;

/** The answer of `people:status`: every trusted terminal's index, the oldest complete read, a running refresh. */
export const PeopleIndexStatusSchema = z.object({
  terminals: z.array(IndexedTerminalSchema),
  /** The oldest complete read among the terminals that have one; null when none has. */
  oldestReadAt: z.number().int().nullable(),
  /** Index age after which the dry run counts a terminal "unknown" (ms). */
  maxAgeMs: count,
  /** The job id of a refresh running now, if any. */
  refreshJobId: z.string().nullable(),
});

/** The answer of `people:status`. */
export type PeopleIndexStatus = z.infer<typeof PeopleIndexStatusSchema>;

/** The request of `people:refresh`: every trusted terminal, or the named ones. */
export const PeopleRefreshRequestSchema = z.object({ serials: z.array(serial).min(1).max(1000).optional() }).strict();

/** The request of `people:find`: a name (Chinese or pinyin), any id, or several of these (one a line or comma). */
export const PeopleFindRequestSchema = z
  .object({
    query: z.string().trim().min(1).max(20_000),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();

/** The request of `people:find` (as sent). */
export type PeopleFindRequest = z.input<typeof PeopleFindRequestSchema>;

/** One person of a search result: the name and every terminal holding them, with that terminal's id. */
export const PersonHitSchema = z.object({
  /** Which query term found them. */
  term: z.string(),
  name: z.string(),
  /** How the term matched: an id, the exact name, a part of the name, or pinyin. */
  match: z.enum(['id', 'name', 'name-part', 'pinyin']),
  holdings: z.array(HoldingSchema),
});

/** One person of a search result. */
export type PersonHit = z.infer<typeof PersonHitSchema>;

/** The answer of `people:find`: hits, the terms that found nobody, and the index's oldest read. */
export const PeopleFindResultSchema = z.object({
  hits: z.array(PersonHitSchema),
  notFound: z.array(z.string()),
  oldestReadAt: z.number().int().nullable(),
  /** Terminals whose index is missing or stale: a person may be on them unseen. */
  staleTerminals: z.array(serial),
});

/** The answer of `people:find`. */
export type PeopleFindResult = z.infer<typeof PeopleFindResultSchema>;

/**
 * How a removal list of people is matched to each terminal through the index: `id` by the vendor's id columns
 * (Sophon identity_id, BAS-IP link_id across panels, or uid), falling back to the exact name for a row with no
 * id for that vendor; `name` by the exact name only.
 */
export const PersonMatchSchema = z.enum(['id', 'name']);

/** How a removal list of people is matched through the index. */
export type PersonMatch = z.infer<typeof PersonMatchSchema>;

/** Why a person of the list could not be resolved on a terminal. */
export const UNRESOLVED_REASONS = ['ambiguous-name', 'no-usable-id', 'index-unknown'] as const;

/** One person of the list that is not resolved on some terminals: listed before anything runs. */
export const UnresolvedPersonSchema = z.object({
  line: z.number().int().positive(),
  label: z.string(),
  reason: z.enum(UNRESOLVED_REASONS),
  /** The terminals concerned. */
  serials: z.array(serial),
  /** For an ambiguous name: how many people of that name a terminal holds (the most on any one). */
  candidates: count,
});

/** One person of the list that is not resolved on some terminals. */
export type UnresolvedPerson = z.infer<typeof UnresolvedPersonSchema>;

/** Per terminal: how many of the list are there, absent, or unknown (offline, index missing or too old). */
export const PresenceCountsSchema = z.object({
  present: count,
  absent: count,
  unknown: count,
  staleness: IndexStalenessSchema,
  readAt: z.number().int().nullable(),
});

/** Presence of a list on one terminal. */
export type PresenceCounts = z.infer<typeof PresenceCountsSchema>;
