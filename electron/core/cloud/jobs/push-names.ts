import type { Database } from '../../db/database.ts';

/** A channel's name and the name of its access control device, as the technician knows them. */
export interface ChannelName {
  name: string;
  deviceName: string | null;
}

/** A channel as the Tuya channel list names it (the fields the names come from). */
export interface ListedChannel {
  accessControlChannelId: string;
  accessControlChannelName: string | null;
  accessControlName: string | null;
}

/**
 * Where a push's channel names come from when the cloud does not answer, and how they are filled in once it
 * does (issue 18: a push queued offline showed raw channel ids, even after syncing).
 *
 * - At queue time: the last channel list this process read from the cloud (the Permissions view lists it before
 *   the technician picks), else the name journaled with the same channel by an earlier push.
 * - When the cloud answers (a channel list is read, by the view or by a push's pass): every journaled channel
 *   still without a name gets it, in every push, in one transaction.
 */
export interface ChannelNames {
  /** Remembers a channel list the cloud answered and fills the names of journaled channels that had none. */
  learn(list: readonly ListedChannel[]): number;
  /** The names known for these channel ids without asking the cloud (ids without a known name are left out). */
  known(channelIds: readonly string[]): Map<string, ChannelName>;
  /** Whether a push job has channels whose name is not known yet. */
  missing(jobId: string): boolean;
}

/** Creates the {@link ChannelNames} over the push journal (`push_channels`). */
export function createChannelNames(db: Database): ChannelNames {
  const sql = db.sqlite;
  const listed = new Map<string, ChannelName>();
  const fill = sql.prepare(
    `UPDATE push_channels SET channel_name = ?, device_name = COALESCE(device_name, ?)
    WHERE channel_id = ? AND channel_name IS NULL`,
  );
  const journaled = sql.prepare(
    `SELECT channel_name AS name, device_name AS deviceName FROM push_channels
    WHERE channel_id = ? AND channel_name IS NOT NULL ORDER BY id DESC LIMIT 1`,
  );
  const unnamed = sql.prepare(`SELECT 1 AS x FROM push_channels WHERE job_id = ? AND channel_name IS NULL LIMIT 1`);

  return {
    learn(list) {
      let filled = 0;
      db.transaction(() => {
        for (const c of list) {
          if (!c.accessControlChannelName) continue;
          const entry = { name: c.accessControlChannelName, deviceName: c.accessControlName };
          listed.set(c.accessControlChannelId, entry);
          filled += Number(fill.run(entry.name, entry.deviceName, c.accessControlChannelId).changes);
        }
      });
      return filled;
    },
    known(channelIds) {
      const names = new Map<string, ChannelName>();
      for (const id of channelIds) {
        const found = listed.get(id) ?? (journaled.get(id) as ChannelName | undefined);
        if (found) names.set(id, { name: found.name, deviceName: found.deviceName });
      }
      return names;
    },
    missing: (jobId) => unnamed.get(jobId) !== undefined,
  };
}
