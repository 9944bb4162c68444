import { z } from 'zod';
import { CloudSettingsSchema } from './cloud.ts';
import { RemovalSettingsSchema } from './removal.ts';

/** Languages the user interface is translated into. */
export const LANGUAGES = ['en', 'zh-CN'] as const;

/** Zod schema of {@link Language}. */
export const LanguageSchema = z.enum(LANGUAGES);

/** A user-interface language. */
export type Language = z.infer<typeof LanguageSchema>;

/** Persisted user settings; every field has a default so a fresh data directory works. */
export const SettingsSchema = z.object({
  language: LanguageSchema.default('en'),
  /** Names of the network adapters that face the site LAN; empty means every non-internal IPv4 adapter. */
  siteAdapters: z.array(z.string().min(1).max(64)).max(32).default([]),
  /** Tuning of bulk removal; fields left out take their defaults (see RemovalSettingsSchema). */
  removal: RemovalSettingsSchema.partial().strict().optional(),
  /** Non-secret settings of the cloud accounts (credentials live in the SecretStore; see cloud.ts). */
  cloud: CloudSettingsSchema.optional(),
});

/** Persisted user settings. */
export type Settings = z.infer<typeof SettingsSchema>;

/** A partial update of {@link Settings}; unknown keys are rejected. */
export const SettingsPatchSchema = z
  .object({
    language: LanguageSchema,
    siteAdapters: z.array(z.string().min(1).max(64)).max(32),
    /** Replaces the whole removal tuning object. */
    removal: RemovalSettingsSchema.partial().strict(),
    /** Replaces the whole cloud settings object (cloud:set-config merges one cloud's fields). */
    cloud: CloudSettingsSchema,
  })
  .partial()
  .strict();

/** A partial update of {@link Settings}. */
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
