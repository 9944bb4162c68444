import { z } from 'zod';
import { MAX_LABEL_LENGTH } from './terminal.ts';

/** Serial numbers a bulk action on terminals names (the ticked rows). */
export const SerialsSchema = z.array(z.string().min(1).max(128)).min(1).max(1000);

/** `devices:set-label`: set the technician's location label of a terminal; blank text clears it. */
export const SetLabelRequestSchema = z
  .object({ serial: z.string().min(1).max(128), label: z.string().max(MAX_LABEL_LENGTH) })
  .strict();

/** The formats of the terminal list export: CSV text, or an Excel workbook (.xlsx). */
export const DeviceExportFormatSchema = z.enum(['csv', 'xlsx']);

/** A format of the terminal list export. */
export type DeviceExportFormat = z.infer<typeof DeviceExportFormatSchema>;

/** `devices:export`: the listed terminals (all of them when `serials` is left out) as a file. */
export const DeviceExportRequestSchema = z
  .object({ serials: SerialsSchema.optional(), format: DeviceExportFormatSchema })
  .strict();

/**
 * A terminal list as a file: a suggested name, its content and how the content is written. CSV is text
 * (`encoding: 'utf8'`, with a BOM so spreadsheets read 中文); an Excel workbook is bytes, sent as base64
 * (`encoding: 'base64'`). An answer without `encoding` is text (older hosts answered CSV only).
 */
export const DeviceExportSchema = z.object({
  fileName: z.string(),
  content: z.string(),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
  rows: z.number().int(),
});

/** A terminal list as a file. */
export type DeviceExport = z.infer<typeof DeviceExportSchema>;

/** `devices:check`: probe these terminals now (online, credentials), instead of waiting for the next round. */
export const CheckDevicesRequestSchema = z.object({ serials: SerialsSchema }).strict();

/**
 * `devices:use-site-default`: forget these terminals' own credentials, so each uses its kind's site default
 * (sent only to trusted terminals, like every stored credential).
 */
export const UseSiteDefaultRequestSchema = z.object({ serials: SerialsSchema }).strict();

/** What `devices:use-site-default` did: how many had their own credentials, and the kinds with no default saved. */
export const UseSiteDefaultResultSchema = z.object({
  cleared: z.number().int().nonnegative(),
  kindsWithoutDefault: z.array(z.enum(['sophon', 'basip'])),
});

/** Whether a site default is saved for a kind, and for whom (never the password). */
export const SiteDefaultSchema = z.object({ saved: z.boolean(), username: z.string().nullable() });

/** The site default credentials per kind (`devices:site-defaults`). */
export const SiteDefaultsSchema = z.object({ sophon: SiteDefaultSchema, basip: SiteDefaultSchema });

/** The site default credentials per kind. */
export type SiteDefaults = z.infer<typeof SiteDefaultsSchema>;
