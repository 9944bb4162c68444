import { z } from 'zod';

/** Where the app runs: the Electron shell, the loopback browser host, or the command line. */
export const AppTargetSchema = z.enum(['electron', 'host', 'cli']);

/** Facts about the running app, for the About box, diagnostics and `fcom version`. */
export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  target: AppTargetSchema,
  platform: z.string(),
  arch: z.string(),
  nodeVersion: z.string(),
  dataDir: z.string(),
  databaseSchemaVersion: z.number().int(),
});

/** Facts about the running app. */
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Where the app runs. */
export type AppTarget = z.infer<typeof AppTargetSchema>;
