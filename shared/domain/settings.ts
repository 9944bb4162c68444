import { z } from 'zod';
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
  })
  .partial()
  .strict();

/** A partial update of {@link Settings}. */
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
