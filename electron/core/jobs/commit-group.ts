import type { Database } from '../db/database.ts';
import { liveCountsFor } from '../removal/live-counts.ts';

/**
 * Group commit for the journal. With `synchronous = FULL` every commit waits for the disk (about 7 ms on
 * the CI machine's virtual disk), on the app's only thread; 50 lanes recording a claim and an answer per
 * request would need more commits per second than the disk gives. Writes handed to {@link CommitGroup.run}
 * in the same turn of the event loop are committed together, each in its own savepoint (one failing does not
 * undo the others), and every caller is answered only once the shared commit is durable. So the
 * write-ahead rule is kept as it was: a batch is recorded 'sending' before its request goes out, and an
 * answer's records land in one transaction.
 */
export interface CommitGroup {
  /**
   * The database as the journal should see it: `transaction` opens a transaction of its own, or runs the
   * work as part of the group's transaction when called from inside {@link run}.
   */
  readonly db: Database;
  /** Runs `work` in the next group commit; resolves with its value once that commit is on disk. */
  run<T>(work: () => T): Promise<T>;
}

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Creates a {@link CommitGroup} over an open database. */
export function createCommitGroup(db: Database): CommitGroup {
  const sql = db.sqlite;
  let queue: Pending[] = [];
  let scheduled = false;
  let grouping = false;

  const runOne = (pending: Pending): { ok: true; value: unknown } | { ok: false; error: unknown } => {
    sql.exec('SAVEPOINT journal_group_item');
    try {
      const value = pending.work();
      sql.exec('RELEASE journal_group_item');
      return { ok: true, value };
    } catch (error) {
      // A storage fault may have ended the whole transaction: then the group's commit fails too.
      if (!sql.isTransaction) throw error;
      sql.exec('ROLLBACK TO journal_group_item');
      sql.exec('RELEASE journal_group_item');
      // The in-memory counts may have followed writes that were just undone.
      liveCountsFor(sql).forget();
      return { ok: false, error };
    }
  };

  const flush = (): void => {
    scheduled = false;
    const group = queue;
    queue = [];
    let outcomes: ReturnType<typeof runOne>[];
    grouping = true;
    try {
      outcomes = db.transaction(() => group.map(runOne));
    } catch (error) {
      liveCountsFor(sql).forget();
      for (const pending of group) pending.reject(error);
      return;
    } finally {
      grouping = false;
    }
    group.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) pending.resolve(outcome.value);
      else pending.reject(outcome?.error);
    });
  };

  const view: Database = {
    get sqlite() {
      return db.sqlite;
    },
    path: db.path,
    schemaVersion: db.schemaVersion,
    transaction: <T>(work: () => T): T => (grouping ? work() : db.transaction(work)),
    close: () => db.close(),
  };

  return {
    db: view,
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
