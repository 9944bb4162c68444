import { z } from 'zod';

/** One IPv4 network adapter of the laptop. */
export const NetworkAdapterSchema = z.object({
  name: z.string(),
  address: z.string(),
  cidr: z.string().nullable(),
  internal: z.boolean(),
});

/** One IPv4 network adapter of the laptop. */
export type NetworkAdapter = z.infer<typeof NetworkAdapterSchema>;

/** Whether the cloud platforms answer: unknown until a cloud is configured and probed. */
export const CloudReachabilitySchema = z.enum(['unknown', 'reachable', 'unreachable']);

/** Whether the cloud platforms answer. */
export type CloudReachability = z.infer<typeof CloudReachabilitySchema>;

/** What the status bar shows. */
export const AppStatusSchema = z.object({
  /** The adapters discovery listens on (the chosen ones, or every non-internal IPv4 adapter). */
  siteAdapters: z.array(NetworkAdapterSchema),
  cloud: CloudReachabilitySchema,
  /** Operations waiting in the sync queue for their target to come back. */
  queuedOperations: z.number().int().nonnegative(),
  /** Operations of the sync queue that need the technician (retry, fix credentials, or discard). */
  attentionOperations: z.number().int().nonnegative(),
});

/** What the status bar shows. */
export type AppStatus = z.infer<typeof AppStatusSchema>;
