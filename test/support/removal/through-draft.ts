import type { RemovalItem, RemovalMode } from '../../../shared/domain/people-import.ts';
import type { RemovalTargets } from '../../../shared/domain/removal.ts';
import type { DraftSummary, PlanStarted, ReviewedPlan } from '../../../shared/domain/removal-draft.ts';
import type { Result } from '../../../shared/result.ts';

/** Any transport's invoke: the handlers, the browser host's WebSocket, the page's `window.api`. */
export type Invoke = (
  channel: string,
  request: unknown,
) => Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } }>;

/** A removal as the tests describe it: a list of items, the targets, and the run's options. */
export interface ListRemoval {
  items: readonly RemovalItem[];
  devices: RemovalTargets;
  mode?: RemovalMode;
  verify?: boolean;
  label?: string;
}

const COLUMNS = ['identity_id', 'link_id', 'uid', 'face_id', 'register_image_id', 'name', 'nativeId'] as const;

/** A list's rows as the CSV a technician would import: one column per id kind the rows use, with its header. */
export function csvOf(items: readonly RemovalItem[]): string {
  const used = COLUMNS.filter((column) => items.some((item) => item[column] !== undefined));
  const cell = (value: unknown): string => (value === undefined ? '' : `"${String(value).replace(/"/g, '""')}"`);
  // Each header a label the importer knows (the native id's is "id").
  const header = used.map((column) => (column === 'nativeId' ? 'id' : column));
  return [header.join(','), ...items.map((item) => used.map((column) => cell(item[column])).join(','))].join('\n');
}

/** Reads a list into a draft (`removal:parse-input`, as an imported CSV file) and answers its summary. */
export async function draftOf(invoke: Invoke, removal: Pick<ListRemoval, 'items' | 'mode' | 'label'>) {
  const csv = csvOf(removal.items);
  const used = COLUMNS.filter((column) => removal.items.some((item) => item[column] !== undefined));
  return (await invoke('removal:parse-input', {
    source: { kind: 'file', fileName: removal.label ?? 'list.csv', base64: Buffer.from(csv).toString('base64') },
    mode: removal.mode ?? 'people',
    mapping: Object.fromEntries(used.map((column, index) => [column, index])),
  })) as Result<DraftSummary>;
}

/** Plans a list through a draft (`removal:parse-input`, then `removal:plan`): the reviewed plan. */
export async function planThroughDraft(invoke: Invoke, removal: ListRemoval): Promise<Result<ReviewedPlan>> {
  const draft = await draftOf(invoke, removal);
  if (!draft.ok) return draft;
  return (await invoke('removal:plan', {
    draftId: draft.value.draftId,
    devices: removal.devices,
    ...(removal.verify === undefined ? {} : { verify: removal.verify }),
  })) as Result<ReviewedPlan>;
}

/**
 * Starts a removal of a list the way the app does: into a draft, planned, then that plan started
 * (`removal:start {planId}`); the first refusal is the answer.
 */
export async function startThroughDraft(invoke: Invoke, removal: ListRemoval): Promise<Result<PlanStarted>> {
  const plan = await planThroughDraft(invoke, removal);
  if (!plan.ok) return plan;
  return (await invoke('removal:start', { planId: plan.value.planId })) as Result<PlanStarted>;
}
