import { SettingsPatchSchema, SettingsSchema } from '../../domain/settings.ts';
import { channel, Empty } from './channel.ts';

/** The settings channels: the persisted user settings. */
export const settingsChannels = {
  'settings:get': channel(Empty, SettingsSchema, 'The persisted user settings.'),
  'settings:update': channel(SettingsPatchSchema, SettingsSchema, 'Change some settings; answers all of them.'),
} as const;

/** Events of the settings domain, with their payload schemas. */
export const settingsEvents = {
  'settings:changed': SettingsSchema,
} as const;
