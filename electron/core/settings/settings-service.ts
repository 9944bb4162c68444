import { SettingsSchema, type Settings, type SettingsPatch } from '../../../shared/domain/settings.ts';
import type { Database } from '../db/database.ts';
import type { EventBus } from '../events/event-bus.ts';

/** Reads and changes the persisted user settings. */
export interface SettingsService {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

/**
 * Settings live in the `settings` table, one JSON value per key. Unknown or invalid stored values
 * fall back to their defaults instead of breaking start-up.
 */
export function createSettingsService(db: Database, bus: EventBus): SettingsService {
  const readAll = (): Settings => {
    const rows = db.sqlite.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored: Record<string, unknown> = {};
    for (const { key, value } of rows) {
      try {
        stored[key] = JSON.parse(value);
      } catch {
        // A value that is not JSON is ignored; its default applies.
      }
    }
    const defaults = SettingsSchema.parse({});
    const merged: Record<string, unknown> = { ...defaults };
    // Every key of the schema, including optional ones without a default.
    for (const key of Object.keys(SettingsSchema.shape) as (keyof Settings)[]) {
      const candidate = SettingsSchema.shape[key].safeParse(stored[key]);
      if (candidate.success && stored[key] !== undefined) merged[key] = candidate.data;
    }
    return SettingsSchema.parse(merged);
  };

  return {
    get: readAll,
    update(patch) {
      const upsert = db.sqlite.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      );
      db.transaction(() => {
        for (const [key, value] of Object.entries(patch)) {
          if (value !== undefined) upsert.run(key, JSON.stringify(value));
        }
      });
      const settings = readAll();
      bus.emit('settings:changed', settings);
      return settings;
    },
  };
}
