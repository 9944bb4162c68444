import { randomUUID } from 'node:crypto';
import type { ColumnMapping, ImportIssue, RemovalItem, RemovalMode } from '../../../shared/domain/people-import.ts';
import type { ParsedInput, RemovalInputSource } from '../../../shared/domain/removal-input.ts';
import {
  DraftPageRequestSchema,
  type DraftEditRequest,
  type DraftInput,
  type DraftPage,
  type DraftPageRequest,
  type DraftPickRequest,
  type DraftReadRequest,
  type DraftSummary,
  type PickedPerson,
} from '../../../shared/domain/removal-draft.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import { AppError } from '../../../shared/errors.ts';
import { parseRemovalInput } from '../people-import/parse-input.ts';
import { createBoundedStore, type StoreBounds } from './bounded-store.ts';
import { cloudUserIds, indexedPicks, isPanelLocal, removalItems, terminalPicks, withoutPick } from './draft-items.ts';
import { draftGone } from './errors.ts';

/** One removal list held in the core: the input as read, its valid items, and the picks. Never changed in place. */
export interface Draft {
  readonly id: string;
  readonly mode: RemovalMode;
  /** What was pasted or imported, kept to read it again in another mode or with other columns. */
  readonly source: RemovalInputSource | null;
  /** Where the list came from (job lists): the request's label, else the imported file's name; null for none. */
  readonly label: string | null;
  readonly read: { mapping?: ColumnMapping; column?: string; names?: boolean };
  readonly input: ParsedInput | null;
  readonly picked: readonly PickedPerson[];
  /** What a removal sends: the input's items, then the picks not already in it (see {@link removalItems}). */
  readonly items: readonly RemovalItem[];
}

/** The default bounds: a few lists at a time (each up to 200,000 rows), dropped after 6 hours unused. */
export const DRAFT_BOUNDS: StoreBounds = { maxEntries: 8, maxIdleMs: 6 * 60 * 60 * 1000 };

/** The removal lists of this process (the wizard's, the CLI's). */
export interface DraftStore {
  /** Reads pasted text or a file into a draft (new, or `draftId`'s input replaced), or reads its input again. */
  read(request: DraftReadRequest & { mode: RemovalMode }): DraftSummary;
  /** Adds people of a terminal's list or of the people index (a new draft without `draftId`). */
  pick(request: DraftPickRequest): DraftSummary;
  edit(request: DraftEditRequest): DraftSummary;
  summary(draftId: string): DraftSummary;
  page(request: DraftPageRequest): DraftPage;
  /** The draft; NOT_FOUND ("import it again") when unknown, discarded or expired. */
  require(draftId: string): Draft;
}

/** What the drafts need: the terminal a pick comes from (its kind decides the id kind), and the clock. */
export interface DraftStoreDeps {
  terminal(serial: string): Terminal | undefined;
  now?: () => number;
  bounds?: StoreBounds;
  newId?: () => string;
}

const withoutItems = (input: ParsedInput): DraftInput => {
  const { items, ...list } = input.list;
  return { ...input, list: { ...list, valid: items.length } };
};

/** Creates the {@link DraftStore} (in memory, bounded by count and idle age). */
export function createDraftStore(deps: DraftStoreDeps): DraftStore {
  const drafts = createBoundedStore<Draft>(deps.bounds ?? DRAFT_BOUNDS, deps.now ?? Date.now);
  const newId = deps.newId ?? randomUUID;

  const require = (draftId: string): Draft => {
    const draft = drafts.get(draftId);
    if (!draft) throw draftGone(draftId);
    return draft;
  };
  const empty = (): Draft => ({
    id: newId(),
    mode: 'people',
    source: null,
    label: null,
    read: {},
    input: null,
    picked: [],
    items: [],
  });
  const save = (draft: Omit<Draft, 'items'>): DraftSummary => {
    const items = removalItems(draft.input?.list.items ?? [], draft.picked, draft.mode);
    const saved: Draft = { ...draft, items };
    drafts.put(saved.id, saved);
    return summaryOf(saved);
  };
  const summaryOf = (draft: Draft): DraftSummary => ({
    draftId: draft.id,
    mode: draft.mode,
    label: draft.label,
    input: draft.input ? withoutItems(draft.input) : null,
    picked: draft.picked.length,
    total: draft.items.length,
    panelLocal: draft.mode === 'people' ? draft.picked.filter((p) => isPanelLocal(p.item)).length : 0,
    cloudUsers: cloudUserIds(draft.items).length,
  });
  const readInto = (draft: Draft, mode: RemovalMode, read: Draft['read']): DraftSummary => {
    const input = draft.source
      ? parseRemovalInput({ source: draft.source, mode, mapping: read.mapping, column: read.column, names: read.names })
      : null;
    return save({ ...draft, mode, read, input });
  };

  return {
    read(request) {
      const draft = request.draftId === undefined ? empty() : require(request.draftId);
      const source = request.source ?? draft.source;
      const label =
        request.label ??
        (request.source ? (request.source.kind === 'file' ? request.source.fileName : null) : draft.label);
      const read = {
        ...(request.mapping ? { mapping: request.mapping } : {}),
        ...(request.column === undefined ? {} : { column: request.column }),
        ...(request.names === undefined ? {} : { names: request.names }),
      };
      return readInto({ ...draft, source, label }, request.mode, read);
    },
    pick(request) {
      const draft = request.draftId === undefined ? empty() : require(request.draftId);
      const { from } = request;
      if (from.kind === 'index') return save({ ...draft, picked: indexedPicks(draft.picked, from.hits) });
      const kind = deps.terminal(from.serial)?.kind ?? 'unknown';
      if (kind === 'unknown') {
        throw new AppError(
          'VALIDATION',
          `Terminal ${from.serial} is not of a known kind, so its people cannot be picked: identify it in Devices first.`,
          {
            reason: 'unknown-kind',
            serial: from.serial,
            messageCode: 'removal.unknown-kind',
            params: { serial: from.serial },
          },
        );
      }
      return save({ ...draft, picked: terminalPicks(draft.picked, from.serial, kind, from.people) });
    },
    edit({ draftId, edit }) {
      const draft = require(draftId);
      if (edit.kind === 'unpick') return save({ ...draft, picked: withoutPick(draft.picked, edit.serial, edit.id) });
      if (edit.kind === 'clear-input') return save({ ...draft, source: null, label: null, read: {}, input: null });
      return readInto(draft, edit.mode, edit.mode === draft.mode ? draft.read : {});
    },
    summary: (draftId) => summaryOf(require(draftId)),
    page(request) {
      const { draftId, part, offset, limit } = DraftPageRequestSchema.parse(request);
      const draft = require(draftId);
      const slice = <T>(rows: readonly T[]): T[] => rows.slice(offset, offset + limit);
      if (part === 'items') return { draftId, part, offset, total: draft.items.length, items: slice(draft.items) };
      if (part === 'picked') return { draftId, part, offset, total: draft.picked.length, picked: slice(draft.picked) };
      const errors: readonly ImportIssue[] = draft.input?.list.errors ?? [];
      return { draftId, part, offset, total: errors.length, errors: slice(errors) };
    },
    require,
  };
}
