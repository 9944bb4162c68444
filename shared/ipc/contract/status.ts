import { z } from 'zod';
import { AppStatusSchema, NetworkAdapterSchema } from '../../domain/status.ts';
import { channel, Empty } from './channel.ts';

/** The status channels: the status bar and the network adapters of this computer. */
export const statusChannels = {
  'status:get': channel(Empty, AppStatusSchema, 'What the status bar shows.'),
  'network:adapters': channel(Empty, z.array(NetworkAdapterSchema), 'The IPv4 adapters of this computer.'),
} as const;

/** Events of the status domain, with their payload schemas. */
export const statusEvents = {
  'status:changed': AppStatusSchema,
} as const;
