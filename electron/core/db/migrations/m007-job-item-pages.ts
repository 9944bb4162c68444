import type { Migration } from './migration.ts';

/** Migration 7: job items: indexes for pages in plan order and counts of large jobs. */
export const MIGRATION_7: Migration = {
  version: 7,
  name: 'job items: indexes for pages in plan order and counts of large jobs',
  // Measured on a 500,000-item job (bench `ui`): a page of items sorted the whole job (ORDER BY seq had no
  // index: 0.1-0.6 s a page), and the counts per terminal and outcome read every row (0.25 s, twice per
  // jobs:show, and every 250 ms while a job runs). job_items_page serves pages in plan order,
  // job_items_filter pages of one outcome (its (job_id, outcome) prefix replaces job_items_outcome), and
  // job_items_counts answers the counts and the verified sums from the index alone.
  sql: `
    CREATE INDEX job_items_page ON job_items (job_id, seq);
    CREATE INDEX job_items_filter ON job_items (job_id, outcome, state, seq);
    CREATE INDEX job_items_counts ON job_items (job_id, terminal, state, outcome, verified);
    DROP INDEX job_items_outcome;
  `,
};
