import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { openDatabase, type Database } from '../../../electron/core/db/database.ts';
import {
  DriverError,
  type PeoplePage,
  type TerminalPerson,
  type TerminalSession,
} from '../../../electron/core/drivers/driver.ts';

/** Test helpers of the people index: a database in a temporary folder, terminals and scripted sessions. */

/** A fresh database; `close` closes it and deletes its folder. */
export function tempDatabase(): { db: Database; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fcom-people-index-'));
  const db = openDatabase(join(dir, 'fcom.sqlite'));
  return {
    db,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A trusted, online inventory terminal of `kind`. */
export function terminalOf(serial: string, kind: 'sophon' | 'basip', extra: Partial<Terminal> = {}): Terminal {
  return {
    serial,
    name: `Door ${serial}`,
    kind,
    address: '127.0.0.1',
    port: 1,
    online: true,
    trust: 'trusted',
    apiVersion: kind === 'sophon' ? 'v2' : 'v1',
    ...extra,
  } as Terminal;
}

/**
 * A session listing `people` in pages; `failAt` makes that page index throw (a failed page), `timeoutOnceAt` makes
 * it time out once (then answer).
 */
export function scriptedSession(
  people: readonly TerminalPerson[],
  options: { failAt?: number; shortAt?: number; timeoutOnceAt?: number } = {},
): { session: TerminalSession; pages: number[] } {
  const pages: number[] = [];
  const listPeople = async (pageIndex: number, pageSize: number): Promise<PeoplePage> => {
    pages.push(pageIndex);
    if (pageIndex === options.failAt) throw new Error('connection reset');
    if (pageIndex === options.timeoutOnceAt && pages.filter((p) => p === pageIndex).length === 1) {
      throw new DriverError('retryable', 'The terminal did not answer in time.', 'TIMEOUT');
    }
    const items = people.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);
    // A terminal that ends its list early (an empty page before the stated total).
    if (options.shortAt !== undefined && pageIndex >= options.shortAt) return { items: [], total: people.length };
    return { items, total: people.length };
  };
  return { session: { listPeople } as unknown as TerminalSession, pages };
}

/** A Sophon person as the driver lists them. */
export const sophonPerson = (id: string, name: string, faces: string[] = ['f1']): TerminalPerson => ({
  id,
  name,
  extra: { face_ids: faces.join(','), register_image_ids: '', user_type: '1' },
});

/** A BAS-IP identifier as the driver lists it: with a link_id (its id) or without (the uid is its id). */
export const basipPerson = (uid: number, name: string, linkId: string | null): TerminalPerson => ({
  id: linkId ?? String(uid),
  name,
  extra: { uid: String(uid), type: linkId ? 'card' : 'face_id' },
});
