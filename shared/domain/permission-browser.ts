import { z } from 'zod';
import { CertificatePolicySchema } from './permissions.ts';

/**
 * The permissions browser (issue 20): who may pass which Tuya channel, and whether their face, card and
 * fingerprint reached the channel's device, as the cloud's permission query states it. The app's words; the
 * vendor numbers are read in electron/core/cloud/permission-browser-views.ts.
 */

const cloudId = z.string().trim().min(1).max(128);
const text = z.string().trim().min(1).max(100);
const count = z.number().int().nonnegative();

/** Whether a credential reached the device: the cloud said 1 (sent), 0 (to be sent), or nothing readable. */
export const IssueStateSchema = z.enum(['sent', 'to-be-sent', 'unconfirmed']);

/** Whether a credential reached the device. */
export type IssueState = z.infer<typeof IssueStateSchema>;

/** The issue states a filter may ask for (the cloud filters by 1 and 0 only). */
export const IssueFilterSchema = z.enum(['sent', 'to-be-sent']);

/** The validity filter: permanent, expired, or ending within 7, 15 or 30 days. */
export const ValidityFilterSchema = z.enum([
  'permanent',
  'expired',
  'within-7-days',
  'within-15-days',
  'within-30-days',
]);

/** A validity filter. */
export type ValidityFilter = z.infer<typeof ValidityFilterSchema>;

/** The filters of the browser, as the vendor's permission query offers them (all optional). */
export const PermissionFilterSchema = z
  .object({
    /** Part of the person's name. */
    name: text.optional(),
    mobile: text.optional(),
    /** The work number (exact). */
    personCode: text.optional(),
    /** The organisation (structure) id. */
    organisationId: cloudId.optional(),
    validity: ValidityFilterSchema.optional(),
    channelIds: z.array(cloudId).max(500).optional(),
    /** Part of the channel's name. */
    channelName: text.optional(),
    /** Part of the access control device's name. */
    deviceName: text.optional(),
    face: IssueFilterSchema.optional(),
    card: IssueFilterSchema.optional(),
    fingerprint: IssueFilterSchema.optional(),
  })
  .strict();

/** The filters of the browser. */
export type PermissionFilter = z.infer<typeof PermissionFilterSchema>;

/** The request of `permissions:browse`: filters and one page. */
export const BrowseRequestSchema = PermissionFilterSchema.extend({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(50),
}).strict();

/** The request of `permissions:browse`. */
export type BrowseRequest = z.input<typeof BrowseRequestSchema>;

/** One credential kind of a permission: its issue state and the person's counts. */
export const CredentialIssueSchema = z.object({
  state: IssueStateSchema,
  /** The person's credentials of this kind (null: the cloud did not say). */
  total: count.nullable(),
  /** Of those, the ones allowed on this channel. */
  allowed: count.nullable(),
});

/** One credential kind of a permission. */
export type CredentialIssue = z.infer<typeof CredentialIssueSchema>;

/** One permission: a person may pass a channel, and what of their credentials reached its device. */
export const PermissionRowSchema = z.object({
  accessAuthId: z.string(),
  personId: z.string().nullable(),
  name: z.string().nullable(),
  personCode: z.string().nullable(),
  /** As the cloud shows it (masked). */
  mobile: z.string().nullable(),
  organisationIds: z.array(z.string()),
  channelId: z.string().nullable(),
  channelName: z.string().nullable(),
  deviceName: z.string().nullable(),
  positionPath: z.string().nullable(),
  validFrom: z.number().int().nullable(),
  validUntil: z.number().int().nullable(),
  face: CredentialIssueSchema,
  card: CredentialIssueSchema,
  fingerprint: CredentialIssueSchema,
});

/** One permission of the browser. */
export type PermissionRow = z.infer<typeof PermissionRowSchema>;

/** What `permissions:browse` answers: one page of permissions. */
export const PermissionPageSchema = z.object({
  rows: z.array(PermissionRowSchema),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  /** Permissions matching the filters, as the cloud states (null: it did not say). */
  total: count.nullable(),
  /** The page holds every row the total puts in it (false: the cloud stopped short; the page is unconfirmed). */
  complete: z.boolean(),
});

/** One page of permissions. */
export type PermissionPage = z.infer<typeof PermissionPageSchema>;

/** The request of `permissions:person`: the person of one permission. */
export const PersonRequestSchema = z.object({ accessAuthId: cloudId }).strict();

/** What `permissions:person` answers: the person, the opened permission, and all their permissions. */
export const PersonPermissionsSchema = z.object({
  accessAuthId: z.string(),
  personId: z.string(),
  name: z.string().nullable(),
  personCode: z.string().nullable(),
  mobile: z.string().nullable(),
  sex: z.string().nullable(),
  organisations: z.array(z.string()),
  /** Where the permission came from, in the cloud's words. */
  source: z.string().nullable(),
  createdAt: z.number().int().nullable(),
  /** The opened permission, from its detail. */
  opened: z.object({
    channelName: z.string().nullable(),
    deviceName: z.string().nullable(),
    positionPath: z.string().nullable(),
    validFrom: z.number().int().nullable(),
    validUntil: z.number().int().nullable(),
    face: CredentialIssueSchema,
    card: CredentialIssueSchema,
    fingerprint: CredentialIssueSchema,
  }),
  /** Every permission of the person (each channel once per permission). */
  permissions: z.array(PermissionRowSchema),
  /** The list of the person's permissions was read to the cloud's stated total. */
  complete: z.boolean(),
});

/** The person of a permission and all their permissions. */
export type PersonPermissions = z.infer<typeof PersonPermissionsSchema>;

/** The request of `permissions:repush-person`: push again what is still to be sent on this person's channels. */
export const RepushPersonRequestSchema = z
  .object({ accessAuthId: cloudId, certificate: CertificatePolicySchema.default('card+face') })
  .strict();

/** The request of `permissions:repush-person`. */
export type RepushPersonRequest = z.input<typeof RepushPersonRequestSchema>;

/** What `permissions:repush-person` answers: the new increment push job (null when nothing waits to be sent). */
export const RepushPersonSchema = z.object({
  jobId: z.string().nullable(),
  personId: z.string(),
  /** The channels pushed: the person's unexpired channels with a credential of the policy not confirmed sent. */
  channelIds: z.array(z.string()),
});

/** What `permissions:repush-person` answers. */
export type RepushPerson = z.infer<typeof RepushPersonSchema>;
