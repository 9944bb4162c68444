import type { Language, Settings } from '../../../../shared/domain/settings.ts';

/** The persisted settings as last heard from the core. */
export interface SettingsSlice {
  settings: Settings | null;
  receiveSettings(settings: Settings): void;
  /** Persists the language; the UI switches when the core confirms it. */
  setLanguage(language: Language): Promise<void>;
}
