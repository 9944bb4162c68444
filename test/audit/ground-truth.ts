import type { SimDevice } from '../../tools/sim/common/device.ts';

/** One item as a job reported it: which terminal, which id, and the outcome the app gave it. */
export interface ReportedItem {
  terminal: string;
  idKind: string;
  nativeId: string;
  faceId: string | null;
  outcome: string | null;
}

/** A reported outcome the terminal's real state contradicts. */
export interface FalseOutcome {
  item: ReportedItem;
  problem: 'false-removed' | 'false-already-absent';
  detail: string;
}

/** What the devices held before a job ran, keyed by {@link truthKey} (to audit "already absent"). */
export type HeldBefore = ReadonlyMap<string, boolean>;

/** The key of one item on one terminal. */
export function truthKey(item: Pick<ReportedItem, 'terminal' | 'idKind' | 'nativeId' | 'faceId'>): string {
  return `${item.terminal}|${item.idKind}|${item.nativeId.toLowerCase()}|${item.faceId ?? ''}`;
}

/** Records, before a job runs, which of `items` each simulated terminal really holds (from its store). */
export function snapshotHeld(
  items: readonly Pick<ReportedItem, 'terminal' | 'idKind' | 'nativeId' | 'faceId'>[],
  devices: ReadonlyMap<string, SimDevice>,
): HeldBefore {
  const held = new Map<string, boolean>();
  for (const item of items) {
    const device = devices.get(item.terminal);
    if (device) held.set(truthKey(item), device.holds(item.idKind, item.nativeId, item.faceId));
  }
  return held;
}

/**
 * The ground-truth audit every test that runs a removal job ends with (ARCHITECTURE.md, "Evidence"):
 * compares each reported outcome with the simulator's real state, read from its store, never its API.
 * - `removed` while the terminal still holds the item is a false removal;
 * - `already-absent` while it holds the item, or when it held the item before the job ran (`heldBefore`),
 *   is a false "already absent" (the app would have hidden a person it never removed).
 * Items of terminals not in `devices` are not audited. Answers every false outcome (the invariant: none).
 */
export function auditOutcomes(
  items: readonly ReportedItem[],
  devices: ReadonlyMap<string, SimDevice>,
  heldBefore?: HeldBefore,
): FalseOutcome[] {
  const found: FalseOutcome[] = [];
  for (const item of items) {
    if (item.outcome !== 'removed' && item.outcome !== 'already-absent') continue;
    const device = devices.get(item.terminal);
    if (!device) continue;
    const what = `${item.idKind} ${item.nativeId}${item.faceId ? `/${item.faceId}` : ''} on ${item.terminal}`;
    if (device.holds(item.idKind, item.nativeId, item.faceId)) {
      const problem = item.outcome === 'removed' ? 'false-removed' : 'false-already-absent';
      found.push({ item, problem, detail: `${what} reported ${item.outcome} but the terminal still holds it` });
    } else if (item.outcome === 'already-absent' && heldBefore?.get(truthKey(item)) === true) {
      found.push({
        item,
        problem: 'false-already-absent',
        detail: `${what} reported already absent but the terminal held it before the job`,
      });
    }
  }
  return found;
}
