import { z } from 'zod';

/** Whether mDNS browsing runs, and on which adapters and service types. */
export const BrowsingStateSchema = z.object({
  browsing: z.boolean(),
  adapters: z.array(z.string()),
  serviceTypes: z.array(z.string()),
});

/** Whether mDNS browsing runs. */
export type BrowsingState = z.infer<typeof BrowsingStateSchema>;

/** One person as a terminal lists them. */
export const TerminalPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  extra: z.record(z.string(), z.string()),
});

/** One page of people on a terminal. */
export const PeoplePageSchema = z.object({
  items: z.array(TerminalPersonSchema),
  /** Everyone on the terminal as it states it; null when its answer does not say. */
  total: z.number().int().nonnegative().nullable(),
});

/** A terminal's local API username and password, as typed by the technician. */
export const CredentialsInputSchema = z.object({
  username: z.string().trim().min(1).max(128),
  password: z.string().max(256),
});

/** The request of `devices:add`. */
export const AddDeviceRequestSchema = z
  .object({
    address: z.string().trim().min(1).max(300),
    kind: z.enum(['sophon', 'basip']).optional(),
    credentials: CredentialsInputSchema.optional(),
    /** Names this add so `devices:cancel-add` can stop it (chosen by the caller, e.g. a random UUID). */
    requestId: z.string().min(1).max(64).optional(),
  })
  .strict();
