import type { RemovalMode } from '../../../shared/domain/people-import.ts';
import type { Evidence, ItemOutcome, RemovalTargets } from '../../../shared/domain/removal.ts';
import type { TerminalKind } from '../../../shared/domain/terminal.ts';

/** What a removal job was asked to do (stored as JSON with the job). */
export interface JobOptions {
  mode: RemovalMode;
  verify: boolean;
  devices: RemovalTargets;
}

/** An item as the engine works on it. */
export interface WorkItem {
  id: number;
  seq: number;
  terminal: string;
  terminalKind: TerminalKind;
  idKind: string;
  nativeId: string;
  faceId: string;
  attempts: number;
}

/** One request: the items it carries, recorded before it is sent. */
export interface Batch {
  id: number;
  terminal: string;
  createdAt: number;
  /** When the terminal answered without a per-item result for some items (they wait for a read); else null. */
  answeredAt?: number | null;
  items: WorkItem[];
}

/** The recorded outcome of one item. `unconfirmed`: answered, but not about this item: settled by a read. */
export interface ItemRecord {
  itemId: number;
  outcome: Exclude<ItemOutcome, 'queued'>;
  rawCode: string | null;
  reason: string | null;
  /** What decided the outcome (null: no evidence). */
  evidence?: Evidence | null;
  /** A failure that can never succeed on this terminal (an id not valid for it): never retried. */
  permanent?: boolean;
  /** Unconfirmed, but the terminal's per-item answer said it did not delete it: absent on a read = already absent. */
  notDeleted?: boolean;
}

/** Why a request failed as a whole (kept on the batch and, when attempts run out, on its items). */
export interface BatchFailure {
  rawCode: string | null;
  reason: string;
}

/** Raw code of an item found absent when an unanswered request was checked by reading the terminal. */
export const RECHECK_ABSENT = 'recheck:absent';

/** Raw code of an item a read after its delete still found on the terminal. */
export const RECHECK_PRESENT = 'recheck:present';

/** The columns of a {@link WorkItem}. */
export const WORK_COLUMNS = `id, seq, terminal, terminal_kind AS terminalKind, id_kind AS idKind, native_id AS nativeId,
  face_id AS faceId, attempts`;
