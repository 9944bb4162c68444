import { z } from 'zod';
import { CloudConfigSchema, CloudNameSchema, CloudTestResultSchema, SetCloudConfigSchema } from '../../domain/cloud.ts';
import { CloudRemovalRequestSchema, CloudRemovalStartedSchema } from '../../domain/permissions.ts';
import { channel, Empty } from './channel.ts';

/** The cloud channels: cloud accounts and Alibaba Cloud face removals. */
export const cloudChannels = {
  'cloud:get-config': channel(
    Empty,
    CloudConfigSchema,
    'The cloud accounts: settings, and whether each credential is saved (never its value).',
  ),
  'cloud:set-config': channel(
    SetCloudConfigSchema,
    CloudConfigSchema,
    "Save one cloud's settings and credentials (a credential set to null is deleted); answers the new config.",
  ),
  'cloud:test': channel(
    z.object({ cloud: CloudNameSchema }).strict(),
    CloudTestResultSchema,
    'Test a cloud account end to end; a failure is a typed error saying what to fix.',
  ),
  'cloud-removal:start': channel(
    CloudRemovalRequestSchema,
    CloudRemovalStartedSchema,
    'Journal an Alibaba Cloud face removal (one item per user and device or space) and run it as a job.',
  ),
} as const;

/** Events of the cloud domain, with their payload schemas. */
export const cloudEvents = {} as const;
