import { SaveFileRequestSchema, SaveFileResultSchema } from '../../domain/files.ts';
import { channel } from './channel.ts';

/** The files channels: saving text through the desktop Save dialog. */
export const filesChannels = {
  'files:save-as': channel(
    SaveFileRequestSchema,
    SaveFileResultSchema,
    'Desktop app only: save text through the native Save dialog (the user picks the folder); the browser downloads instead.',
  ),
} as const;

/** Events of the files domain, with their payload schemas. */
export const filesEvents = {} as const;
