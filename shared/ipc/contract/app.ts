import { AppInfoSchema } from '../../domain/app-info.ts';
import { channel, Empty } from './channel.ts';

/** The app channels: the running app: version, platform, data directory. */
export const appChannels = {
  'app:info': channel(Empty, AppInfoSchema, 'Version, platform and data directory of the running app.'),
} as const;

/** Events of the app domain, with their payload schemas. */
export const appEvents = {} as const;
