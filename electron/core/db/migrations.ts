import { MIGRATION_1 } from './migrations/m001-settings-outbox.ts';
import { MIGRATION_2 } from './migrations/m002-sites-terminals.ts';
import { MIGRATION_3 } from './migrations/m003-removal-journal.ts';
import { MIGRATION_4 } from './migrations/m004-cloud-jobs.ts';
import { MIGRATION_5 } from './migrations/m005-sync-queue.ts';
import { MIGRATION_6 } from './migrations/m006-cloud-sync-times.ts';
import { MIGRATION_7 } from './migrations/m007-job-item-pages.ts';
import { MIGRATION_8 } from './migrations/m008-job-item-partial-indexes.ts';
import { MIGRATION_9 } from './migrations/m009-item-evidence.ts';
import { MIGRATION_10 } from './migrations/m010-terminal-identification.ts';
import { MIGRATION_11 } from './migrations/m011-terminal-trust.ts';
import { MIGRATION_12 } from './migrations/m012-push-follow-cache.ts';
import { MIGRATION_13 } from './migrations/m013-job-leases.ts';
import { MIGRATION_14 } from './migrations/m014-people-index.ts';
import { MIGRATION_15 } from './migrations/m015-terminal-label.ts';
import { MIGRATION_16 } from './migrations/m016-job-plans.ts';
import { MIGRATION_17 } from './migrations/m017-job-items-no-id-index.ts';
import { MIGRATION_18 } from './migrations/m018-people-index-per-terminal.ts';
import type { Migration } from './migrations/migration.ts';

export type { Migration } from './migrations/migration.ts';

/**
 * The schema of the local database, oldest first, one file a step in `migrations/`. Never edit a released
 * step: add a new one (the next number) and list it here.
 */
export const MIGRATIONS: readonly Migration[] = [
  MIGRATION_1,
  MIGRATION_2,
  MIGRATION_3,
  MIGRATION_4,
  MIGRATION_5,
  MIGRATION_6,
  MIGRATION_7,
  MIGRATION_8,
  MIGRATION_9,
  MIGRATION_10,
  MIGRATION_11,
  MIGRATION_12,
  MIGRATION_13,
  MIGRATION_14,
  MIGRATION_15,
  MIGRATION_16,
  MIGRATION_17,
  MIGRATION_18,
];
