import { DatabaseSync } from 'node:sqlite';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../electron/core/compose.ts';

/** What is still to do in the app's journal: unfinished jobs and items without a final outcome. */
export interface OpenWork {
  jobs: string[];
  items: number;
}

/** Reads, read-only and between app processes, the jobs not finished and the items not final. */
export function openWork(dataDir: string): OpenWork {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return { jobs: [], items: 0 };
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const jobs = db
      .prepare(`SELECT id FROM jobs WHERE state NOT IN ('done', 'failed', 'cancelled') ORDER BY created_at`)
      .all() as { id: string }[];
    const items = db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM job_items WHERE state != 'final')
              + (SELECT COUNT(*) FROM push_channels WHERE state != 'final')
              + (SELECT COUNT(*) FROM aliyun_items WHERE state != 'final') AS n`,
      )
      .get() as { n: number };
    return { jobs: jobs.map((j) => j.id), items: items.n };
  } finally {
    db.close();
  }
}
